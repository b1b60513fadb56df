import { describe, expect, it } from 'vitest';
import type { VmaView } from '../../sim/frame';
import { bandWindow, touchedBand } from './band-window';

const vma = (id: number, page: number): VmaView => ({ id, start: page * 4096, end: (page + 1) * 4096, pages: 1, prot: 'rw-p', flags: '', anonVma: null, pgoff: page });

describe('the band window of a process with many VMAs', () => {
  it('draws every band of a small process, and a window kept inside the list of a large one', () => {
    expect(bandWindow(50, 10)).toEqual([0, 50]);
    expect(bandWindow(1000, 500)).toEqual([400, 600]);
    expect(bandWindow(1000, 3)).toEqual([0, 200]);
    expect(bandWindow(1000, 999)).toEqual([800, 1000]);
  });

  it('finds the band the step touched: a marked page first, else the first VMA that changed', () => {
    const a = Array.from({ length: 10 }, (_, i) => vma(i, i * 2));
    expect(touchedBand(a, a, [14])).toBe(7);
    expect(touchedBand(a, a, [])).toBe(-1);
    const split = [...a.slice(0, 4), vma(99, 8), ...a.slice(5)];
    expect(touchedBand(a, split, [])).toBe(4);
    expect(touchedBand(a, [...a, vma(10, 40)], [])).toBe(10);
  });
});
