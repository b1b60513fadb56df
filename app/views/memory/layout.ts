// Physical memory layout: one class per frame (free, folio mapped or not, page table, reserved, the
// zero page), grids per NUMA node, folio spans for outlines, and which folios deserve a detail card.
import type { FolioView, Frame, MemoryView } from '../../sim/frame';
import type { FrameCls } from '../common/Patterns';
import { folioAt, frameIndex } from '../lib/frame-index';
import type { Lit } from '../lib/highlight';
import { parseKey } from '../lib/keys';
import { resolveCopies, stepChanges } from '../lib/step-changes';

/** Frame classes by code (index into this list). */
export const FRAME_CLASSES: readonly FrameCls[] = ['free', 'anon', 'file', 'unmapped', 'pgtable', 'reserved', 'zero'];
const CODE = new Map(FRAME_CLASSES.map((c, i) => [c, i]));
const code = (c: FrameCls): number => CODE.get(c) ?? 0;

/** Legend text of each frame class. */
export const FRAME_LABELS: Readonly<Record<FrameCls, string>> = {
  free: 'free (buddy allocator)', anon: 'anonymous folio, mapped', file: 'page-cache folio, mapped', unmapped: 'folio mapped by no PTE (mapcount 0)',
  pgtable: 'page-table page', reserved: 'reserved', zero: 'empty_zero_page',
};

/** The shared zero page: PFN 0 of node 0, reserved at boot (sim-core/model/physmem.ts). */
export const ZERO_PFN = 0;

function folioCls(f: FolioView): number {
  if (f.mapcount <= 0) return code('unmapped');
  return f.flags.includes('anon') ? code('anon') : code('file');
}

const [PGTABLE, ZERO, RESERVED] = [code('pgtable'), code('zero'), code('reserved')];

/** A class code per pfn. */
export function frameClasses(mem: MemoryView): Uint8Array {
  const out = new Uint8Array(mem.kind.length); // 0: free, FRAME_CLASSES' first
  for (let p = 0; p < mem.kind.length; p++) {
    const k = mem.kind[p];
    if (k === 3) out[p] = PGTABLE;
    else if (k === 4) out[p] = p === ZERO_PFN ? ZERO : RESERVED;
  }
  for (const f of mem.folios) out.fill(folioCls(f), f.pfn, Math.min(out.length, f.pfn + 2 ** f.order));
  return out;
}

/** How many frames of each class (by code) lie in classes[from, to). */
function classCounts(classes: Uint8Array, from = 0, to = classes.length): Uint32Array {
  const n = new Uint32Array(FRAME_CLASSES.length);
  for (let p = from; p < Math.min(classes.length, to); p++) {
    const c = classes[p] ?? 0;
    n[c] = (n[c] ?? 0) + 1;
  }
  return n;
}

/** The class codes present in `classes`, ascending. */
export function classesPresent(classes: Uint8Array): number[] {
  return [...classCounts(classes).entries()].filter(([, k]) => k > 0).map(([c]) => c);
}

/** Grid columns for a node of `frames` frames: bigger cells (with content tags) for small machines. */
export function nodeCols(frames: number): number {
  return frames <= 512 ? 32 : 64;
}

/** Folios of order > 0, as [first pfn, pages], for outlines around their frames. */
export function largeFolios(mem: MemoryView): readonly (readonly [number, number])[] {
  return mem.folios.filter((f) => f.order > 0).map((f) => [f.pfn, 2 ** f.order] as const);
}

/** Counts per class on one node. */
export function nodeCounts(classes: Uint8Array, node: number, perNode: number): Map<FrameCls, number> {
  const n = classCounts(classes, node * perNode, (node + 1) * perNode);
  return new Map(FRAME_CLASSES.flatMap((c, i) => (n[i] ? [[c, n[i] ?? 0] as const] : [])));
}

/** Largest number of detail cards shown at once. */
export const MAX_CARDS = 4;

/**
 * Folios to show as detail cards: those the selection lights (when few), the hovered one, and those
 * the step touched or copied, in that order, without repeats.
 */
export function focusFolios(f: Frame, sel: Lit | null, hov: Lit | null): FolioView[] {
  const idx = frameIndex(f);
  const pfns: number[] = [];
  const few = (l: Lit | null) => (l && l.pfns.size <= MAX_CARDS ? [...l.pfns] : []);
  pfns.push(...few(sel), ...few(hov));
  for (const c of resolveCopies(stepChanges(f.record), f.memory.folios)) pfns.push(c.from, ...(c.to === null ? [] : [c.to]));
  for (const k of f.record?.touched ?? []) {
    const p = parseKey(k);
    if (p?.kind === 'pfn') pfns.push(p.n);
  }
  const out: FolioView[] = [];
  for (const p of pfns) {
    const folio = folioAt(idx, p);
    if (folio && !out.includes(folio)) out.push(folio);
  }
  return out.slice(0, MAX_CARDS);
}
