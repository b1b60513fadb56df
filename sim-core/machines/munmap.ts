// munmap(2) in 6.x: do_vmi_munmap → do_vmi_align_munmap: split the edge VMAs, detach the range,
// then vms_clear_ptes (zap, free_pgtables, tlb_finish_mmu) and remove_vma.
import { SPLIT_VMA } from '../engine/costs';
import type { MachineDef, StepCtx, StepOut } from '../engine/types';
import { hex, PAGE_SIZE, TASK_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { vmaLowerBound, vmasInRange } from '../model/mm';
import { Plan } from '../kernel/plan';
import { splitVma } from '../kernel/vma-ops';
import { release } from '../kernel/mmap-lock';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { gatherBegin, gatherHandlers, gatherStates, gatherWaiting, unmapDone, type UnmapData } from './gather';
import { plural } from '../kernel/words';

type C = StepCtx<UnmapData>;
type O = StepOut<UnmapData>;
const VMA = 'mm/vma.c';

const machine = machineSetup.createMachine({
  id: 'munmap',
  initial: 'mmap_lock',
  states: {
    ...lockStates('do_vmi_munmap'),
    do_vmi_munmap: { description: 'check the range, find the VMAs', on: { SPLIT: 'split_vma', DETACH: 'detach', NONE: 'done', ERROR: 'done' } },
    split_vma: { description: '__split_vma at an edge', on: { SPLIT: 'split_vma', DETACH: 'detach' } },
    detach: { description: 'vma_iter_clear: the VMAs leave the tree; mmap_write_downgrade', on: { NEXT: { target: 'unmap_vmas', actions: 'wake' } } },
    ...gatherStates('remove_vma'),
    remove_vma: { description: 'remove_vma: free the VMA structs', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

function mmOf(c: C): Mm {
  const mm = c.world.mms.get(c.actor.data.mm);
  if (!mm) throw new Error('munmap on a dead mm');
  return mm;
}

// The next edge split the range needs, if any: the first VMA straddling start, then the last straddling end.
function nextSplit(mm: Mm, start: number, end: number): { at: number; below: boolean } | null {
  const vs = vmasInRange(mm, start, end);
  const first = vs[0];
  if (first && first.start < start) return { at: start, below: true };
  const last = vs[vs.length - 1];
  if (last && last.end > end) return { at: end, below: false };
  return null;
}

function doVmiMunmap(c: C): O {
  const d = c.actor.data;
  const fn = { file: VMA, name: 'do_vmi_munmap' };
  const err = (errno: string, why: string): O => ({ event: 'ERROR', fn, cost: 100, say: `${why}: munmap fails with ${errno}`, data: { ...d, result: { ret: null, errno } } });
  if (d.start % PAGE_SIZE !== 0 || d.start > TASK_SIZE || d.end > TASK_SIZE || d.end <= d.start) return err('EINVAL', `the range [${hex(d.start)}, ${hex(d.end)}) is not page aligned or not in user space`);
  const mm = mmOf(c);
  const vs = vmasInRange(mm, d.start, d.end);
  if (vs.length === 0) return { event: 'NONE', fn, cost: 100, say: 'no VMA intersects the range: nothing to do, munmap returns 0', data: { ...d, result: { ret: 0, errno: null } } };
  const first = vs[0];
  const last = vs[vs.length - 1];
  const both = !!first && first.start < d.start && !!last && last.end > d.end;
  // vms_gather_munmap_vmas: a split that leaves one more VMA is refused at the limit (the map_count may exceed it only temporarily).
  if (both && vs.length === 1 && mm.vmas.length >= c.world.cfg.maxMapCount) {
    return err('ENOMEM', `unmapping the middle of a VMA needs a new VMA, and the process already has ${mm.vmas.length} (vm.max_map_count is ${c.world.cfg.maxMapCount})`);
  }
  const split = nextSplit(mm, d.start, d.end);
  return { event: split ? 'SPLIT' : 'DETACH', fn, cost: 100, say: `munmap [${hex(d.start)}, ${hex(d.end)}): ${plural(vs.length, 'VMA')} intersect it${split ? '; the edges need splitting first' : ''}` };
}

function split(c: C): O {
  const d = c.actor.data;
  const mm = mmOf(c);
  const s = nextSplit(mm, d.start, d.end);
  if (!s) throw new Error('split_vma with nothing to split');
  const vma = vmasInRange(mm, s.at - (s.below ? 0 : 1), s.at + (s.below ? 1 : 0))[0];
  if (!vma) throw new Error('split_vma lost its VMA');
  const plan = new Plan();
  splitVma(c.world, plan, vma, s.at, s.below);
  const again = nextSplit({ ...mm, vmas: mm.vmas.filter((v) => v.id !== vma.id).concat([{ ...vma, start: s.below ? s.at : vma.start, end: s.below ? vma.end : s.at }]).sort((a, b) => a.start - b.start) }, d.start, d.end);
  return {
    event: again ? 'SPLIT' : 'DETACH', fn: { file: VMA, name: '__split_vma' }, cost: SPLIT_VMA, plan: plan.ops,
    say: `__split_vma at ${hex(s.at)}: [${hex(vma.start)}, ${hex(vma.end)}) becomes two VMAs (anon_vma_clone links the new one)`,
  };
}

function detach(c: C): O {
  const d = c.actor.data;
  const mm = mmOf(c);
  const vs = vmasInRange(mm, d.start, d.end);
  // The edges are split already: the VMA before the range ends at or below its start, the next one
  // starts at or above its end (binary searches, as the maple tree's).
  const prev = mm.vmas[vmaLowerBound(mm, d.start) - 1];
  const next = mm.vmas[vmaLowerBound(mm, d.end)];
  const plan = gatherBegin(new Plan(), d.mm).add({ op: 'vma_replace', mm: d.mm, remove: vs.map((v) => v.id), insert: [], at: vs[0]?.start });
  const data: UnmapData = { ...d, detached: vs, floor: prev?.end ?? 0, ceiling: next?.start ?? 0 };
  // vms_complete_munmap_vmas: mmap_write_downgrade, so faults elsewhere may proceed during the teardown.
  const mine = mm.mmapLock.holders.find((h) => h.actor === c.actor.id);
  const wake = mine ? release(c.world, mm, c.actor.id, c.now, plan, { ...mine, write: false }) : [];
  return {
    event: 'NEXT', fn: { file: VMA, name: 'vms_gather_munmap_vmas' }, cost: 100 * vs.length, plan: plan.ops, data, out: { wake },
    say: `${vs.length} VMA${vs.length === 1 ? ' leaves' : 's leave'} the maple tree (map_count ${mm.vmas.length} → ${mm.vmas.length - vs.length}); a fault there now finds no VMA; mmap_write_downgrade; tlb_gather_mmu begins`,
  };
}

/** The munmap machine. */
export const munmapDef: MachineDef<UnmapData> = {
  kind: 'munmap',
  machine,
  handlers: {
    ...lockHandlers<UnmapData>((c) => ({ mm: c.actor.data.mm, write: true, range: [c.actor.data.start, c.actor.data.end] }), 'munmap'),
    do_vmi_munmap: doVmiMunmap, split_vma: split, detach, ...gatherHandlers,
    remove_vma: unmapDone({ file: VMA, name: 'remove_vma' }, 'remove_vma frees the VMA structs; munmap returns 0'),
  },
  waiting: states(...gatherWaiting, LOCK_WAIT),
};
