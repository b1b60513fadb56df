// Page migration's per-mapping steps (mm/rmap.c try_to_migrate_one, mm/migrate.c
// remove_migration_pte) and the folio-level copy (migrate_folio → folio_mc_copy).
import { folioMaybeDmaPinned, folioTest, PAGE_ANON_EXCLUSIVE, type Folio } from '../model/folio';
import type { MmId, Pfn, TaskId } from '../model/ids';
import type { WalkStep } from '../model/pagetable';
import { mkPresent, type MigrationPte, type PresentPte } from '../model/pte';
import type { World } from '../model/world';
import type { Plan } from './plan';


/** should_defer_flush: TTU_BATCH_FLUSH and another CPU in mm_cpumask (arch_tlbbatch_should_defer). */
export function shouldDeferFlush(w: World, mm: MmId, cpu: number, batch: boolean): boolean {
  const m = w.mms.get(mm);
  return batch && (m?.cpumask.some((b, i) => b && i !== cpu) ?? false);
}

/**
 * The first half of try_to_migrate_one / try_to_unmap_one: clear the PTE, either with its flush
 * deferred to the task's batch (ptep_get_and_clear + set_tlb_ubc_flush_pending) or to be flushed
 * now by the caller (ptep_clear_flush).
 */
export function clearPte(plan: Plan, slot: WalkStep, mm: MmId, task: TaskId, deferred: boolean): void {
  const pte = slot.entry as PresentPte;
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'none' } });
  if (deferred) plan.add({ op: 'tlb_ubc_add', task, mm, writable: pte.dirty });
}

/** folio_try_share_anon_rmap_pte fails for an exclusive anon page that may be DMA-pinned. */
export function sharingRefused(w: World, f: Folio, pfn: number): boolean {
  const exclusive = ((w.mem.pageFlags[pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  return folioTest(f, 'anon') && exclusive && folioMaybeDmaPinned(f);
}

/** The migration entry replacing a PTE: writable, read-exclusive or read (make_*_migration_entry). */
export function migrationEntry(w: World, pte: PresentPte): MigrationPte {
  const exclusive = ((w.mem.pageFlags[pte.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  return { kind: 'migration', pfn: pte.pfn, writable: pte.rw, exclusive: !pte.rw && exclusive, young: pte.accessed, dirty: pte.dirty };
}

/** Second half of try_to_migrate_one: install the entry, drop the rmap and the mapping's reference. */
export function installMigrationEntry(w: World, plan: Plan, slot: WalkStep, pte: PresentPte, f: Folio): void {
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: migrationEntry(w, pte) })
    .add({ op: 'page_exclusive', pfn: pte.pfn, value: false })
    .add({ op: 'folio_mapcount', pfn: f.pfn, delta: -1 })
    .add({ op: 'folio_ref', pfn: f.pfn, delta: -1 });
}

/** remove_migration_pte: map the new folio where the migration entry was (no flush: the old entry was not present). */
export function removeMigrationPte(plan: Plan, slot: WalkStep, entry: MigrationPte, dst: Pfn): void {
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: mkPresent(dst, entry.writable, { dirty: entry.dirty, accessed: entry.young }) })
    .add({ op: 'folio_ref', pfn: dst, delta: 1 })
    .add({ op: 'folio_mapcount', pfn: dst, delta: 1 });
  if (entry.writable || entry.exclusive) plan.add({ op: 'page_exclusive', pfn: dst, value: true });
}

/** folio_expected_ref_count + 1 for a plain anon folio once unmapped: only the isolation reference. */
export const EXPECTED_UNMAPPED_REFS = 1;
