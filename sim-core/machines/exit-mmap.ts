// exit_mmap (mm/mmap.c): the last user of an mm is gone. Everything is unmapped through one fullmm
// gather (tlb_gather_mmu_fullmm), the page tables are freed, then the PGD (mm_free_pgd) and the mm.
import type { MachineDef, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { MmId } from '../model/ids';
import { Plan } from '../kernel/plan';
import { machineSetup, states } from './common';
import { gatherBegin, gatherHandlers, gatherStates, gatherWaiting, unmapData, type UnmapData } from './gather';
import { plural } from '../kernel/words';

type C = StepCtx<UnmapData>;
type O = StepOut<UnmapData>;
const MMAP = 'mm/mmap.c';

const machine = machineSetup.createMachine({
  id: 'exit_mmap',
  initial: 'exit_mmap',
  states: {
    exit_mmap: { description: 'tlb_gather_mmu_fullmm; detach every VMA', on: { NEXT: 'unmap_vmas' } },
    ...gatherStates('mm_free_pgd'),
    mm_free_pgd: { description: 'free the PGD and the mm', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

/** Data for tearing down an mm. */
export const exitData = (mm: MmId): UnmapData => unmapData(mm, 0, 0, 'exit_mmap', 'exit');

function start(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('exit_mmap on a dead mm');
  const vs = mm.vmas;
  const lo = vs[0]?.start ?? 0;
  const hi = vs[vs.length - 1]?.end ?? 0;
  const plan = gatherBegin(new Plan(), d.mm).add({ op: 'vma_replace', mm: d.mm, remove: vs.map((v) => v.id), insert: [] });
  return {
    event: 'NEXT', fn: { file: MMAP, name: 'exit_mmap' }, cost: 500, plan: plan.ops, data: { ...d, start: lo, end: hi, cursor: lo, detached: vs, floor: 0, ceiling: 0 },
    say: `the last task using mm '${mm.process}' is gone: exit_mmap unmaps all ${plural(vs.length, 'VMA')} through one full-mm gather`,
  };
}

function freePgd(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  const plan = new Plan();
  if (mm) plan.add({ op: 'free_pgtable', pfn: mm.pgd }).add({ op: 'mm_destroy', mm: d.mm });
  return {
    event: 'DONE', fn: { file: 'kernel/fork.c', name: '__mmdrop' }, cost: 300, plan: plan.ops, marks: MARK.free, data: { ...d, result: { ret: 0, errno: null } },
    say: `mm_free_pgd frees the PGD (pfn ${mm?.pgd ?? '?'}) and the mm_struct goes away`,
  };
}

/** The exit_mmap machine. */
export const exitMmapDef: MachineDef<UnmapData> = {
  kind: 'exit_mmap', machine, handlers: { exit_mmap: start, ...gatherHandlers, mm_free_pgd: freePgd }, waiting: states(...gatherWaiting),
};
