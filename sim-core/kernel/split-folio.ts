// split_folio (mm/huge_memory.c split_huge_page_to_list_to_order → __folio_split, 6.18) for an
// anonymous PTE-mapped large folio: can_split_folio refuses extra references (-EAGAIN), unmap_folio
// turns every PTE of the folio into a migration entry (try_to_migrate with TTU_SPLIT_HUGE_PMD |
// TTU_SYNC | TTU_BATCH_FLUSH, then try_to_unmap_flush), __split_unmapped_folio makes 2^order small
// folios, remap_page puts each page back (remove_migration_ptes), and the tails are unlocked and
// released: a page no PTE mapped any more is freed there.
import type { Folio } from '../model/folio';
import { PG } from '../model/folio';
import type { MmId, TaskId } from '../model/ids';
import { pfn } from '../model/ids';
import { findLeaf, findPte, type WalkStep } from '../model/pagetable';
import type { MigrationPte, PresentPte } from '../model/pte';
import { vmaAddress } from '../model/vma';
import type { World } from '../model/world';
import { clearPte, installMigrationEntry, removeMigrationPte } from './migrate';
import type { Plan } from './plan';
import { findVma, rmapTargets } from './rmap-walk';

/** One PTE mapping a page of the folio, found through the rmap (page_vma_mapped_walk). */
export interface FolioPte { readonly mm: MmId; readonly addr: number; readonly slot: WalkStep }

/**
 * can_split_folio(folio, caller_pins = 1): every reference but the caller's must be a mapping
 * (an anonymous folio outside the swap cache has no other expected reference). A GUP pin fails it.
 */
export function canSplitFolio(f: Folio, callerPins: number): boolean {
  const extra = (f.flags & PG.swapcache) !== 0 ? 2 ** f.order : 0;
  return f.mapcount === f.refcount - extra - callerPins;
}

/** The PTEs (present, or migration entries when `migration`) mapping pages of `f`, VMA by VMA in rmap order. */
export function folioPtes(w: World, f: Folio, migration: boolean): FolioPte[] {
  const out: FolioPte[] = [];
  const nr = 2 ** f.order;
  for (const t of rmapTargets(w, f)) {
    const v = findVma(w, t.vma);
    const m = w.mms.get(t.mm);
    if (!v || !m) continue;
    for (let j = 0; j < nr; j++) {
      const addr = vmaAddress(v, f.index + j);
      const slot = addr === null ? null : findPte(w.tables, m.pgd, addr);
      const e = slot?.entry;
      if (!slot || addr === null || !e) continue;
      const hit = migration ? e.kind === 'migration' && e.pfn === f.pfn + j : e.kind === 'present' && !e.special && e.pfn === f.pfn + j;
      if (hit) out.push({ mm: t.mm, addr, slot });
    }
  }
  return out;
}

/** True when some process still maps the folio with a PMD (unmap_folio would have to split it first). */
export function folioPmdMapped(w: World, f: Folio): boolean {
  return rmapTargets(w, f).some((t) => {
    const m = w.mms.get(t.mm);
    const e = m && t.addr !== null ? findLeaf(w.tables, m.pgd, t.addr)?.entry : undefined;
    return e?.kind === 'huge' && e.pfn === f.pfn;
  });
}

/**
 * unmap_folio: each PTE becomes a migration entry; its flush joins the task's batch
 * (set_tlb_ubc_flush_pending), which try_to_unmap_flush sends once at the end. With no other CPU
 * in mm_cpumask Linux flushes each PTE locally instead (ptep_clear_flush); the batch then holds
 * only this CPU, so no IPI is sent either way.
 */
export function unmapFolio(w: World, plan: Plan, f: Folio, task: TaskId): number {
  const ptes = folioPtes(w, f, false);
  for (const p of ptes) {
    const pte = p.slot.entry as PresentPte;
    clearPte(plan, p.slot, p.mm, task, true);
    installMigrationEntry(w, plan, p.slot, pte, f);
  }
  return ptes.length;
}

/**
 * __split_unmapped_folio + remap_page + the tails' folio_unlock and folio_put. The head keeps the
 * caller's reference and lock (the caller puts them); a page no PTE maps is freed by its last put.
 */
export function splitAndRemap(w: World, plan: Plan, f: Folio): { mapped: number; freed: number } {
  const entries = folioPtes(w, f, true);
  plan.add({ op: 'split_folio', pfn: f.pfn });
  for (const p of entries) {
    const e = p.slot.entry as MigrationPte;
    removeMigrationPte(plan, p.slot, e, e.pfn);
  }
  const mapped = new Set(entries.map((p) => (p.slot.entry as MigrationPte).pfn));
  for (let i = 1; i < 2 ** f.order; i++) {
    const tail = pfn(f.pfn + i);
    plan.add({ op: 'folio_flags', pfn: tail, set: 0, clear: PG.locked }).add({ op: 'folio_ref', pfn: tail, delta: -1 });
  }
  return { mapped: entries.length, freed: 2 ** f.order - mapped.size };
}
