// mmu_gather (include/asm-generic/tlb.h, mm/mmu_gather.c) and the zap/free-pgtables walks of
// mm/memory.c. The rule it enforces: clear PTEs, flush the TLBs, and only then free pages and tables.
import { SPLIT_HUGE_PMD, ZAP_PTE } from '../engine/costs';
import { folioTest } from '../model/folio';
import { type MmId, pfn } from '../model/ids';
import { alignDown, entrySpan, type Level, PAGE_SIZE, PGDIR_SIZE, PMD_SIZE, PUD_SIZE, tableIndex } from '../model/layout';
import type { Mm } from '../model/mm';
import { type PageTable, walk, type WalkStep } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { type HugePmd, PTE_NONE } from '../model/pte';
import type { World } from '../model/world';
import { splitHugePmd } from './huge-split';
import type { Plan } from './plan';

/**
 * Pages one gather can queue before zap_pte_range must force a flush. mm/mmu_gather.c
 * __tlb_remove_folio_pages_size moves to the next batch once `batch->nr >= batch->max - 1` (room is
 * kept for a page + nr_pages pair), and tlb_next_batch allocates at most MAX_GATHER_BATCH_COUNT =
 * 10000 / MAX_GATHER_BATCH batches (include/asm-generic/tlb.h). So: the on-stack bundle
 * (MMU_GATHER_BUNDLE = 8) holds 7 small folios and each of the 19 extra batches of
 * MAX_GATHER_BATCH = (4096 - 16) / 8 = 510 slots holds 509: 7 + 19 × 509 = 9,678 pages.
 */
export const MMU_GATHER_MAX_PAGES = 7 + Math.floor(10000 / 510) * 509;

/** struct mmu_gather, as carried by the machine that owns it. */
export interface Gather {
  readonly mm: MmId;
  /** tlb_gather_mmu_fullmm (exit): flush everything once. */
  readonly fullmm: boolean;
  /** Flush range accumulated by __tlb_adjust_range, or null when nothing was cleared. */
  readonly range: readonly [number, number] | null;
  readonly freedTables: boolean;
  /** cleared_ptes: decides the flush stride (tlb_get_unmap_shift). */
  readonly clearedPtes: boolean;
  /** Pages queued by __tlb_remove_folio_pages, freed after the flush. */
  readonly pages: readonly number[];
  /** Page-table pages queued by pte/pmd/pud_free_tlb. */
  readonly tables: readonly number[];
}

/** tlb_gather_mmu. */
export const newGather = (mm: MmId, fullmm = false): Gather => ({ mm, fullmm, range: null, freedTables: false, clearedPtes: false, pages: [], tables: [] });

function pteTable(w: World, mm: Mm, addr: number): PageTable | undefined {
  let t = w.tables.get(mm.pgd);
  while (t && t.level > 1) {
    const e = t.entries[tableIndex(addr, t.level)];
    if (e?.kind !== 'table') return undefined;
    t = w.tables.get(e.pfn);
  }
  return t;
}

/** Widens the gather's flush range (__tlb_adjust_range). */
export function widen(r: Gather['range'], start: number, end: number): readonly [number, number] {
  return r ? [Math.min(r[0], start), Math.max(r[1], end)] : [start, end];
}

/** The huge PMD leaf covering `addr`, with its slot, if there is one. */
export function hugePmd(w: World, mm: Mm, addr: number): WalkStep | null {
  const s = walk(w.tables, mm.pgd, addr).find((x) => x.level === 2);
  return s?.entry.kind === 'huge' ? s : null;
}

