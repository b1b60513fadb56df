// The anonymous swap path (mm/swapfile.c, mm/swap_state.c, mm/rmap.c try_to_unmap_one):
// slots, the swap cache, and the swap PTE that replaces a mapping.
import { SWAP_READ } from '../engine/costs';
import { PAGE_ANON_EXCLUSIVE, PG, type Folio } from '../model/folio';
import { pfn as pfnOf } from '../model/ids';
import type { WalkStep } from '../model/pagetable';
import { mkPresent, type PresentPte } from '../model/pte';
import { VM } from '../model/vma';
import type { World } from '../model/world';
import type { PfnRef, Plan } from './plan';

/** page_swapcount: swap PTEs still pointing at the slot whose swap-cache folio is `f` (0 outside the swap cache). */
export function folioSwapCount(w: World, f: Folio): number {
  if ((f.flags & PG.swapcache) === 0) return 0;
  for (const sl of w.swap.slots.values()) if (sl.cache === f.pfn) return sl.count;
  return 0;
}

/** folio_alloc_swap (add_to_swap before 6.16): the next free slot, or null when swap is full or absent. */
export function allocSwapSlot(w: World): number | null {
  if (w.swap.size === 0) return null;
  for (let i = 0; i < w.swap.size; i++) {
    const slot = ((w.swap.next - 1 + i) % w.swap.size) + 1;
    if (!w.swap.slots.has(slot)) return slot;
  }
  return null;
}

/**
 * The second half of try_to_unmap_one for an anon page: a swap entry replaces the PTE (keeping
 * exclusivity in the entry), swap_duplicate, MM_ANONPAGES−1 / MM_SWAPENTS+1, rmap and the
 * mapping's reference dropped.
 */
export function unmapToSwap(w: World, plan: Plan, slot: WalkStep, pte: PresentPte, f: Folio, swapSlot: number): void {
  const exclusive = ((w.mem.pageFlags[pte.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'swap', slot: swapSlot, exclusive, uffd_wp: pte.uffd_wp } })
    .add({ op: 'swap_count', slot: swapSlot, delta: 1 })
    .add({ op: 'page_exclusive', pfn: pte.pfn, value: false })
    .add({ op: 'folio_mapcount', pfn: f.pfn, delta: -1 })
    .add({ op: 'folio_ref', pfn: f.pfn, delta: -1 });
  const mm = (w.tables.get(slot.table)?.mm);
  if (mm !== undefined) plan.add({ op: 'rss', mm, delta: { anon: -1, swapents: 1 } });
}

/** What do_swap_page does for a real swap entry. */
export interface SwapIn {
  readonly plan: Plan;
  readonly say: string;
  readonly major: boolean;
  readonly cost: number;
}

/**
 * do_swap_page for a swap entry (mm/memory.c): a swap-cache hit maps the cached folio (minor); a
 * miss reads the page from the device into a new folio added to the swap cache (major, PGMAJFAULT).
 * The page is mapped exclusive (and writable on a write) only if the entry was exclusive and no
 * other PTE still refers to the slot; otherwise read-only, and a write then goes through do_wp_page.
 * The slot is freed once no PTE refers to it (swap_free + folio_free_swap).
 */
export function swapIn(w: World, plan: Plan, slot: WalkStep, entry: { slot: number; exclusive: boolean; uffd_wp: boolean }, write: boolean, node: number, mm: number, vma: { anonVma: number | null; flags: number }, index: number): SwapIn {
  const sl = w.swap.slots.get(entry.slot);
  if (!sl) throw new Error(`swap slot ${entry.slot} vanished`);
  const hit = sl.cache !== null;
  let pfn: PfnRef;
  if (sl.cache !== null) {
    pfn = pfnOf(sl.cache);
  } else {
    const as = plan.ref('f');
    plan.add({ op: 'alloc_folio', node, order: 0, as, content: { tag: sl.content }, anon: { anonVma: vma.anonVma as never, index } })
      .add({ op: 'folio_flags', pfn: { ref: as }, set: PG.swapcache, clear: 0 })
      .add({ op: 'folio_ref', pfn: { ref: as }, delta: 1 })
      .add({ op: 'swap_cache', slot: entry.slot, cache: { ref: as } })
      .add({ op: 'page_exclusive', pfn: { ref: as }, value: false })
      .count('swap.in');
    pfn = { ref: as };
  }
  const lastRef = sl.count === 1;
  const exclusive = entry.exclusive && lastRef;
  // 5.19+: an exclusive page is mapped writable even on a read (if the VMA allows writes), unless
  // userfaultfd_pte_wp keeps it protected; before, only a write fault made it writable.
  const writable = (vma.flags & VM.WRITE) !== 0 && !entry.uffd_wp;
  const rw = exclusive && writable && (write || w.cfg.features.anonExclusive);
  // The reference the lookup returned (swap_cache_get_folio's, or the new folio's own) becomes the mapping's.
  if (typeof pfn === 'number') plan.add({ op: 'folio_ref', pfn, delta: 1 });
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...mkPresent(0 as never, rw, { dirty: rw && write, uffd_wp: entry.uffd_wp }), pfn } as never })
    .add({ op: 'folio_mapcount', pfn, delta: 1 })
    .add({ op: 'rss', mm: mm as never, delta: { anon: 1, swapents: -1 } })
    .add({ op: 'swap_count', slot: entry.slot, delta: -1 });
  if (exclusive) plan.add({ op: 'page_exclusive', pfn, value: true });
  let freed = '';
  if (lastRef) {
    // should_try_to_free_swap → folio_free_swap: the slot goes, and the swap cache's reference with it.
    plan.add({ op: 'swap_cache', slot: entry.slot, cache: null }).add({ op: 'folio_flags', pfn, set: 0, clear: PG.swapcache }).add({ op: 'folio_ref', pfn, delta: -1 });
    freed = '; no other PTE uses the slot, so folio_free_swap releases it';
  }
  const how = typeof pfn === 'number' ? `the page is still in the swap cache (folio ${pfn}): a minor fault` : `swap cache miss: the page is read back from slot ${entry.slot} into a new folio (pfn {${pfn.ref}}), a major fault (PGMAJFAULT)`;
  const map = exclusive ? `mapped exclusive${rw ? ' and writable' : ''}` : 'mapped read-only and shared (the slot or the entry is not exclusive); a write will go through do_wp_page';
  return { plan, major: !hit, cost: hit ? 500 : SWAP_READ, say: `do_swap_page: ${how}; ${map}${freed}` };
}
