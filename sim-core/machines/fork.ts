// fork(2)'s memory side: dup_mm, then dup_mmap copies each VMA (anon_vma_fork) and its page tables
// (copy_page_range, write-protecting both sides), then flush_tlb_mm(oldmm) for the parent's PTEs.
import { DUP_VMA, FORK_BASE } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { type MmId, mmId, type TaskId, type VmaId } from '../model/ids';
import { hex } from '../model/layout';
import type { Mm } from '../model/mm';
import type { Vma } from '../model/vma';
import { vmaHas } from '../model/vma';
import { cpuNode } from '../model/world';
import { copyPteRange, dupVma, vmaNeedsCopy } from '../kernel/fork';
import { splitFlushed, splitStep, splitWaitState } from '../kernel/huge-split';
import { Plan } from '../kernel/plan';
import { shootdownData, TLB_FLUSH_ALL } from '../kernel/tlb';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { plural } from '../kernel/words';

/** A fork in progress. */
export interface ForkData {
  readonly parent: MmId;
  readonly childTask: TaskId;
  readonly child: MmId | null;
  readonly vmas: readonly VmaId[];
  readonly index: number;
  readonly cursor: number;
  readonly childVma: Vma | null;
  readonly result: OpResult | null;
}

type C = StepCtx<ForkData>;
type O = StepOut<ForkData>;
const FORK = 'kernel/fork.c';
const MMAP = 'mm/mmap.c';

const machine = machineSetup.createMachine({
  id: 'fork',
  initial: 'mmap_lock',
  states: {
    ...lockStates('dup_mm'),
    dup_mm: { description: 'copy_process → dup_mm: a new mm and PGD', on: { DUP: 'dup_vma', FLUSH: 'flush_tlb_mm' } },
    dup_vma: { description: 'vm_area_dup + anon_vma_fork', on: { COPY: 'copy_page_range', NEXT: 'dup_vma', FLUSH: 'flush_tlb_mm' } },
    copy_page_range: { description: 'copy PTEs, write-protect both sides', on: { MORE: 'copy_page_range', SPLIT: { target: 'wait_split', actions: 'spawn' }, NEXT: 'dup_vma', FLUSH: 'flush_tlb_mm' } },
    ...splitWaitState('copy_page_range'),
    flush_tlb_mm: { description: 'flush the parent, whose PTEs lost RW', on: { FLUSH: { target: 'wait_flush', actions: 'spawn' } } },
    wait_flush: { description: 'waiting for the flush', on: { FLUSHED: 'done' } },
    done: { type: 'final' },
  },
});

function mm(c: C, id: MmId | null): Mm {
  const m = id === null ? undefined : c.world.mms.get(id);
  if (!m) throw new Error('fork lost an mm');
  return m;
}

function dupMm(c: C): O {
  const d = c.actor.data;
  const parent = mm(c, d.parent);
  const plan = new Plan();
  const child = mmId(plan.id(c.world, 'mm'));
  const name = c.program.tasks[d.childTask]?.process ?? 'child';
  plan.add({ op: 'mm_create', mm: child, process: name, ctxId: plan.id(c.world, 'ctx'), pgd: 'pgd', node: cpuNode(c.world.cfg, c.actor.cpu) })
    .add({ op: 'task_mm', task: d.childTask, mm: child });
  const vmas = parent.vmas.map((v) => v.id);
  return {
    event: vmas.length ? 'DUP' : 'FLUSH', fn: { file: FORK, name: 'dup_mm' }, cost: FORK_BASE, plan: plan.ops, marks: MARK.alloc,
    data: { ...d, child, vmas, index: 0 },
    say: `copy_process → dup_mm: the child gets its own mm (process '${name}') and PGD (pfn {pgd}); ${plural(vmas.length, 'VMA')} to copy`,
  };
}

function nextEvent(d: ForkData, index: number): 'NEXT' | 'FLUSH' {
  return index < d.vmas.length ? 'NEXT' : 'FLUSH';
}

