// Builds a Frame (frame.ts) from the engine's state. Runs in the worker; pure.
import type { StepRecord } from '../../sim-core/engine/engine';
import { counterReport } from '../../sim-core/engine/run';
import type { SimState } from '../../sim-core/engine/state';
import type { Actor } from '../../sim-core/engine/types';
import { stateName } from '../../sim-core/engine/xrun';
import type { PlanOp } from '../../sim-core/kernel/plan';
import { type Cpu } from '../../sim-core/model/cpu';
import { hex, PAGE_SIZE } from '../../sim-core/model/layout';
import { findPte, type PageTable } from '../../sim-core/model/pagetable';
import { describePte, type Pte, type TableEntry } from '../../sim-core/model/pte';
import { flagsToProt, vmFlagsString } from '../../sim-core/model/vma';
import type { TaskStatus, World } from '../../sim-core/model/world';
import { MACHINES } from '../../sim-core/machines';
import type { CpuView, Frame, MmView, StepView, TableView, TlbView } from './frame';
import { PTE_KIND } from './frame';
import { migrationViews, reclaimViews, rmapWalkViews } from './build-walks';
import { uffdViews } from './build-uffd';
import { folioViews } from './folio-views';

function kindCode(e: Pte | TableEntry): number {
  switch (e.kind) {
    case 'none': return PTE_KIND.none;
    case 'present': return e.special ? PTE_KIND.zero : e.protnone ? PTE_KIND.protnone : e.rw ? PTE_KIND.present_rw : PTE_KIND.present_ro;
    case 'swap': return PTE_KIND.swap;
    case 'migration': return PTE_KIND.migration;
    case 'marker': return PTE_KIND.marker;
    case 'file': return PTE_KIND.file;
    case 'table': return PTE_KIND.table;
    case 'huge': return PTE_KIND.huge;
  }
}

function tableView(t: PageTable): TableView {
  const kinds = new Uint8Array(512);
  const pfns = new Int32Array(512).fill(-1);
  const bits = new Uint8Array(512);
  t.entries.forEach((e, i) => {
    kinds[i] = kindCode(e);
    if (e.kind === 'present' || e.kind === 'migration' || e.kind === 'table' || e.kind === 'huge') pfns[i] = e.pfn;
    if (e.kind === 'present') bits[i] = (e.dirty ? 1 : 0) | (e.accessed ? 2 : 0) | (e.uffd_wp ? 4 : 0) | (e.soft_dirty ? 8 : 0);
    // The uffd-wp bit also lives on swap entries (_PAGE_SWP_UFFD_WP) and as PTE_MARKER_UFFD_WP.
    else if ((e.kind === 'swap' && e.uffd_wp) || (e.kind === 'marker' && e.marker === 'uffd_wp') || (e.kind === 'huge' && e.uffd_wp)) bits[i] = 4;
  });
  return { pfn: t.pfn, level: t.level, base: t.base, used: t.used, kinds, pfns, bits };
}

function tlbView(w: World, c: Cpu): TlbView[] {
  return c.tlb.map((e) => {
    const mm = w.mms.get(e.mm);
    const pte = mm ? findPte(w.tables, mm.pgd, e.vpn * PAGE_SIZE)?.entry : undefined;
    const stale = !(pte?.kind === 'present' && !pte.protnone && pte.pfn === e.pfn && (pte.rw || !e.writable));
    const slot = c.asids[e.asid];
    const dormant = c.loadedMm !== e.mm || c.asid !== e.asid || slot?.mm !== e.mm || (c.isLazy && mm !== undefined && (slot?.tlbGen ?? 0) < mm.tlbGen);
    return { vpn: e.vpn, vaddr: e.vpn * PAGE_SIZE, pfn: e.pfn, writable: e.writable, dirty: e.dirty, asid: e.asid, mm: e.mm, process: mm?.process ?? '(gone)', stale, dormant };
  });
}

// How a task of a CPU that is not running there stands (exited and killed tasks are not listed).
const OFF_CPU: Partial<Record<TaskStatus, string>> = { new: 'not started yet', running: 'ready', blocked: 'blocked', sleeping: 'asleep', user: 'preempted, runs in user space' };

/** The live tasks of CPU `c` other than the one it runs. */
function othersOn(w: World, c: Cpu): string[] {
  const out: string[] = [];
  for (const t of w.tasks) {
    const how = OFF_CPU[t.status];
    if (t.cpu === c.id && t.id !== c.task && how) out.push(`${t.name} (${how})`);
  }
  return out;
}

function cpuView(w: World, c: Cpu): CpuView {
  const t = c.task === null ? undefined : w.tasks[c.task];
  const proc = (id: number | null) => (id === null ? null : (w.mms.get(id as never)?.process ?? '(gone)'));
  return {
    id: c.id, node: c.node, task: t?.name ?? null, taskStatus: t?.status ?? null, others: othersOn(w, c), mm: c.loadedMm, process: proc(c.loadedMm), lazy: c.isLazy,
    asid: c.asid, asids: c.asids.map((a) => ({ mm: a.mm, process: proc(a.mm), tlbGen: a.tlbGen })), tlb: tlbView(w, c), clock: c.clock,
  };
}

