// struct folio: the metadata of an allocated page or compound page, kept on its head PFN.
import type { AnonVmaId, Pfn } from './ids';

/** Folio flags (include/linux/page-flags.h names). */
export const PG = {
  locked: 1 << 0,
  dirty: 1 << 1,
  lru: 1 << 2,
  anon: 1 << 3, // FOLIO_MAPPING_ANON bit of folio->mapping
  swapbacked: 1 << 4,
  swapcache: 1 << 5,
  unevictable: 1 << 6,
  hugetlb: 1 << 7,
  writeback: 1 << 8,
  large_rmappable: 1 << 9,
} as const;
export type FolioFlag = keyof typeof PG;

/** Per-page flag: PageAnonExclusive (lives on each subpage, not the folio). */
export const PAGE_ANON_EXCLUSIVE = 1;

/** GUP_PIN_COUNTING_BIAS (include/linux/mm.h): a FOLL_PIN of a small folio adds 1024 references. */
export const GUP_PIN_COUNTING_BIAS = 1024;

/** An allocated folio. Mutable; only engine/apply.ts writes to it. */
export interface Folio {
  readonly pfn: Pfn;
  readonly order: number;
  readonly node: number;
  refcount: number;
  /** folio_mapcount(): PTE and PMD mappings of the whole folio. */
  mapcount: number;
  /** FOLL_PIN count. Large folios keep it in _pincount; small ones only via the refcount bias, we track it for display. */
  pincount: number;
  flags: number;
  /** folio->mapping for anon folios (the anon_vma, without the ANON bit). */
  anonVma: AnonVmaId | null;
  /** folio->index: the page offset used by rmap to find the address (linear_page_index). */
  index: number;
}

/** Number of base pages in a folio. */
export const folioNrPages = (f: Folio): number => 2 ** f.order;
/** folio_test_large. */
export const folioTestLarge = (f: Folio): boolean => f.order > 0;
/** Tests a folio flag. */
export const folioTest = (f: Folio, flag: FolioFlag): boolean => (f.flags & PG[flag]) !== 0;

/** folio_maybe_dma_pinned (include/linux/mm.h): exact for large folios, refcount-biased for small ones. */
export function folioMaybeDmaPinned(f: Folio): boolean {
  return folioTestLarge(f) ? f.pincount > 0 : f.refcount >= GUP_PIN_COUNTING_BIAS;
}

/** Copies a folio record for a checkpoint. */
export function cloneFolio(f: Folio): Folio {
  return { ...f };
}

/** Flag names set on a folio, for display. */
export function folioFlagNames(f: Folio): FolioFlag[] {
  return (Object.keys(PG) as FolioFlag[]).filter((k) => (f.flags & PG[k]) !== 0);
}
