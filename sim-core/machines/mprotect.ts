// mprotect(2) (mm/mprotect.c do_mprotect_pkey): one mmu_gather for the call; per VMA
// mprotect_fixup (merge or split, set flags) then change_protection per PTE table; one flush at the end.
import type { MachineDef, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { hex, PAGE_SIZE } from '../model/layout';
import { vmaLookup, vmasInRange } from '../model/mm';
import { VM, type Vma } from '../model/vma';
import { newGather } from '../kernel/mmu-gather';
import { splitFlushed, splitStep, splitWaitState } from '../kernel/huge-split';
import { changePteRange } from '../kernel/mprotect';
import { Plan } from '../kernel/plan';
import { shootdownData, TLB_FLUSH_ALL } from '../kernel/tlb';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { thpSplitFlushed, thpSplitWaitState } from '../kernel/vma-modify';
import { type ModifyData, modifyStep } from './modify-loop';
import { plural } from '../kernel/words';

/** An mprotect call: the shared walk plus the new protection. */
export interface MprotectData extends ModifyData { readonly prot: 'none' | 'r' | 'rw' }

type C = StepCtx<MprotectData>;
type O = StepOut<MprotectData>;
const MP = 'mm/mprotect.c';

const machine = machineSetup.createMachine({
  id: 'mprotect',
  initial: 'mmap_lock',
  states: {
    ...lockStates('do_mprotect_pkey'),
    do_mprotect_pkey: { description: 'check the range; tlb_gather_mmu', on: { FIXUP: 'mprotect_fixup', ERROR: 'done' } },
    mprotect_fixup: { description: 'merge or split the VMA, set its flags', on: { SPLIT: 'mprotect_fixup', SPLIT_PMD: { target: 'wait_thp_split', actions: 'spawn' }, CHANGE: 'change_protection', NEXT_VMA: 'mprotect_fixup', FINISH: 'tlb_finish_mmu', ERROR: 'tlb_finish_mmu' } },
    ...thpSplitWaitState('mprotect_fixup'),
    change_protection: { description: 'change_pte_range, one PTE table per step', on: { MORE: 'change_protection', SPLIT: { target: 'wait_split', actions: 'spawn' }, NEXT_VMA: 'mprotect_fixup', FINISH: 'tlb_finish_mmu' } },
    ...splitWaitState('change_protection'),
    tlb_finish_mmu: { description: 'one flush for every downgraded PTE', on: { FLUSH: { target: 'wait_flush', actions: 'spawn' }, NOFLUSH: 'finish' } },
    wait_flush: { description: 'waiting for the flush', on: { FLUSHED: 'finish' } },
    finish: { description: 'dec_tlb_flush_pending, return', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

const PROT_BITS = { none: 0, r: VM.READ, rw: VM.READ | VM.WRITE } as const;

function start(c: C): O {
  const d = c.actor.data;
  const fn = { file: MP, name: 'do_mprotect_pkey' };
  const fail = (errno: string, why: string): O => ({ event: 'ERROR', fn, cost: 100, data: { ...d, result: { ret: null, errno } }, say: `${why}: mprotect fails with ${errno}` });
  if (d.start % PAGE_SIZE !== 0) return fail('EINVAL', `${hex(d.start)} is not page aligned`);
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('mprotect on a dead mm');
  const first = vmasInRange(mm, d.start, d.end)[0];
  if (!first || first.start > d.start) return fail('ENOMEM', `no VMA covers ${hex(d.start)}`);
  const plan = new Plan().add({ op: 'flush_pending', mm: d.mm, delta: 1 });
  return { event: 'FIXUP', fn, cost: 100, plan: plan.ops, data: { ...d, gather: newGather(d.mm) }, say: `mprotect [${hex(d.start)}, ${hex(d.end)}) to ${d.prot}: tlb_gather_mmu, then each VMA in turn` };
}

function changeProtection(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm || !d.gather) throw new Error('change_protection without an mm or a gather');
  const plan = new Plan();
  const vmaFlags = vmaLookup(mm, d.cursor)?.flags ?? 0;
  const r = changePteRange(c.world, mm, d.cursor, d.subEnd, vmaFlags, d.gather, plan);
  const event = r.cursor < d.subEnd ? 'MORE' : d.subEnd < d.end ? 'NEXT_VMA' : 'FINISH';
  if (r.split) return { ...splitStep(c.world, d.mm, r.cursor, 'mprotect covers only part of a PMD-mapped THP: the PMD is split into 512 PTEs first'), cost: r.cost, plan: plan.ops, data: { ...d, cursor: r.cursor, gather: r.gather } };
  if (r.huge) return { event, fn: { file: 'mm/huge_memory.c', name: 'change_huge_pmd' }, cost: r.cost, plan: plan.ops, data: { ...d, cursor: r.cursor, gather: r.gather }, say: r.changed ? 'change_huge_pmd rewrites the whole 2 MiB with one PMD; the change needs a flush' : 'change_huge_pmd: the PMD already has these permissions' };
  return {
    event, fn: { file: MP, name: 'change_pte_range' }, cost: r.cost, plan: plan.ops, data: { ...d, cursor: r.cursor, gather: r.gather },
    say: r.changed ? `change_pte_range rewrites ${plural(r.changed, 'PTE')}; ${r.flushed} need a flush (pte_needs_flush), recorded in the gather` : 'change_pte_range: no present PTE changes here',
  };
}

function finishMmu(c: C): O {
  const d = c.actor.data;
  const g = d.gather;
  const fn = { file: 'mm/mmu_gather.c', name: 'tlb_finish_mmu' };
  if (!g?.range) return { event: 'NOFLUSH', fn, cost: 20, say: 'tlb_finish_mmu: no PTE needed a flush' };
  const nested = (c.world.mms.get(d.mm)?.tlbFlushPending ?? 0) > 1;
  const [s, e] = nested ? [0, TLB_FLUSH_ALL] : g.range;
  return {
    event: 'FLUSH', fn, cost: 0, marks: MARK.flush, say: `tlb_finish_mmu flushes [${hex(g.range[0])}, ${hex(g.range[1])})${nested ? ' (another gather is in flight: a full flush with freed_tables)' : ''}`,
    out: { spawn: { kind: 'flush_tlb_mm_range', data: shootdownData(d.mm, s, e, nested, 'mprotect (tlb_finish_mmu)') } },
  };
}

function finish(c: C): O {
  const d = c.actor.data;
  const plan = new Plan().add({ op: 'flush_pending', mm: d.mm, delta: -1 });
  const result = d.result ?? (d.error ? { ret: null, errno: d.error } : { ret: 0, errno: null });
  return { event: 'DONE', fn: { file: MP, name: 'do_mprotect_pkey' }, cost: 50, plan: plan.ops, data: { ...d, result }, say: `mprotect returns ${result.errno ? `-1 (${result.errno})` : '0'}` };
}

/** The mprotect machine. */
export const mprotectDef: MachineDef<MprotectData> = {
  kind: 'mprotect',
  machine,
  handlers: {
    wait_thp_split: thpSplitFlushed,
    ...lockHandlers<MprotectData>((c) => ({ mm: c.actor.data.mm, write: true, range: [c.actor.data.start, c.actor.data.end] }), 'mprotect'),
    do_mprotect_pkey: start,
    mprotect_fixup: (c) => modifyStep<MprotectData>((v: Vma) => (v.flags & ~(VM.READ | VM.WRITE | VM.EXEC)) | PROT_BITS[c.actor.data.prot], { file: MP, name: 'mprotect_fixup' }, true)(c),
    change_protection: changeProtection,
    wait_split: splitFlushed('change_pte_range'),
    tlb_finish_mmu: finishMmu,
    wait_flush: () => ({ event: 'FLUSHED', fn: { file: 'mm/mmu_gather.c', name: 'tlb_finish_mmu' }, cost: 0, say: 'the flush is complete' }),
    finish,
  },
  waiting: states('wait_flush', 'wait_split', 'wait_thp_split', LOCK_WAIT),
};
