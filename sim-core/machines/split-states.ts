// split_folio as states any machine can take (mm/huge_memory.c __folio_split, 6.18): after
// kernel/split-folio.ts unmapFolioStep, the PMD split's flush or try_to_unmap_flush, then the
// machine's own remap step (splitAndRemap).
import type { Handler, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { Plan } from '../kernel/plan';
import { type SplitData, unmapFolioStep } from '../kernel/split-folio';
import { folioOf } from '../model/physmem';
import { batchFlushData } from '../kernel/tlb';

const HUGE = 'mm/huge_memory.c';
const RMAP = 'mm/rmap.c';

/** try_to_unmap_flush at the end of unmap_folio: the task's whole batch, earlier deferred flushes included. */
function splitFlushStep<D extends SplitData>(c: StepCtx<D>): StepOut<D> {
  const batch = c.world.tlbUbc.get(c.actor.data.task);
  const fn = { file: RMAP, name: 'try_to_unmap_flush' };
  if (!batch) return { event: 'NOFLUSH', fn, cost: 0, say: 'try_to_unmap_flush: no flush is pending' };
  return {
    event: 'FLUSH', fn, cost: 0, marks: MARK.flush,
    say: 'try_to_unmap_flush: one flush for every PTE cleared since the last one (CPUs in the batch but lazy are skipped)',
    out: { spawn: { kind: 'flush_tlb_mm_range', data: batchFlushData(batch.cpus, batch.mms as never, 'split_folio (unmap_folio → try_to_unmap_flush)') } },
  };
}

/** The transitions of the state that takes unmapFolioStep. */
export const SPLIT_START = { SPLIT_UNMAPPED: 'split_flush', SPLIT_PMD: { target: 'wait_unmap_pmd', actions: 'spawn' as const } } as const;

/** The states after unmapFolioStep; `remap` is remap_folio's transitions (its handler is the machine's). */
export function splitStates<R>(remap: R) {
  return {
    wait_unmap_pmd: { description: 'pmdp_invalidate flushes the split PMD', on: { FLUSHED: 'unmap_folio' } },
    unmap_folio: { description: 'unmap_folio goes on: the next PMD, or the PTEs', on: SPLIT_START },
    split_flush: { description: 'try_to_unmap_flush at the end of unmap_folio', on: { FLUSH: { target: 'wait_split_flush', actions: 'spawn' as const }, NOFLUSH: 'remap_folio' } },
    wait_split_flush: { description: 'the flush of the PTEs unmap_folio cleared', on: { FLUSHED: 'remap_folio' } },
    remap_folio: { description: '__split_unmapped_folio, remap_page', on: remap },
  } as const;
}

/** The waiting states of splitStates. */
export const SPLIT_WAITING = ['wait_unmap_pmd', 'wait_split_flush'] as const;

/** Handlers for splitStates but remap_folio. */
export function splitHandlers<D extends SplitData>(): Record<string, Handler<D>> {
  return {
    wait_unmap_pmd: () => ({ event: 'FLUSHED', fn: { file: HUGE, name: '__split_huge_pmd_locked' }, cost: 0, say: 'the PMD split is flushed' }),
    unmap_folio: (c) => {
      const f = c.actor.data.splitting === null ? undefined : folioOf(c.world.mem, c.actor.data.splitting);
      if (!f) throw new Error('unmap_folio lost its folio');
      return unmapFolioStep(c, f, 'unmap_folio goes on with the rmap walk', new Plan());
    },
    split_flush: splitFlushStep,
    wait_split_flush: () => ({ event: 'FLUSHED', fn: { file: RMAP, name: 'try_to_unmap_flush' }, cost: 0, say: 'unmap_folio is flushed: no CPU can reach the folio through a stale translation' }),
  };
}