// zap_pmd_range on a huge PMD: zap_huge_pmd when the whole 2 MiB goes, else __split_huge_pmd first.
function zapHugePmd(w: World, mm: Mm, g: Gather, a: number, end: number, slot: WalkStep, plan: Plan): ZapOut {
  const haddr = alignDown(a, PMD_SIZE);
  const e = slot.entry as HugePmd;
  const base = { from: a, queued: 0, forceFlush: false, emptied: false, table: slot.table };
  if (a !== haddr || end < haddr + PMD_SIZE) {
    splitHugePmd(w, plan, mm, slot, a);
    return { ...base, gather: g, cursor: a, cleared: 0, cost: SPLIT_HUGE_PMD, split: true };
  }
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: PTE_NONE });
  // zap_deposited_table: the deposited PTE table is freed at once (pte_free), not through the gather.
  const dep = mm.deposits.get(haddr);
  if (dep !== undefined) plan.add({ op: 'deposit', mm: mm.id, addr: haddr, table: null }).add({ op: 'free_pgtable', pfn: pfn(dep) }).add({ op: 'mm_pgtables', mm: mm.id, delta: -1 });
  const pages = g.pages.slice();
  if (!e.special) {
    plan.add({ op: 'folio_mapcount', pfn: e.pfn, delta: -1 }).add({ op: 'rss', mm: mm.id, delta: { anon: -512 } });
    pages.push(e.pfn);
  }
  const gather = { ...g, pages, range: widen(g.range, haddr, haddr + PMD_SIZE) };
  return { ...base, gather, cursor: haddr + PMD_SIZE, cleared: 1, queued: e.special ? 0 : 1, cost: ZAP_PTE * 4, huge: true, forceFlush: pages.length >= MMU_GATHER_MAX_PAGES };
}

/** Result of one zap_pte_range call. */
export interface ZapOut {
  readonly gather: Gather; readonly from: number; readonly cursor: number; readonly cleared: number; readonly queued: number;
  readonly forceFlush: boolean; readonly cost: number; readonly table: number | null;
  /** The table had no other entries: the zap left it empty. */
  readonly emptied: boolean;
  /** A whole PMD-mapped THP was zapped (zap_huge_pmd), or one was split first (no progress yet). */
  readonly huge?: boolean;
  readonly split?: boolean;
}

/**
 * zap_pte_range over the PTE table covering `cursor` (empty tables are skipped): clear each PTE,
 * drop rmap and RSS at once, queue the page for freeing after the flush. Stops early when the
 * batch is full (force_flush).
 */
export function zapPteRange(w: World, mm: Mm, g: Gather, cursor: number, end: number, plan: Plan): ZapOut {
  let a = cursor;
  while (a < end && !pteTable(w, mm, a) && !hugePmd(w, mm, a)) a = Math.min(end, alignDown(a, PMD_SIZE) + PMD_SIZE);
  if (a >= end) return { gather: g, from: end, cursor: end, cleared: 0, queued: 0, forceFlush: false, cost: 0, table: null, emptied: false };
  const huge = hugePmd(w, mm, a);
  if (huge) return zapHugePmd(w, mm, g, a, end, huge, plan);
  const t = pteTable(w, mm, a) as PageTable;
  const from = a;
  const stop = Math.min(end, alignDown(a, PMD_SIZE) + PMD_SIZE);
  const pages = g.pages.slice();
  let cleared = 0;
  let anon = 0;
  let range = g.range;
  let forceFlush = false;
  for (; a < stop && !forceFlush; a += PAGE_SIZE) {
    const i = tableIndex(a, 1);
    const e = t.entries[i];
    if (!e || e.kind === 'none') continue;
    plan.add({ op: 'set_entry', table: t.pfn, index: i, entry: PTE_NONE });
    cleared++;
    range = widen(range, a, a + PAGE_SIZE);
    if (e.kind !== 'present' || e.special) continue;
    const f = folioOf(w.mem, e.pfn);
    if (!f) continue;
    plan.add({ op: 'folio_mapcount', pfn: f.pfn, delta: -1 });
    if (folioTest(f, 'anon')) anon++;
    pages.push(f.pfn);
    forceFlush = pages.length >= MMU_GATHER_MAX_PAGES;
  }
  if (anon) plan.add({ op: 'rss', mm: mm.id, delta: { anon: -anon } });
  const gather = { ...g, range, pages, clearedPtes: g.clearedPtes || cleared > 0 };
  return { gather, from, cursor: a, cleared, queued: pages.length - g.pages.length, forceFlush, cost: cleared * ZAP_PTE, table: t.pfn, emptied: cleared === t.used };
}

// Emulates the unsigned arithmetic of free_pgd_range: a ceiling of 0 means "the top of the address space".
const last = (x: number): number => (x === 0 ? Infinity : x - 1);

interface FreeCtx { w: World; mm: Mm; plan: Plan; tables: number[]; addrs: number[]; floor: number; ceiling: number }

