// uffd_wp_range (mm/userfaultfd.c) → change_protection with MM_CP_UFFD_WP or MM_CP_UFFD_WP_RESOLVE
// (mm/mprotect.c change_pte_range / change_huge_pmd): set or clear the uffd-wp bit of each PTE.
// Protecting write-protects the PTE; resolving tries to make it writable again
// (MM_CP_TRY_CHANGE_WRITABLE, can_change_pte_writable). Any RW change needs a TLB flush. With
// UFFD_FEATURE_WP_UNPOPULATED protecting also populates the page tables of the range and puts a
// PTE_MARKER_UFFD_WP in every none PTE (pgtable_populate_needed, 6.4+; read in 6.18-era mm/mprotect.c).
import { PGTABLE_ALLOC, SPLIT_HUGE_PMD, UFFD_WP_PTE } from '../engine/costs';
import { PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { alignDown, type Level, PAGE_SIZE, PMD_SIZE, tableIndex } from '../model/layout';
import type { Mm } from '../model/mm';
import { findPte, walk, type WalkStep } from '../model/pagetable';
import { nodeFreePages } from '../model/physmem';
import { type HugePmd, type Pte, type PresentPte, withBits } from '../model/pte';
import type { World } from '../model/world';
import { splitHugePmd } from './huge-split';
import { type ChangeOut, needsFlush } from './mprotect';
import { ensurePteTable } from './pgtable-alloc';
import { type Gather, widen } from './mmu-gather';
import type { Plan } from './plan';

/**
 * How to change each PTE: protect or resolve, whether the VMA is writable, whether markers are used
 * (userfaultfd_wp_use_markers: WP_UNPOPULATED on anonymous memory), and the node new tables come from.
 */
export interface WpChange { readonly enable: boolean; readonly writable: boolean; readonly markers: boolean; readonly node: number }

function canMakeWritable(w: World, p: PresentPte, c: WpChange): boolean {
  return c.writable && !p.special && ((w.mem.pageFlags[p.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
}

// The new value of one PTE, or null when it stays as it is.
function newEntry(w: World, e: Pte, c: WpChange): Pte | null {
  switch (e.kind) {
    case 'present':
      if (c.enable) return e.uffd_wp && !e.rw ? null : withBits(e, { uffd_wp: true, rw: false });
      if (!e.uffd_wp) return null;
      return withBits(e, { uffd_wp: false, rw: canMakeWritable(w, e, c) });
    case 'swap':
      return e.uffd_wp === c.enable ? null : { ...e, uffd_wp: c.enable };
    case 'none':
      // Only with UFFD_FEATURE_WP_UNPOPULATED does an anonymous none PTE get a PTE_MARKER_UFFD_WP.
      return c.enable && c.markers ? { kind: 'marker', marker: 'uffd_wp' } : null;
    case 'marker':
      return !c.enable && e.marker === 'uffd_wp' ? { kind: 'none' } : null;
    case 'migration': case 'file':
      return null;
  }
}

// change_huge_pmd with MM_CP_UFFD_WP[_RESOLVE]: the whole 2 MiB keeps one PMD; a partial range splits first.
function wpHuge(w: World, mm: Mm, cursor: number, end: number, c: WpChange, g: Gather, plan: Plan, slot: WalkStep): ChangeOut {
  const haddr = alignDown(cursor, PMD_SIZE);
  if (cursor !== haddr || end < haddr + PMD_SIZE) {
    splitHugePmd(w, plan, mm, slot, cursor);
    return { cursor, changed: 0, flushed: 0, gather: g, cost: SPLIT_HUGE_PMD, split: true };
  }
  const e = slot.entry as HugePmd;
  const wp = e.uffd_wp ?? false;
  const rw = c.enable ? false : wp ? c.writable && !e.special && ((w.mem.pageFlags[e.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0 : e.rw;
  if (wp === c.enable && rw === e.rw) return { cursor: haddr + PMD_SIZE, changed: 0, flushed: 0, gather: g, cost: UFFD_WP_PTE, huge: true };
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...e, uffd_wp: c.enable, rw } });
  const flushed = rw !== e.rw ? 1 : 0;
  return { cursor: haddr + PMD_SIZE, changed: 1, flushed, gather: flushed ? { ...g, range: widen(g.range, haddr, haddr + PMD_SIZE) } : g, cost: UFFD_WP_PTE, huge: true };
}

// Page-table levels missing above the PTE for an address: the walk stopped at an empty entry.
function missingTables(steps: readonly WalkStep[]): number {
  const last = steps[steps.length - 1];
  return last && last.level > 1 && last.entry.kind === 'none' ? last.level - 1 : 0;
}

// change_prepare / change_pmd_prepare (pgtable_populate_needed): pud_alloc, pmd_alloc and pte_alloc
// level by level, then change_pte_range puts a marker in each none PTE of the new, empty table. An
// allocation that fails is -ENOMEM: change_protection stops, keeping what it already did.
function populate(w: World, mm: Mm, cursor: number, stop: number, c: WpChange, g: Gather, plan: Plan, missing: number): ChangeOut {
  let free = 0;
  for (let n = 0; n < w.cfg.nodes; n++) free += nodeFreePages(w.mem, n);
  if (free < missing) {
    if (free > 0) ensurePteTable(w, mm, cursor, c.node, plan, (missing + 1 - free) as Exclude<Level, 4>);
    return { cursor: stop, changed: 0, flushed: 0, gather: g, cost: free * PGTABLE_ALLOC, error: 'ENOMEM', populated: free };
  }
  const slot = ensurePteTable(w, mm, cursor, c.node, plan);
  let changed = 0;
  for (let a = cursor; a < stop; a += PAGE_SIZE, changed++) plan.add({ op: 'set_entry', table: slot.table, index: tableIndex(a, 1), entry: { kind: 'marker', marker: 'uffd_wp' } });
  return { cursor: stop, changed, flushed: 0, gather: g, cost: missing * PGTABLE_ALLOC + changed * UFFD_WP_PTE + 20, populated: missing };
}

/** change_pte_range (mm/mprotect.c) for uffd-wp over the PTE table covering `cursor`, up to `end`; change_pmd_prepare first when markers are used. */
export function uffdWpPteRange(w: World, mm: Mm, cursor: number, end: number, c: WpChange, g: Gather, plan: Plan): ChangeOut {
  const steps = walk(w.tables, mm.pgd, cursor);
  const pmd = steps.find((x) => x.level === 2);
  if (pmd?.entry.kind === 'huge') return wpHuge(w, mm, cursor, end, c, g, plan, pmd);
  const stop = Math.min(end, alignDown(cursor, PMD_SIZE) + PMD_SIZE);
  const missing = c.enable && c.markers ? missingTables(steps) : 0;
  if (missing) return populate(w, mm, cursor, stop, c, g, plan, missing);
  let changed = 0;
  let flushed = 0;
  let range = g.range;
  for (let a = cursor; a < stop; a += PAGE_SIZE) {
    const slot = findPte(w.tables, mm.pgd, a);
    if (!slot) break;
    const n = newEntry(w, slot.entry as Pte, c);
    if (!n) continue;
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: n });
    changed++;
    const o = slot.entry as Pte;
    // Only a present entry can be cached in a TLB; markers and swap entries never need a flush.
    if (o.kind === 'present' && n.kind === 'present' && needsFlush(o, n)) {
      flushed++;
      range = widen(range, a, a + PAGE_SIZE);
    }
  }
  return { cursor: stop, changed, flushed, gather: { ...g, range }, cost: changed * UFFD_WP_PTE + 20 };
}
