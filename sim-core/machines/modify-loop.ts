// The per-VMA loop shared by mprotect (mprotect_fixup) and madvise (madvise_update_vma): for each
// VMA in [start, end), vma_modify_flags one visible step at a time; a hole in the range is ENOMEM.
import { vmaFile } from '../model/kernelver';
import { SPLIT_VMA } from '../engine/costs';
import type { Handler, OpResult } from '../engine/types';
import { hex } from '../model/layout';
import type { MmId } from '../model/ids';
import { vmaLookup } from '../model/mm';
import type { Vma } from '../model/vma';
import type { Gather } from '../kernel/mmu-gather';
import { thpSplitOut, vmaModifyStep } from '../kernel/vma-modify';

/** State of a flag-changing syscall walking its range. */
export interface ModifyData {
  readonly mm: MmId;
  readonly start: number;
  readonly end: number;
  readonly cursor: number;
  /** End of the part of the current VMA being changed. */
  readonly subEnd: number;
  readonly gather: Gather | null;
  /** The error the walk stopped with, returned after the gather is finished. */
  readonly error: string | null;
  readonly result: OpResult | null;
}

/** Events: SPLIT (again), SPLIT_PMD (spawning a THP split's flush), CHANGE (flags set; change the PTEs), NEXT_VMA, FINISH, ERROR. */
export function modifyStep<D extends ModifyData>(flagsFor: (v: Vma) => number, fn: { file: string; name: string }, changesPtes: boolean): Handler<D> {
  return (c) => {
    const d = c.actor.data;
    const mm = c.world.mms.get(d.mm);
    if (!mm) throw new Error('modify on a dead mm');
    const vma = vmaLookup(mm, d.cursor);
    if (!vma) return { event: 'ERROR', fn, cost: 50, data: { ...d, error: 'ENOMEM' }, say: `no VMA at ${hex(d.cursor)}: the range has a hole, so the call fails with ENOMEM` };
    const stop = Math.min(d.end, vma.end);
    const flags = flagsFor(vma);
    const s = vmaModifyStep(c.world, mm, d.cursor, stop, flags);
    if (!s) throw new Error('vma_modify lost its VMA');
    const next = stop < d.end ? 'NEXT_VMA' : 'FINISH';
    switch (s.kind) {
      case 'enomem':
        return { event: 'ERROR', fn: { file: vmaFile(c.world.cfg.kernel), name: 'split_vma' }, cost: 50, data: { ...d, error: 'ENOMEM' }, say: `${s.say}: the call fails with ENOMEM (splits already made stay)` };
      case 'split':
        return { event: 'SPLIT', fn: { file: vmaFile(c.world.cfg.kernel), name: 'split_vma' }, cost: SPLIT_VMA, plan: s.plan.ops, say: s.say };
      case 'pmd_split':
        return thpSplitOut(c.world, mm, s);
      case 'unchanged':
        return { event: next, fn, cost: 50, data: { ...d, cursor: stop }, say: s.say };
      case 'merged': case 'set':
        return {
          event: changesPtes ? 'CHANGE' : next, fn: { file: vmaFile(c.world.cfg.kernel), name: s.kind === 'merged' ? 'vma_merge_existing_range' : 'vma_modify_flags' },
          cost: SPLIT_VMA, plan: s.plan.ops, data: changesPtes ? { ...d, subEnd: stop } : { ...d, cursor: stop }, say: s.say,
        };
    }
  };
}
