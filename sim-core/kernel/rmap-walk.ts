// rmap_walk_anon (mm/rmap.c): from a folio to every PTE that maps it, through folio->mapping's
// anon_vma and the VMAs linked to it (the interval tree anon_vma_clone populates at fork).
import type { Folio } from '../model/folio';
import type { MmId, VmaId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { findLeaf, findPte, type WalkStep } from '../model/pagetable';
import type { Pte } from '../model/pte';
import { type Vma, vmaAddress } from '../model/vma';
import type { World } from '../model/world';

/** One VMA the walk visits, and where the folio would sit in it (vma_address). */
export interface RmapTarget { readonly vma: VmaId; readonly mm: MmId; readonly addr: number | null }

/** The VMAs rmap_walk_anon visits for a folio, in interval-tree (link) order. */
export function rmapTargets(w: World, f: Folio): RmapTarget[] {
  if (f.anonVma === null) return [];
  const out: RmapTarget[] = [];
  for (const id of w.rmap.vmasOfAnon.get(f.anonVma) ?? []) {
    const v = findVma(w, id);
    if (v) out.push({ vma: v.id, mm: v.mm, addr: vmaAddress(v, f.index) });
  }
  return out;
}

/** The VMA with this id, in whichever mm holds it. */
export function findVma(w: World, id: VmaId): Vma | undefined {
  for (const m of w.mms.values()) {
    const v = m.vmas.find((x) => x.id === id);
    if (v) return v;
  }
  return undefined;
}

/** page_vma_mapped_walk for a small folio: the PTE slot at `addr` if it maps `pfn` (present or migration entry). */
export function mappedPte(w: World, mm: MmId, addr: number, pfn: number, migration: boolean): WalkStep | null {
  const m = w.mms.get(mm);
  const slot = m ? findPte(w.tables, m.pgd, addr) : null;
  if (!slot) return null;
  const e = slot.entry as Pte;
  if (!migration && e.kind === 'present' && !e.special && e.pfn === pfn) return slot;
  if (migration && e.kind === 'migration' && e.pfn === pfn) return slot;
  return null;
}

/** Where a target sits, for narration. */
export const targetText = (w: World, t: RmapTarget): string => `${w.mms.get(t.mm)?.process ?? '?'} at ${t.addr === null ? '(outside the VMA)' : hex(t.addr)}`;

/** Page-aligned address helper for rmap targets. */
export const pageOf = (addr: number): number => addr - (addr % PAGE_SIZE);

/** The mms whose page tables map any page of `f` (a PTE or a PMD leaf), found through its anon_vma. */
export function mmsMapping(w: World, f: Folio): Set<MmId> {
  const out = new Set<MmId>();
  const nr = 2 ** f.order;
  for (const t of rmapTargets(w, f)) {
    const m = w.mms.get(t.mm);
    const v = findVma(w, t.vma);
    if (!m || !v || out.has(t.mm)) continue;
    for (let j = 0; j < nr; j++) {
      const addr = vmaAddress(v, f.index + j);
      const e = addr === null ? undefined : findLeaf(w.tables, m.pgd, addr)?.entry;
      if ((e?.kind === 'present' || e?.kind === 'huge') && e.pfn >= f.pfn && e.pfn < f.pfn + nr) {
        out.add(t.mm);
        break;
      }
    }
  }
  return out;
}

/**
 * folio_maybe_mapped_shared (include/linux/mm.h, 6.15+ with CONFIG_MM_ID): a small folio mapped more
 * than once; a large one mapped more than once and by more than one mm (its 512 PTEs in one process
 * are not "shared").
 */
export function folioMaybeMappedShared(w: World, f: Folio): boolean {
  if (f.order === 0 || f.mapcount <= 1) return f.mapcount > 1;
  return mmsMapping(w, f).size > 1;
}

