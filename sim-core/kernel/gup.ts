// pin_user_pages / unpin_user_pages (mm/gup.c): FOLL_PIN references, GUP_PIN_COUNTING_BIAS for small
// folios, _pincount for large ones; MMF_HAS_PINNED on the mm.
import { PIN_PAGE } from '../engine/costs';
import { folioTestLarge, GUP_PIN_COUNTING_BIAS, type Folio } from '../model/folio';
import { hex } from '../model/layout';
import type { Mm } from '../model/mm';
import { findPte } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import type { World } from '../model/world';
import type { Plan } from './plan';

/** follow_page_pte with FOLL_WRITE: the folio to pin, or why the page must be faulted in first. */
export function followPagePte(w: World, mm: Mm, addr: number): { folio: Folio } | { fault: string } {
  const pte = findPte(w.tables, mm.pgd, addr)?.entry;
  if (!pte || pte.kind !== 'present' || pte.protnone) return { fault: `no present PTE at ${hex(addr)}` };
  if (!pte.rw) return { fault: `the PTE at ${hex(addr)} is read-only (FOLL_WRITE needs a write fault: COW or the zero page)` };
  const f = pte.special ? undefined : folioOf(w.mem, pte.pfn);
  if (!f) return { fault: `${hex(addr)} maps no folio` };
  return { folio: f };
}

/** try_grab_folio(FOLL_PIN): +GUP_PIN_COUNTING_BIAS references (small) or +1 and _pincount+1 (large). */
export function grabPin(plan: Plan, f: Folio): number {
  const refs = folioTestLarge(f) ? 1 : GUP_PIN_COUNTING_BIAS;
  plan.add({ op: 'folio_ref', pfn: f.pfn, delta: refs }).add({ op: 'folio_pincount', pfn: f.pfn, delta: 1 }).count('pins');
  return refs;
}

/** gup_put_folio(FOLL_PIN): drops what grabPin added; the last reference frees the folio. */
export function putPin(w: World, plan: Plan, pfn: number): string {
  const f = folioOf(w.mem, pfn);
  if (!f) return `pfn ${pfn} is no longer a folio`;
  const refs = folioTestLarge(f) ? 1 : GUP_PIN_COUNTING_BIAS;
  plan.add({ op: 'folio_pincount', pfn: f.pfn, delta: -1 }).add({ op: 'folio_ref', pfn: f.pfn, delta: -refs }).count('pins', -1);
  return `folio ${f.pfn}: refcount ${f.refcount} → ${f.refcount - refs}${f.refcount - refs === 0 ? ' (freed: nothing maps it any more)' : ''}`;
}

/** Cost of pinning n pages. */
export const pinCost = (n: number): number => n * PIN_PAGE;