function dup(c: C): O {
  const d = c.actor.data;
  const parent = mm(c, d.parent);
  const pv = parent.vmas.find((v) => v.id === d.vmas[d.index]);
  const fn = { file: MMAP, name: 'dup_mmap' };
  if (!pv) return { event: nextEvent(d, d.index + 1), fn, cost: 0, data: { ...d, index: d.index + 1 }, say: 'the VMA is gone; skip it' };
  if (vmaHas(pv, 'DONTCOPY')) {
    return { event: nextEvent(d, d.index + 1), fn, cost: 100, data: { ...d, index: d.index + 1 }, say: `[${hex(pv.start)}, ${hex(pv.end)}) is VM_DONTCOPY (MADV_DONTFORK): the child does not get it` };
  }
  const plan = new Plan();
  const cv = dupVma(c.world, plan, mm(c, d.child), pv);
  const copy = vmaNeedsCopy(pv);
  const av = pv.anonVma !== null ? `; anon_vma_fork links it to the parent's anon_vma #${pv.anonVma} and gives it anon_vma #${cv.anonVma} for its own future COW pages` : '';
  return {
    event: copy ? 'COPY' : nextEvent(d, d.index + 1), fn: { file: 'mm/rmap.c', name: pv.anonVma !== null ? 'anon_vma_fork' : 'vm_area_dup' },
    cost: DUP_VMA, plan: plan.ops, data: copy ? { ...d, childVma: cv, cursor: pv.start } : { ...d, index: d.index + 1 },
    say: `vm_area_dup copies [${hex(pv.start)}, ${hex(pv.end)})${av}${copy ? '' : '; no anon_vma, so no page tables to copy (the child faults lazily)'}`,
  };
}

function copy(c: C): O {
  const d = c.actor.data;
  const parent = mm(c, d.parent);
  const pv = parent.vmas.find((v) => v.id === d.vmas[d.index]);
  if (!pv || !d.childVma) throw new Error('copy_page_range without a VMA');
  const plan = new Plan();
  const r = copyPteRange(c.world, plan, parent, mm(c, d.child), pv, d.childVma, d.cursor, cpuNode(c.world.cfg, c.actor.cpu));
  const more = r.cursor < pv.end;
  if (r.split) return { ...splitStep(c.world, parent.id, r.cursor, 'the THP may be DMA-pinned: copy_huge_pmd splits the parent\'s PMD and retries at PTE level'), cost: r.cost + 50, plan: plan.ops, data: { ...d, cursor: r.cursor } };
  const parts = [
    r.huge ? 'copy_huge_pmd shares the THP: one PMD in each process, both read-only, refcount and mapcount +1; a PTE table is deposited for the child' : '',
    r.shared ? `${plural(r.shared, 'page')} now shared copy-on-write (mapcount and refcount +1, AnonExclusive cleared, both PTEs read-only)` : '',
    r.copied ? `${plural(r.copied, 'maybe-pinned page')} copied for the child at once (copy_present_page)` : '',
    r.zero ? `${plural(r.zero, 'zero-page PTE')} copied as they are` : '',
    r.swapped ? `${plural(r.swapped, 'swap entry', 'swap entries')} duplicated (swap_duplicate; both now non-exclusive)` : '',
  ].filter(Boolean);
  return {
    event: more ? 'MORE' : nextEvent(d, d.index + 1), fn: { file: 'mm/memory.c', name: 'copy_pte_range' }, cost: r.cost + 50, plan: plan.ops,
    data: more ? { ...d, cursor: r.cursor } : { ...d, index: d.index + 1, childVma: null }, marks: r.copied ? MARK.alloc : 0,
    say: `copy_pte_range up to ${hex(r.cursor)}: ${parts.join('; ') || 'no present PTEs'}`,
  };
}

function flush(c: C): O {
  const d = c.actor.data;
  return {
    event: 'FLUSH', fn: { file: MMAP, name: 'dup_mmap' }, cost: 0, marks: MARK.flush,
    say: 'flush_tlb_mm(oldmm): the parent lost write permission on its PTEs; on x86 flush_tlb_mm passes freed_tables = true, so even lazy CPUs are IPIed',
    out: { spawn: { kind: 'flush_tlb_mm_range', data: shootdownData(d.parent, 0, TLB_FLUSH_ALL, true, 'dup_mmap (flush_tlb_mm)') } },
  };
}

function done(c: C): O {
  const d = c.actor.data;
  const pid = 100 + d.childTask;
  return { event: 'FLUSHED', fn: { file: FORK, name: 'kernel_clone' }, cost: 0, data: { ...d, result: { ret: pid, errno: null } }, say: `fork returns the child's pid (${pid}) to the parent` };
}

/** The fork machine. */
export const forkDef: MachineDef<ForkData> = {
  kind: 'fork', machine, handlers: {
    // dup_mmap: mmap_write_lock on the parent and vma_start_write on every VMA it copies.
    ...lockHandlers<ForkData>((c) => ({ mm: c.actor.data.parent, write: true, range: null }), 'fork'),
    dup_mm: dupMm, dup_vma: dup, copy_page_range: copy, flush_tlb_mm: flush, wait_flush: done,
    wait_split: splitFlushed('copy_pte_range') }, waiting: states('wait_flush', 'wait_split', LOCK_WAIT),
};
