// TLB invariants (DESIGN.md "Invariants"): a TLB entry may disagree with its PTE only inside a
// window the kernel allows, i.e. until the flush that covers it has completed.
import type { Cpu, TlbEntry } from '../model/cpu';
import { hex, PAGE_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { translate } from '../model/pagetable';
import type { World } from '../model/world';

/** True when the entry still matches the page tables (same frame, no more permission than they grant). */
export function tlbAgrees(w: World, mm: Mm, e: TlbEntry): boolean {
  const t = translate(w.tables, mm.pgd, e.vpn * PAGE_SIZE);
  return t !== null && t.pfn === e.pfn && (t.rw || !e.writable);
}

/** True when the CPU can use entries of this mm now (loaded, not lazy, its current ASID). */
export function usable(c: Cpu, mm: Mm, e: TlbEntry): boolean {
  return c.loadedMm === mm.id && !c.isLazy && e.asid === c.asid && e.mm === mm.id;
}

/**
 * After a flush of [start, end) of `mm` completes, no CPU that can use the mm may hold an entry in
 * that range that disagrees with its PTE. Returns the breaks found.
 */
export function staleAfterFlush(w: World, mm: Mm, start: number, end: number): string[] {
  const out: string[] = [];
  // PTEs cleared with their flush deferred to a task's batch (TTU_BATCH_FLUSH, not yet sent by
  // try_to_unmap_flush) are that batch's to flush, not this flush's: the mm's tlb_flush_batched
  // marks them, as flush_tlb_batched_pending reads it.
  if (mm.tlbFlushBatched) return out;
  const lo = Math.floor(start / PAGE_SIZE);
  const hi = end === Number.POSITIVE_INFINITY ? Infinity : Math.ceil(end / PAGE_SIZE);
  for (const c of w.cpus) {
    for (const e of c.tlb) {
      if (e.vpn < lo || e.vpn >= hi || !usable(c, mm, e) || tlbAgrees(w, mm, e)) continue;
      out.push(`after the flush completed, CPU${c.id} still caches ${hex(e.vpn * PAGE_SIZE)} → pfn ${e.pfn}, which its PTE no longer says`);
    }
  }
  return out;
}
