// Which VMAs the address-space view draws when a process has very many (the 2012 postcopy scenario
// maps each arriving page with a VMA of its own): a window of them around what the step changed,
// with the rest summed up above and below, so a step lays out a few hundred bands, not thousands.
import type { VmaView } from '../../sim/frame';
import { spanIndex } from '../lib/frame-index';
import { PAGE_SIZE } from '../lib/geometry';

/** Most VMA bands an mm draws at once. */
export const BAND_WINDOW = 200;

/** [from, to) of `n` bands: all of them, or `size` centred on `focus` and kept inside the list. */
export function bandWindow(n: number, focus: number, size = BAND_WINDOW): readonly [number, number] {
  if (n <= size) return [0, n];
  const from = Math.max(0, Math.min(n - size, focus - Math.floor(size / 2)));
  return [from, from + size];
}

/**
 * The band the step touched: the first VMA holding a marked page (a fault, a PTE written), else the
 * first position where the VMA list differs from the previous frame's (a split, a merge, a new
 * mapping); -1 when nothing changed.
 */
export function touchedBand(prev: readonly VmaView[], vmas: readonly VmaView[], pages: Iterable<number>): number {
  for (const vpn of pages) {
    const i = spanIndex(vmas, vpn * PAGE_SIZE, (v) => v.start, (v) => v.end);
    if (i >= 0) return i;
  }
  if (prev === vmas) return -1;
  const n = Math.min(prev.length, vmas.length);
  for (let i = 0; i < n; i++) if (prev[i] !== vmas[i]) return i;
  return prev.length === vmas.length ? -1 : n - (vmas.length < prev.length ? 1 : 0);
}
