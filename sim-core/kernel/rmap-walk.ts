// rmap_walk_anon (mm/rmap.c): from a folio to every PTE that maps it, through folio->mapping's
// anon_vma and the VMAs linked to it (the interval tree anon_vma_clone populates at fork).
import type { Folio } from '../model/folio';
import type { MmId, VmaId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { findPte, type WalkStep } from '../model/pagetable';
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
