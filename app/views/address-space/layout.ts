// Address-space layout: each VMA's pages as cells coloured by PTE kind, derived from the mm's page
// tables, run-length encoded per grid row so a 1,000-page VMA draws as a few dozen rects. VMAs of
// more than MAX_CELLS pages are aggregated: one cell per bucket of pages, drawn as its commonest kind.
import type { VmaView } from '../../sim/frame';
import { type FrameIndex, pageRun } from '../lib/frame-index';
import { PAGE_SIZE, vpnOf } from '../lib/geometry';
import { uffdWpRun } from '../lib/uffd-wp';

/** Units per cell side in the grid's SVG coordinates. */
export const CELL = 10;

/** Cells per grid row for a view whose largest VMA has `maxPages` pages: small runs get big, labelled cells. */
export function gridCols(maxPages: number): number {
  return maxPages <= 64 ? 16 : maxPages <= 512 ? 32 : 64;
}
/** Largest number of cells drawn for one VMA. */
export const MAX_CELLS = 4096;

/** The cells of one VMA. */
export interface VmaCells {
  readonly vma: VmaView;
  /** Pages per cell (1 unless the VMA is aggregated). */
  readonly bucket: number;
  readonly count: number;
  readonly cols: number;
  readonly rows: number;
  /** PTE kind code per cell (the commonest kind of its pages). */
  readonly codes: Uint8Array;
  /** 1 where an aggregated cell holds more than one kind. */
  readonly mixed: Uint8Array;
  /** pfn of each cell's first page (-1 when it maps none). */
  readonly pfns: Int32Array;
  /** 1 where a page of the cell carries uffd-wp (bit or marker); null outside VM_UFFD_WP VMAs. */
  readonly wp: Uint8Array | null;
}

/** A horizontal run of cells in one row. */
export interface Run { readonly row: number; readonly col: number; readonly len: number; readonly code: number }

// The commonest kind in `counts`, plus 16 when more than one kind is present (one pass, no
// allocation: this runs once per cell of every aggregated VMA on every frame).
function commonest(counts: Uint32Array): number {
  let best = 0;
  let kinds = 0;
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k] ?? 0;
    if (n === 0) continue;
    kinds++;
    if (n > (counts[best] ?? 0)) best = k;
  }
  return kinds > 1 ? best | 16 : best;
}

/** True for a VMA registered for uffd-wp (VM_UFFD_WP, smaps "uw"): only those carry uffd-wp bits. */
export const isUffdWp = (vma: VmaView): boolean => vma.flags.split(' ').includes('uw');

// Per cell: 1 if any of its pages carries uffd-wp. Read only in VM_UFFD_WP VMAs, so others cost nothing.
function wpCells(idx: FrameIndex, mm: number, vma: VmaView, bucket: number, count: number): Uint8Array | null {
  if (!isUffdWp(vma)) return null;
  const pages = uffdWpRun(idx, mm, vma.start, vma.pages);
  if (bucket === 1) return pages;
  const out = new Uint8Array(count);
  pages.forEach((v, p) => { if (v) out[Math.floor(p / bucket)] = 1; });
  return out;
}

/** The cells of a VMA of mm `mm`, reading its PTEs through the frame index. */
export function vmaCells(idx: FrameIndex, mm: number, vma: VmaView, cols: number, maxCells = MAX_CELLS): VmaCells {
  const run = pageRun(idx, mm, vma.start, vma.pages);
  const bucket = Math.max(1, Math.ceil(vma.pages / maxCells));
  const count = Math.ceil(vma.pages / bucket);
  const rows = Math.ceil(count / cols);
  const wp = wpCells(idx, mm, vma, bucket, count);
  if (bucket === 1) return { vma, bucket, count, cols, rows, codes: run.codes, mixed: new Uint8Array(count), pfns: run.pfns, wp };
  const codes = new Uint8Array(count);
  const mixed = new Uint8Array(count);
  const pfns = new Int32Array(count);
  const counts = new Uint32Array(16);
  for (let c = 0; c < count; c++) {
    counts.fill(0);
    const last = Math.min(vma.pages, (c + 1) * bucket);
    for (let p = c * bucket; p < last; p++) {
      const k = run.codes[p] ?? 0;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const top = commonest(counts);
    codes[c] = top & 15;
    mixed[c] = top >> 4;
    pfns[c] = run.pfns[c * bucket] ?? -1;
  }
  return { vma, bucket, count, cols, rows, codes, mixed, pfns, wp };
}

/** Runs of equal values per row of a `cols`-wide grid; cells where `keep` is false are skipped. */
export function rowRuns(values: ArrayLike<number>, cols: number, keep: (v: number) => boolean = () => true): Run[] {
  const out: Run[] = [];
  for (let start = 0; start < values.length; start += cols) {
    const end = Math.min(values.length, start + cols);
    let i = start;
    while (i < end) {
      const v = values[i] ?? 0;
      let j = i + 1;
      while (j < end && values[j] === v) j++;
      if (keep(v)) out.push({ row: start / cols, col: i - start, len: j - i, code: v });
      i = j;
    }
  }
  return out;
}

/** The page offsets [first, last] of cell `c`. */
export function cellPages(cells: VmaCells, c: number): readonly [number, number] {
  return [c * cells.bucket, Math.min(cells.vma.pages, (c + 1) * cells.bucket) - 1];
}

/** 1 for every cell holding a page whose vpn is in `vpns` (walks whichever side is smaller). */
export function litCells(cells: VmaCells, vpns: ReadonlySet<number>): Uint8Array {
  const out = new Uint8Array(cells.count);
  const v0 = vpnOf(cells.vma.start);
  const n = cells.vma.pages;
  if (vpns.size < n) {
    for (const v of vpns) if (v >= v0 && v < v0 + n) out[Math.floor((v - v0) / cells.bucket)] = 1;
  } else {
    for (let p = 0; p < n; p++) if (vpns.has(v0 + p)) out[Math.floor(p / cells.bucket)] = 1;
  }
  return out;
}

/** /proc/PID/maps permissions ("rw-p") from the smaps mnemonics. */
export function permString(flags: string): string {
  const f = new Set(flags.split(' '));
  return `${f.has('rd') ? 'r' : '-'}${f.has('wr') ? 'w' : '-'}${f.has('ex') ? 'x' : '-'}${f.has('sh') ? 's' : 'p'}`;
}

/** The scenario region names covering a VMA, with page indexes: "buf[1..1024]". */
export function regionLabel(regions: readonly { readonly name: string; readonly addr: number | null; readonly pages: number }[], vma: VmaView): string {
  const out: string[] = [];
  for (const r of regions) {
    if (r.addr === null) continue;
    const end = r.addr + r.pages * PAGE_SIZE;
    if (r.addr >= vma.end || end <= vma.start) continue;
    const a = (Math.max(r.addr, vma.start) - r.addr) / PAGE_SIZE;
    const b = (Math.min(end, vma.end) - r.addr) / PAGE_SIZE - 1;
    out.push(a === b ? `${r.name}[${a}]` : `${r.name}[${a}..${b}]`);
  }
  return out.join(', ');
}

/** The range as /proc/PID/maps prints it: "7effffa00000-7effffe02000". */
export function rangeLabel(start: number, end: number): string {
  return `${start.toString(16)}-${end.toString(16)}`;
}
