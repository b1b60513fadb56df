// Shared pieces of the page-fault handlers (arch/x86/mm/fault.c, mm/memory.c).
import type { OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { MmId, Pfn, TaskId } from '../model/ids';
import { hex, PAGE_SIZE, alignDown } from '../model/layout';
import type { Mm } from '../model/mm';
import { walk, type WalkStep } from '../model/pagetable';
import { nodeFreePages } from '../model/physmem';
import type { HugePmd, Pte } from '../model/pte';
import type { Vma } from '../model/vma';
import { cpuNode, type World } from '../model/world';
import { Plan } from './plan';

/** One page fault in progress (struct vm_fault, plus where it came from). */
export interface FaultData {
  readonly mm: MmId;
  readonly task: TaskId;
  /** The faulting address (vmf->real_address); vmf->address is this rounded down to the page. */
  readonly addr: number;
  readonly write: boolean;
  readonly vma: Vma | null;
  /** vmf->orig_pte as read by handle_pte_fault. */
  readonly orig: Pte | null;
  /** The folio wp_page_copy (or a THP replacement) allocated. */
  readonly newFolio: Pfn | null;
  /** The THP a replacement unmaps (before 5.8 COW copied whole THPs). */
  readonly hugeOld: Pfn | null;
  /** vmf->orig_pmd as do_huge_pmd_wp_page saw it under the PMD lock (for its later pmd_same). */
  readonly origPmd?: HugePmd | null;
  /** The 2 MiB whose PMD lock a THP replacement holds from pmdp_huge_clear_flush to set_pmd_at. */
  readonly pmdLocked?: number | null;
  /** The wait queue the fault sleeps on (migration_entry_wait: the old folio's PG_locked). */
  readonly waitOn: string | null;
  /** FAULT_FLAG_TRIED: a retry after VM_FAULT_RETRY (handle_userfault); mm_account_fault counts it major. */
  readonly tried: boolean;
  /** Raised by GUP's faultin_page for pin_user_pages: no FAULT_FLAG_ALLOW_RETRY, so it cannot sleep in handle_userfault. */
  readonly gup?: boolean;
  readonly result: OpResult | null;
}

/** Data for a new fault. */
export function faultData(mm: MmId, task: TaskId, addr: number, write: boolean, gup = false): FaultData {
  return { mm, task, addr, write, vma: null, orig: null, newFolio: null, hugeOld: null, waitOn: null, tried: false, gup, result: null };
}

/** Handler context and output for faults. */
export type FCtx = StepCtx<FaultData>;
export type FOut = StepOut<FaultData>;

/** The page-aligned fault address (vmf->address). */
export const pageAddr = (d: FaultData): number => alignDown(d.addr, PAGE_SIZE);

/** The faulting mm; a fault outliving its mm is an engine bug. */
export function faultMm(w: World, d: FaultData): Mm {
  const mm = w.mms.get(d.mm);
  if (!mm) throw new Error(`fault on a dead mm ${d.mm}`);
  return mm;
}

/** The software walk for the fault address, from the PGD down. */
export function faultWalk(w: World, d: FaultData): WalkStep[] {
  return walk(w.tables, faultMm(w, d).pgd, d.addr);
}

/** The walk step at a level, if the walk reached it. */
export function atLevel(ws: readonly WalkStep[], level: number): WalkStep | undefined {
  return ws.find((s) => s.level === level);
}

/** NUMA node new memory for this fault comes from (the CPU's node: default local policy). */
export function faultNode(w: World, cpu: number): number {
  return cpuNode(w.cfg, cpu);
}

/** True if `pages` frames can be allocated somewhere (the zonelist falls back over nodes). */
export function canAlloc(w: World, pages: number): boolean {
  let free = 0;
  for (let n = 0; n < w.cfg.nodes; n++) free += nodeFreePages(w.mem, n);
  return free >= pages;
}

/**
 * mm_account_fault (mm/memory.c) for a fault that completed: pgfault, and maj_flt when the fault did
 * I/O or is a retry (`major = (ret & VM_FAULT_MAJOR) || (flags & FAULT_FLAG_TRIED)`), else min_flt.
 */
export function accountFault(plan: Plan, d: Pick<FaultData, 'tried'>, major = false): Plan {
  return plan.count('faults.total').count(major || d.tried ? 'faults.major' : 'faults.minor');
}

/** A fault ending in a signal; `counted` when handle_mm_fault ran (VM_FAULT_ERROR still counts pgfault). */
export function faultSignal(c: FCtx, signal: string, why: string, name: { file: string; name: string }, cost: number, counted: boolean): FOut {
  const plan = new Plan();
  if (counted) plan.count('faults.total');
  return {
    event: signal === 'SIGSEGV' ? 'SEGV' : signal === 'SIGBUS' ? 'SIGBUS' : 'OOM', fn: name, cost, plan: plan.ops,
    say: `${why}: the task gets ${signal}`, data: { ...c.actor.data, result: { ret: null, errno: null, signal } }, marks: MARK.fault,
  };
}

/** The completed fault's result. */
export const FAULT_OK: OpResult = { ret: 0, errno: null };

/** Describes the fault for narration. */
export function faultWhat(d: FaultData): string {
  return `${d.write ? 'write' : 'read'} fault at ${hex(d.addr)}`;
}
