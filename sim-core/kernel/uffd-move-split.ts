// UFFDIO_MOVE meeting a PTE-mapped large folio (mm/userfaultfd.c move_pages_ptes, 6.8+): it cannot
// re-point one page of a folio that shares one anon_vma and index, so it splits the folio
// (split_folio) and looks at the page again. can_split_folio fails while anyone holds an extra
// reference, such as a GUP pin: split_folio returns -EAGAIN, and move_pages retries the same page
// (`if (err == -EAGAIN) continue;`) until the pin goes, or forever, a livelock only a fatal signal ends.
import { MIGRATE_FOLIO } from '../engine/costs';
import type { StepCtx, StepOut } from '../engine/types';
import { type Folio, folioTest } from '../model/folio';
import { hex } from '../model/layout';
import type { MoveData } from '../machines/uffd-move';
import { canSplitFolio, getAndLock, remapStep, splitSpinKey, unmapFolioStep } from './split-folio';
import { plural } from './words';

type C = StepCtx<MoveData>;
type O = StepOut<MoveData>;
const HUGE = 'mm/huge_memory.c';

/** The spin ends: a reference was dropped or the folio unlocked, and move_pages tries the page again. */
export function splitSpinWoken(c: C): O {
  return { event: 'WAKE', fn: { file: 'mm/userfaultfd.c', name: 'move_pages' }, cost: 0, data: { ...c.actor.data, waitOn: null }, say: 'the folio lost a reference or its lock: move_pages tries the page again' };
}

/** folio_lock + split_folio's first half: can_split_folio, then unmap_folio. */
export function splitFolioStep(c: C, f: Folio): O {
  const d = c.actor.data;
  const what = `the ${2 ** f.order}-page folio ${f.pfn}`;
  // folio_trylock failing on a large folio is -EAGAIN at once: waiting for the lock with a raised
  // refcount would make the holder's own split fail (6.18 move_pages_ptes).
  if (folioTest(f, 'locked')) {
    return {
      event: 'SPLIT_EAGAIN', fn: { file: 'mm/userfaultfd.c', name: 'move_pages_ptes' }, cost: MIGRATE_FOLIO, data: { ...d, waitOn: `folio:${f.pfn}` },
      say: `${what} is locked by someone else: folio_trylock fails, and for a large folio move_pages_ptes returns -EAGAIN rather than wait with a reference held; move_pages retries this page until the folio is unlocked`,
    };
  }
  // Checked as if move_pages_ptes' own folio_get were already counted (caller_pins = 1).
  if (!canSplitFolio(f, 0)) {
    return {
      event: 'SPLIT_EAGAIN', fn: { file: HUGE, name: 'can_split_folio' }, cost: MIGRATE_FOLIO, data: { ...d, waitOn: splitSpinKey(f.pfn) },
      say: `${what} holds ${f.refcount - f.mapcount} reference${f.refcount - f.mapcount === 1 ? '' : 's'} beyond its ${plural(f.mapcount, 'mapping')} (a pin): split_folio fails with -EAGAIN, and move_pages retries this page in a loop until the reference goes (a livelock that only a fatal signal ends)`,
    };
  }
  return unmapFolioStep(c, f, `${what} at ${hex(d.src + d.done)} is large: the page cannot change its anon_vma and index alone, so folio_get, folio_lock and split_folio`, getAndLock(f));
}

/** __split_unmapped_folio + remap_page; the small folios are unlocked and move_pages looks at the page again. */
export const splitRemapStep = (c: C): O => remapStep(c, {
  toList: false, then: 'folio_unlock and folio_put, and move_pages looks at the page again', event: 'SPLIT', data: (d) => d,
  failed: { event: 'SPLIT_FAILED', then: 'move_pages retries this page once the extra reference goes', data: (d, f) => ({ ...d, waitOn: splitSpinKey(f.pfn) }) },
});