// pmd_clear / pud_clear then pte_free_tlb / pmd_free_tlb: unlink now, free after the flush.
// pte_free_tlb also widens the flush range by one page at the table's address.
function clearAndQueue(c: FreeCtx, parent: PageTable, index: number, child: number, addr: number): void {
  c.plan.add({ op: 'set_entry', table: parent.pfn, index, entry: PTE_NONE });
  c.plan.add({ op: 'mm_pgtables', mm: c.mm.id, delta: -1 });
  c.tables.push(child);
  c.addrs.push(addr);
}

// free_pmd_range / free_pud_range: free each child table in [addr, end), then this table if the
// range covers its whole span within [floor, ceiling).
function freeLevel(c: FreeCtx, parent: PageTable, index: number, addr: number, end: number, level: Level): void {
  const pe = parent.entries[index];
  if (pe?.kind !== 'table') return;
  const table = c.w.tables.get(pe.pfn);
  if (!table) return;
  if (level === 1) { clearAndQueue(c, parent, index, table.pfn, addr); return; }
  const span = entrySpan(level);
  for (let a = addr; a < end;) {
    const next = Math.min(end, alignDown(a, span) + span);
    freeLevel(c, table, tableIndex(a, level), a, next, (level - 1) as Level);
    a = next;
  }
  const mask = level === 2 ? PUD_SIZE : PGDIR_SIZE;
  if (alignDown(addr, mask) < c.floor) return;
  let ceiling = c.ceiling;
  if (ceiling) {
    ceiling = alignDown(ceiling, mask);
    if (!ceiling) return;
  }
  if (end - 1 > last(ceiling)) return;
  clearAndQueue(c, parent, index, table.pfn, alignDown(addr, mask));
}

/** Page tables unlinked by free_pgd_range, with the address each was freed at. */
export interface FreedTables { readonly tables: number[]; readonly addrs: number[] }

/** free_pgd_range(tlb, addr, end, floor, ceiling): queue the page tables no VMA can need any more. */
export function freePgdRange(w: World, mm: Mm, addr: number, end: number, floor: number, ceiling: number, plan: Plan): FreedTables {
  addr = alignDown(addr, PMD_SIZE);
  if (addr < floor) addr += PMD_SIZE;
  if (ceiling) {
    ceiling = alignDown(ceiling, PMD_SIZE);
    if (!ceiling) return { tables: [], addrs: [] };
  }
  if (end - 1 > last(ceiling)) end -= PMD_SIZE;
  if (addr > end - 1) return { tables: [], addrs: [] };
  const pgd = w.tables.get(mm.pgd);
  if (!pgd) return { tables: [], addrs: [] };
  const c: FreeCtx = { w, mm, plan, tables: [], addrs: [], floor, ceiling };
  for (let a = addr; a < end;) {
    const next = Math.min(end, alignDown(a, PGDIR_SIZE) + PGDIR_SIZE);
    // p4d is folded on 4-level paging: the PGD entry points straight at a PUD table.
    freeLevel(c, pgd, tableIndex(a, 4), a, next, 3);
    a = next;
  }
  return { tables: c.tables, addrs: c.addrs };
}

/**
 * PT_RECLAIM (mm/pt_reclaim.c, 6.14+, on by default on x86-64): MADV_DONTNEED over a whole 2 MiB
 * PTE table that is left empty frees it (try_get_and_clear_pmd + free_pte → pte_free_tlb).
 */
export function reclaimPtEnabled(w: World, start: number, end: number): boolean {
  return w.cfg.features.ptReclaim && end - start >= PMD_SIZE;
}

/** Unlinks the (now empty) PTE table covering `addr` and queues it, as free_pte does. */
export function reclaimPte(w: World, mm: Mm, addr: number, plan: Plan): number | null {
  let t = w.tables.get(mm.pgd);
  while (t && t.level > 2) {
    const e = t.entries[tableIndex(addr, t.level)];
    t = e?.kind === 'table' ? w.tables.get(e.pfn) : undefined;
  }
  const pmd = t;
  const e = pmd?.entries[tableIndex(addr, 2)];
  if (!pmd || e?.kind !== 'table') return null;
  plan.add({ op: 'set_entry', table: pmd.pfn, index: tableIndex(addr, 2), entry: PTE_NONE }).add({ op: 'mm_pgtables', mm: mm.id, delta: -1 });
  return e.pfn;
}
