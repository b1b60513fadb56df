// madvise(2) (mm/madvise.c): MADV_DONTNEED zaps through one mmu_gather (batched over VMAs since 6.16,
// with PT_RECLAIM since 6.14); MADV_DONTFORK/DOFORK/HUGEPAGE/NOHUGEPAGE change VMA flags.
import type { Handler, MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { hex, PAGE_SIZE } from '../model/layout';
import type { MmId } from '../model/ids';
import { vmasInRange } from '../model/mm';
import { VM, type Vma, vmaHas } from '../model/vma';
import { Plan } from '../kernel/plan';
import { machineSetup, states } from './common';
import { reclaimData } from './reclaim';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { gatherBegin, gatherHandlers, gatherStates, gatherWaiting, unmapData, type UnmapData } from './gather';
import { thpSplitFlushed, thpSplitWaitState } from '../kernel/vma-modify';
import { type ModifyData, modifyStep } from './modify-loop';

/** The advices the language accepts. */
export type Advice = 'dontneed' | 'dontfork' | 'dofork' | 'hugepage' | 'nohugepage' | 'pageout';

/** A madvise call: both the zap state and the flag-walk state, used by whichever path runs. */
export interface MadviseData extends UnmapData, Omit<ModifyData, keyof UnmapData | 'mm' | 'start' | 'end' | 'cursor' | 'result'> {
  readonly advice: Advice;
  readonly holes: boolean;
  readonly result: OpResult | null;
}

type C = StepCtx<MadviseData>;
type O = StepOut<MadviseData>;
const MA = 'mm/madvise.c';

const machine = machineSetup.createMachine({
  id: 'madvise',
  initial: 'mmap_lock',
  states: {
    ...lockStates('do_madvise'),
    do_madvise: { description: 'check the range and the advice', on: { ZAP: 'unmap_vmas', FLAGS: 'madvise_update_vma', PAGEOUT: { target: 'madvise_pageout', actions: 'spawn' }, ERROR: 'done' } },
    madvise_pageout: { description: 'reclaim_pages on the private folios', on: { CHILD_DONE: 'finish' } },
    ...gatherStates('finish'),
    madvise_update_vma: { description: 'vma_modify_flags per VMA', on: { SPLIT: 'madvise_update_vma', SPLIT_PMD: { target: 'wait_thp_split', actions: 'spawn' }, NEXT_VMA: 'madvise_update_vma', FINISH: 'finish', ERROR: 'finish' } },
    ...thpSplitWaitState('madvise_update_vma'),
    finish: { description: 'return', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

/** Data for a madvise call. */
export function madviseData(mm: MmId, start: number, end: number, advice: Advice): MadviseData {
  return { ...unmapData(mm, start, end, `madvise(MADV_${advice.toUpperCase()})`, 'dontneed'), advice, holes: false, subEnd: end, error: null, result: null };
}

const FLAG: Record<'dontfork' | 'dofork' | 'hugepage' | 'nohugepage', (v: Vma) => number> = {
  dontfork: (v) => v.flags | VM.DONTCOPY,
  dofork: (v) => v.flags & ~VM.DONTCOPY,
  hugepage: (v) => (v.flags | VM.HUGEPAGE) & ~VM.NOHUGEPAGE,
  nohugepage: (v) => (v.flags | VM.NOHUGEPAGE) & ~VM.HUGEPAGE,
};

function doMadvise(c: C): O {
  const d = c.actor.data;
  const fn = { file: MA, name: 'do_madvise' };
  const fail = (errno: string, why: string): O => ({ event: 'ERROR', fn, cost: 100, data: { ...d, result: { ret: null, errno } }, say: `${why}: madvise fails with ${errno}` });
  if (d.start % PAGE_SIZE !== 0) return fail('EINVAL', `${hex(d.start)} is not page aligned`);
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('madvise on a dead mm');
  const vs = vmasInRange(mm, d.start, d.end);
  let covered = 0;
  for (const v of vs) covered += Math.min(v.end, d.end) - Math.max(v.start, d.start);
  const holes = covered < d.end - d.start;
  if (vs.length === 0) return fail('ENOMEM', 'no VMA in the range');
  if (d.advice === 'pageout') {
    if (vs.some((v) => vmaHas(v, 'LOCKED') || vmaHas(v, 'PFNMAP'))) return fail('EINVAL', 'MADV_PAGEOUT on a VM_LOCKED or VM_PFNMAP VMA');
    return {
      event: 'PAGEOUT', fn: { file: MA, name: 'madvise_pageout' }, cost: 100, data: { ...d, holes },
      say: `MADV_PAGEOUT [${hex(d.start)}, ${hex(d.end)}): isolate the folios only this process maps and reclaim them now`,
      out: { spawn: { kind: 'reclaim', data: reclaimData(d.mm, c.actor.task ?? (0 as never), d.start, (d.end - d.start) / PAGE_SIZE, true) } },
    };
  }
  if (d.advice === 'dontneed') {
    if (vs.some((v) => vmaHas(v, 'LOCKED') || vmaHas(v, 'PFNMAP'))) return fail('EINVAL', 'MADV_DONTNEED on a VM_LOCKED or VM_PFNMAP VMA');
    const plan = gatherBegin(new Plan(), d.mm);
    return { event: 'ZAP', fn: { file: MA, name: 'madvise_dontneed_single_vma' }, cost: 100, plan: plan.ops, data: { ...d, holes }, say: `MADV_DONTNEED [${hex(d.start)}, ${hex(d.end)}): zap the pages through one mmu_gather; the VMAs stay` };
  }
  return { event: 'FLAGS', fn, cost: 100, data: { ...d, holes, cursor: vs[0] && vs[0].start > d.start ? vs[0].start : d.start }, say: `MADV_${d.advice.toUpperCase()} changes VMA flags over [${hex(d.start)}, ${hex(d.end)})` };
}

function finish(c: C): O {
  const d = c.actor.data;
  // madvise applies to the mapped parts and then reports a hole in the range as ENOMEM.
  const errno = d.error ?? (d.holes ? 'ENOMEM' : null);
  const result = errno ? { ret: null, errno } : { ret: 0, errno: null };
  return { event: 'DONE', fn: { file: MA, name: 'do_madvise' }, cost: 50, data: { ...d, result }, say: `madvise returns ${errno ? `-1 (${errno})` : '0'}` };
}

/** The madvise machine. */
export const madviseDef: MachineDef<MadviseData> = {
  kind: 'madvise',
  machine,
  handlers: {
    wait_thp_split: thpSplitFlushed,
    // MADV_DONTNEED needs only the read side (madvise_need_mmap_write); flag changes need the write side.
    ...lockHandlers<MadviseData>((c) => ({ mm: c.actor.data.mm, write: c.actor.data.advice !== 'dontneed', range: [c.actor.data.start, c.actor.data.end] }), 'madvise'),
    do_madvise: doMadvise,
    // The gather handlers spread their data, so the madvise fields ride along unchanged.
    ...(gatherHandlers as unknown as Record<string, Handler<MadviseData>>),
    madvise_pageout: () => ({ event: 'CHILD_DONE', fn: { file: MA, name: 'madvise_pageout' }, cost: 0, say: 'reclaim_pages is done' }),
    madvise_update_vma: (c) => modifyStep<MadviseData>(FLAG[c.actor.data.advice as keyof typeof FLAG], { file: MA, name: 'madvise_update_vma' }, false)(c),
    finish,
  },
  waiting: states(...gatherWaiting, LOCK_WAIT, 'madvise_pageout', 'wait_thp_split'),
};
