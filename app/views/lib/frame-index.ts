// Lookups over one Frame, built once per frame and cached (frames are immutable): page tables by
// address, folios by pfn, and the reverse map pfn → PTEs that the cross-view highlighting needs.
import type { FolioView, Frame, MmView, TableView, VmaView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';
import { alignDown, entrySpan, indexAt, PAGE_SIZE, PTRS_PER_TABLE } from './geometry';
import { refersToFrame } from './pte';

/** One leaf entry as found by a lookup. */
export interface PteHit {
  readonly code: number;
  readonly pfn: number;
  readonly bits: number;
  /** The table holding the entry (a PTE table, or a PMD table for a huge entry). */
  readonly table: TableView | null;
  readonly index: number;
}

/** A PTE that refers to a frame. */
export interface PteRef { readonly mm: number; readonly vaddr: number; readonly table: number; readonly index: number; readonly code: number }

/** Per-mm lookups. */
export interface MmIndex {
  readonly mm: MmView;
  readonly pteTables: ReadonlyMap<number, TableView>;
  readonly pmdTables: ReadonlyMap<number, TableView>;
  readonly byPfn: ReadonlyMap<number, TableView>;
}

/** Lookups over a frame. */
export interface FrameIndex {
  readonly frame: Frame;
  readonly mms: ReadonlyMap<number, MmIndex>;
  /** Owner mm of each page-table page. */
  readonly tableOwner: ReadonlyMap<number, number>;
  readonly folios: readonly FolioView[];
}

const NONE: PteHit = { code: PTE_KIND.none, pfn: -1, bits: 0, table: null, index: -1 };
const cache = new WeakMap<Frame, FrameIndex>();
const rmapCache = new WeakMap<FrameIndex, ReadonlyMap<number, readonly PteRef[]>>();
// The references of one PTE or PMD table, by pfn. A table object stays the same from frame to frame
// while it reads the same (the store's structural sharing), so a step re-indexes only the tables it
// wrote instead of every entry of every table (~1 ms a frame in a run with 11,000 mapped pages).
const tableRefs = new WeakMap<TableView, Map<number, PteRef[]>>();
const leafCache = new WeakMap<FrameIndex, readonly (readonly [number, TableView])[]>();
/** Beyond this many leaf tables, one reverse map per frame beats a look-up in each table's. */
const PER_TABLE_LOOKUP_MAX = 64;

function mmIndex(mm: MmView): MmIndex {
  const pteTables = new Map<number, TableView>();
  const pmdTables = new Map<number, TableView>();
  const byPfn = new Map<number, TableView>();
  for (const t of mm.tables) {
    byPfn.set(t.pfn, t);
    if (t.level === 1) pteTables.set(t.base, t);
    if (t.level === 2) pmdTables.set(t.base, t);
  }
  return { mm, pteTables, pmdTables, byPfn };
}

/** The (cached) index of a frame. */
export function frameIndex(frame: Frame): FrameIndex {
  const hit = cache.get(frame);
  if (hit) return hit;
  const mms = new Map(frame.mms.map((m) => [m.id, mmIndex(m)]));
  const tableOwner = new Map(frame.memory.pagetables.map((t) => [t.pfn, t.mm]));
  const idx: FrameIndex = { frame, mms, tableOwner, folios: frame.memory.folios };
  cache.set(frame, idx);
  return idx;
}

/** The leaf entry mapping `vaddr` in mm `mm` (a PTE, or a huge PMD entry), pte_none if none. */
export function pteAt(idx: FrameIndex, mm: number, vaddr: number): PteHit {
  const m = idx.mms.get(mm);
  if (!m) return NONE;
  const t = m.pteTables.get(alignDown(vaddr, entrySpan(2)));
  if (t) {
    const i = indexAt(vaddr, 1);
    return { code: t.kinds[i] ?? 0, pfn: t.pfns[i] ?? -1, bits: t.bits[i] ?? 0, table: t, index: i };
  }
  const pmd = m.pmdTables.get(alignDown(vaddr, entrySpan(3)));
  if (!pmd) return NONE;
  const j = indexAt(vaddr, 2);
  if (pmd.kinds[j] !== PTE_KIND.huge) return NONE;
  const head = pmd.pfns[j] ?? -1;
  return { code: PTE_KIND.huge, pfn: head + indexAt(vaddr, 1), bits: pmd.bits[j] ?? 0, table: pmd, index: j };
}

/** PTE kind and pfn of `pages` consecutive pages from `start` in mm `mm`, one PTE table at a time. */
export function pageRun(idx: FrameIndex, mm: number, start: number, pages: number): { readonly codes: Uint8Array; readonly pfns: Int32Array } {
  const codes = new Uint8Array(pages);
  const pfns = new Int32Array(pages).fill(-1);
  const m = idx.mms.get(mm);
  let p = 0;
  while (p < pages) {
    const addr = start + p * PAGE_SIZE;
    const i0 = indexAt(addr, 1);
    const n = Math.min(PTRS_PER_TABLE - i0, pages - p);
    const t = m?.pteTables.get(alignDown(addr, entrySpan(2)));
    if (t) {
      codes.set(t.kinds.subarray(i0, i0 + n), p);
      pfns.set(t.pfns.subarray(i0, i0 + n), p);
    } else if (m) {
      // No PTE table: either nothing is mapped, or a huge PMD entry maps the whole 2 MiB.
      const hit = pteAt(idx, mm, addr);
      if (hit.code !== PTE_KIND.none) for (let k = 0; k < n; k++) { codes[p + k] = hit.code; pfns[p + k] = hit.pfn + k; }
    }
    p += n;
  }
  return { codes, pfns };
}

/** The index of the item whose [start, end) holds `at` in a list sorted by start with no overlaps, or -1. */
export function spanIndex<T>(xs: readonly T[], at: number, start: (x: T) => number, end: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = xs[mid] as T;
    if (at < start(x)) hi = mid - 1;
    else if (at >= end(x)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The folio containing `pfn` (head or tail page), if any. */
export function folioAt(idx: FrameIndex, pfn: number): FolioView | undefined {
  return idx.folios[spanIndex(idx.folios, pfn, (f) => f.pfn, (f) => f.pfn + 2 ** f.order)];
}

/** The VMA of mm `mm` containing `vaddr`. */
export function vmaAt(idx: FrameIndex, mm: number, vaddr: number): VmaView | undefined {
  return idx.mms.get(mm)?.mm.vmas.find((v) => v.start <= vaddr && vaddr < v.end);
}

function addRef(map: Map<number, PteRef[]>, pfn: number, ref: PteRef): void {
  const l = map.get(pfn);
  if (l) l.push(ref);
  else map.set(pfn, [ref]);
}

function indexTable(map: Map<number, PteRef[]>, mm: number, t: TableView): void {
  for (let i = 0; i < PTRS_PER_TABLE; i++) {
    const code = t.kinds[i] ?? 0;
    const pfn = t.pfns[i] ?? -1;
    if (pfn < 0 || !refersToFrame(code)) continue;
    const vaddr = t.base + i * entrySpan(t.level);
    if (code !== PTE_KIND.huge) addRef(map, pfn, { mm, vaddr, table: t.pfn, index: i, code });
    // A huge PMD entry maps 512 consecutive frames; index each so a tail page finds its mapping.
    else for (let k = 0; k < PTRS_PER_TABLE; k++) addRef(map, pfn + k, { mm, vaddr: vaddr + k * PAGE_SIZE, table: t.pfn, index: i, code });
  }
}

function refsOfTable(mm: number, t: TableView): Map<number, PteRef[]> {
  let m = tableRefs.get(t);
  if (!m) {
    m = new Map();
    indexTable(m, mm, t);
    tableRefs.set(t, m);
  }
  return m;
}

/** The PMD and PTE tables of every mm, in mm then table order: those that can map a frame. */
function leafTables(idx: FrameIndex): readonly (readonly [number, TableView])[] {
  let l = leafCache.get(idx);
  if (!l) {
    const out: (readonly [number, TableView])[] = [];
    for (const mi of idx.mms.values()) for (const t of mi.mm.tables) if (t.level <= 2) out.push([mi.mm.id, t]);
    leafCache.set(idx, (l = out));
  }
  return l;
}

/** Every PTE (of every mm) that refers to `pfn`: the reverse map of the frame's tables. */
export function ptesOf(idx: FrameIndex, pfn: number): readonly PteRef[] {
  const leaves = leafTables(idx);
  if (leaves.length <= PER_TABLE_LOOKUP_MAX) {
    let out: PteRef[] | null = null;
    for (const [mm, t] of leaves) {
      const refs = refsOfTable(mm, t).get(pfn);
      if (refs) (out ??= []).push(...refs);
    }
    return out ?? [];
  }
  let map = rmapCache.get(idx);
  if (!map) {
    const m = new Map<number, PteRef[]>();
    for (const [mm, t] of leaves) indexTable(m, mm, t);
    map = m;
    rmapCache.set(idx, map);
  }
  return map.get(pfn) ?? [];
}

/** The chain of tables a walk of `vaddr` visits (PGD first), stopping at the first missing level. */
export function walkPath(idx: FrameIndex, mm: number, vaddr: number): { table: TableView; index: number }[] {
  const m = idx.mms.get(mm);
  const out: { table: TableView; index: number }[] = [];
  let t = m?.byPfn.get(m.mm.pgd);
  while (t && m) {
    const i = indexAt(vaddr, t.level);
    out.push({ table: t, index: i });
    if (t.kinds[i] !== PTE_KIND.table) break;
    t = m.byPfn.get(t.pfns[i] ?? -1);
  }
  return out;
}
