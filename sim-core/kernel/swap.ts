// The anonymous swap path (mm/swapfile.c, mm/swap_state.c, mm/rmap.c try_to_unmap_one):
// slots, the swap cache, and the swap PTE that replaces a mapping.
import { PAGE_ANON_EXCLUSIVE, type Folio } from '../model/folio';
import type { WalkStep } from '../model/pagetable';
import type { PresentPte } from '../model/pte';
import type { World } from '../model/world';
import type { Plan } from './plan';

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