function mmViews(w: World): MmView[] {
  const tablesOf = new Map<number, TableView[]>();
  for (const t of w.tables.values()) {
    const l = tablesOf.get(t.mm) ?? [];
    l.push(tableView(t));
    tablesOf.set(t.mm, l);
  }
  return [...w.mms.values()].map((m) => ({
    id: m.id, process: m.process, pgd: m.pgd, cpumask: m.cpumask.flatMap((b, i) => (b ? [i] : [])), tlbGen: m.tlbGen,
    flushPending: m.tlbFlushPending, rss: { ...m.rss }, pgtables: m.nrPgtables, hasPinned: m.hasPinned,
    vmas: m.vmas.map((v) => ({ id: v.id, start: v.start, end: v.end, pages: (v.end - v.start) / PAGE_SIZE, prot: flagsToProt(v.flags), flags: vmFlagsString(v.flags), anonVma: v.anonVma, pgoff: v.pgoff })),
    tables: (tablesOf.get(m.id) ?? []).sort((a, b) => b.level - a.level || a.base - b.base),
  }));
}

/** Largest number of folios a frame lists (bigger runs are summarised by the kind array). */
export const MAX_FOLIOS = 20_000;

function actorDetail(a: Actor): string {
  const d = a.data as Record<string, unknown>;
  if (a.kind === 'flush_tlb_mm_range') {
    const targets = (d.targets as { ipi: boolean }[] | undefined)?.filter((t) => t.ipi).length ?? 0;
    return targets ? `acks ${String(d.acked)} of ${targets}` : '';
  }
  if (a.kind === 'fault' && typeof d.addr === 'number') return `${d.write ? 'write' : 'read'} at ${hex(d.addr)}`;
  if (typeof d.start === 'number' && typeof d.end === 'number' && d.end > d.start) return `[${hex(d.start)}, ${hex(d.end)})`;
  return '';
}

function describeOp(op: PlanOp): string {
  // An if, not a switch: only set_entry needs its own wording, the rest print their fields.
  if (op.op === 'set_entry') {
    return `set_entry table ${typeof op.table === 'number' ? op.table : op.table.ref}[${op.index}] = ${op.entry.kind === 'table' ? `table ${typeof op.entry.pfn === 'number' ? op.entry.pfn : op.entry.pfn.ref}` : describePte({ ...op.entry, pfn: typeof (op.entry as { pfn?: unknown }).pfn === 'number' ? (op.entry as { pfn: number }).pfn : 0 } as Pte)}`;
  }
  const { op: name, ...rest } = op;
  return `${name} ${JSON.stringify(rest)}`;
}

function touched(ops: readonly PlanOp[], r: StepRecord): string[] {
  const out = new Set<string>([`cpu:${r.cpu}`]);
  for (const op of ops) {
    if ('pfn' in op && typeof op.pfn === 'number') out.add(`pfn:${op.pfn}`);
    if (op.op === 'set_entry') {
      if (typeof op.table === 'number') out.add(`pt:${op.table}`);
      const p = (op.entry as { pfn?: unknown }).pfn;
      if (typeof p === 'number') out.add(`pfn:${p}`);
    }
    if (op.op === 'vma_replace') for (const v of op.insert) out.add(`vma:${v.id}`);
    if ('cpu' in op && typeof op.cpu === 'number') out.add(`cpu:${op.cpu}`);
  }
  return [...out];
}

/** The narrated record of a step. */
export function stepView(r: StepRecord): StepView {
  return {
    step: r.step, actor: r.actor, kind: r.kind, cpu: r.cpu, task: null, from: r.from, to: r.to, event: r.event, file: r.fn.file, fn: r.fn.name,
    say: r.say, cost: r.cost, at: r.at, marks: r.marks, violations: r.violations, runnable: r.runnable, diff: r.plan.slice(0, 200).map(describeOp), touched: touched(r.plan, r),
  };
}

/** Builds the frame for `s` (the state after `s.step` steps), with the step that led to it. */
export function buildFrame(s: SimState, total: number, record: StepRecord | null): Frame {
  const w = s.world;
  const actors = [...s.actors.values()];
  return {
    step: s.step, total, time: Math.max(0, ...w.cpus.map((c) => c.clock)),
    record: record ? { ...stepView(record), task: record.task === null ? null : (w.tasks[record.task]?.name ?? null) } : null,
    cpus: w.cpus.map((c) => cpuView(w, c)),
    mms: mmViews(w),
    memory: {
      nodes: w.mem.nodes, framesPerNode: w.mem.framesPerNode, kind: w.mem.kind.slice(), folios: folioViews(w, MAX_FOLIOS),
      pagetables: [...w.tables.values()].map((t) => ({ pfn: t.pfn, level: t.level, mm: t.mm })),
    },
    anonVmas: [...w.rmap.anonVmas.values()].map((a) => ({ id: a.id, root: a.root, parent: a.parent, vmas: (w.rmap.vmasOfAnon.get(a.id) ?? []).slice() })),
    actors: actors.map((a) => ({
      id: a.id, kind: a.kind, cpu: a.cpu, task: a.task === null ? null : (w.tasks[a.task]?.name ?? null), state: stateName(a.snapshot),
      waiting: MACHINES.get(a.kind)?.waiting.has(stateName(a.snapshot)) ?? false, detail: actorDetail(a), parent: a.parent,
    })),
    rmapWalks: rmapWalkViews(w, actors),
    migrations: migrationViews(actors),
    reclaims: reclaimViews(actors),
    ipis: actors.filter((a) => a.kind === 'flush_tlb_func').map((a) => {
      const d = a.data as { info: { initiator: number }; initiator: number };
      return { from: d.info.initiator, to: a.cpu, initiator: d.initiator, state: a.readyAt > (w.cpus[a.cpu]?.clock ?? 0) ? 'in-flight' as const : 'handled' as const };
    }),
    counters: counterReport(w),
    results: s.results,
    violations: s.violations,
    regions: [...w.regions.entries()].map(([name, r]) => ({ name, addr: r.addr, pages: r.pages })),
    uffds: uffdViews(w, actors, record),
  };
}
