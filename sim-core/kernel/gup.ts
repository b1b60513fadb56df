// pin_user_pages / unpin_user_pages (mm/gup.c, 6.18): FOLL_PIN references, GUP_PIN_COUNTING_BIAS for
// small folios, _pincount for large ones; MMF_HAS_PINNED on the mm. follow_page_mask walks to a PTE
// (follow_page_pte) or stops at a PMD-mapped THP (follow_pmd_mask → follow_huge_pmd), whose
// ctx->page_mask lets __get_user_pages pin the rest of the 2 MiB in the same iteration.
import { PIN_PAGE } from '../engine/costs';
import { folioTestLarge, GUP_PIN_COUNTING_BIAS, type Folio } from '../model/folio';
import { alignDown, hex, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { findLeaf } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import type { World } from '../model/world';
import type { Plan } from './plan';

/** What follow_page_mask found: the folio, the first page's PFN, and how many pages of it to take. */
export interface Followed { readonly folio: Folio; readonly pfn: number; readonly nr: number; readonly huge: boolean }

/**
 * follow_page_mask with FOLL_WRITE | FOLL_PIN (mm/gup.c): a writable present PTE (follow_page_pte), or
 * a writable huge PMD (follow_huge_pmd; can_follow_write_pmd refuses a read-only one, so COW, the huge
 * zero folio and uffd-wp go through faultin_page first). For a THP, `nr` is __get_user_pages'
 * page_increm: the pages from `addr` to the end of the PMD, at most `left`.
 */
export function followPageMask(w: World, mm: Mm, addr: number, left: number): Followed | { fault: string } {
  const slot = findLeaf(w.tables, mm.pgd, addr);
  const e = slot?.entry;
  if (e?.kind === 'huge') {
    if (!e.rw) return { fault: `the PMD at ${hex(alignDown(addr, PMD_SIZE))} is read-only (can_follow_write_pmd: FOLL_WRITE needs a write fault${e.special ? ' on the huge zero folio' : e.uffd_wp ? ', the PMD is uffd-wp protected' : ': COW'})` };
    const f = e.special ? undefined : folioOf(w.mem, e.pfn);
    if (!f) return { fault: `${hex(addr)} maps no folio` };
    const idx = Math.floor((addr - alignDown(addr, PMD_SIZE)) / PAGE_SIZE);
    return { folio: f, pfn: e.pfn + idx, nr: Math.min(left, 512 - idx), huge: true };
  }
  if (!e || e.kind !== 'present' || e.protnone) return { fault: `no present PTE at ${hex(addr)}` };
  if (!e.rw) return { fault: `the PTE at ${hex(addr)} is read-only (FOLL_WRITE needs a write fault: COW or the zero page)` };
  const f = e.special ? undefined : folioOf(w.mem, e.pfn);
  if (!f) return { fault: `${hex(addr)} maps no folio` };
  return { folio: f, pfn: e.pfn, nr: 1, huge: false };
}

/** References try_grab_folio(FOLL_PIN) takes for `nr` pages: GUP_PIN_COUNTING_BIAS each (small), 1 each (large). */
export const pinRefs = (f: Folio, nr: number): number => (folioTestLarge(f) ? nr : nr * GUP_PIN_COUNTING_BIAS);

/** try_grab_folio(folio, nr, FOLL_PIN) (mm/gup.c): +nr×GUP_PIN_COUNTING_BIAS references (small), or +nr and _pincount+nr (large). */
export function grabPin(plan: Plan, f: Folio, nr = 1): number {
  const refs = pinRefs(f, nr);
  plan.add({ op: 'folio_ref', pfn: f.pfn, delta: refs }).add({ op: 'folio_pincount', pfn: f.pfn, delta: nr }).count('pins', nr);
  return refs;
}

/** unpin_user_pages → gup_put_folio(folio, nr, FOLL_PIN) per folio (mm/gup.c): drops what grabPin added; the last reference frees the folio. */
export function putPins(w: World, plan: Plan, pfns: readonly number[]): string[] {
  const byFolio = new Map<number, number>();
  const lost: string[] = [];
  for (const p of pfns) {
    const f = folioOf(w.mem, p);
    if (f) byFolio.set(f.pfn, (byFolio.get(f.pfn) ?? 0) + 1);
    else lost.push(`pfn ${p} is no longer a folio`);
  }
  const said = [...byFolio].map(([head, nr]) => {
    const f = w.mem.folios.get(head) as Folio;
    const refs = pinRefs(f, nr);
    plan.add({ op: 'folio_pincount', pfn: f.pfn, delta: -nr }).add({ op: 'folio_ref', pfn: f.pfn, delta: -refs }).count('pins', -nr);
    const pc = folioTestLarge(f) ? `, _pincount ${f.pincount} → ${f.pincount - nr}` : '';
    return `folio ${f.pfn}: refcount ${f.refcount} → ${f.refcount - refs}${pc}${f.refcount - refs === 0 ? ' (freed: nothing maps it any more)' : ''}`;
  });
  return [...said, ...lost];
}

/** Cost of pinning n pages one by one. */
export const pinCost = (n: number): number => n * PIN_PAGE;
/** Cost of one follow_huge_pmd iteration pinning n pages: one walk and one try_grab_folio, then a few ns per pages[] entry. Estimate. */
export const pinHugeCost = (n: number): number => PIN_PAGE + n * 4;
