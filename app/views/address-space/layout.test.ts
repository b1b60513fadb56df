import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { frameIndex } from '../lib/frame-index';
import { frameWhere } from '../test/frames';
import { cellPages, gridCols, litCells, permString, regionLabel, rowRuns, vmaCells } from './layout';

describe('address-space layout', () => {
  it('colours each page of a VMA by its PTE: written pages RW, the rest none', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'fault', to: 'done' }, 20); // main has written the first pages
    const mm = f.mms[0];
    const vma = mm?.vmas[0];
    if (!mm || !vma) throw new Error('no vma');
    const cells = vmaCells(frameIndex(f), mm.id, vma, 64);
    expect(cells.count).toBe(1026);
    expect(cells.rows).toBe(17);
    expect(cells.codes[0]).toBe(PTE_KIND.present_rw);
    expect(cells.codes[1025]).toBe(PTE_KIND.none);
  });

  it('aggregates a large VMA into buckets and marks mixed buckets', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'fault', to: 'done' }, 20);
    const mm = f.mms[0];
    const vma = mm?.vmas[0];
    if (!mm || !vma) throw new Error('no vma');
    const cells = vmaCells(frameIndex(f), mm.id, vma, 64, 100);
    expect(cells.bucket).toBe(11);
    expect(cells.count).toBe(94);
    const firstNone = cells.codes.indexOf(PTE_KIND.none);
    expect(cells.mixed[firstNone - 1] === 1 || cells.mixed[firstNone] === 1).toBe(true);
    expect(cellPages(cells, 93)).toEqual([1023, 1025]);
  });

  it('reads no uffd-wp bits outside VM_UFFD_WP VMAs', () => {
    const f = frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' });
    const mm = f.mms[0];
    const vma = mm?.vmas[0];
    if (!mm || !vma) throw new Error('no vma');
    expect(vmaCells(frameIndex(f), mm.id, vma, 16).wp).toBeNull();
  });

  it('uses big cells for small VMAs and 64 columns for large ones', () => {
    expect(gridCols(1)).toBe(16);
    expect(gridCols(300)).toBe(32);
    expect(gridCols(1026)).toBe(64);
  });

  it('run-length encodes rows and breaks runs at row ends', () => {
    const runs = rowRuns([1, 1, 1, 2, 2, 2], 4);
    expect(runs).toEqual([
      { row: 0, col: 0, len: 3, code: 1 }, { row: 0, col: 3, len: 1, code: 2 }, { row: 1, col: 0, len: 2, code: 2 },
    ]);
    expect(rowRuns([0, 1, 0], 4, (v) => v !== 0)).toEqual([{ row: 0, col: 1, len: 1, code: 1 }]);
  });

  it('marks the cells of lit pages', () => {
    const f = frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' });
    const mm = f.mms[0];
    const vma = mm?.vmas[0];
    if (!mm || !vma) throw new Error('no vma');
    const cells = vmaCells(frameIndex(f), mm.id, vma, 16);
    const vpn = Math.floor(vma.start / 4096);
    expect([...litCells(cells, new Set([vpn]))]).toEqual([1]);
    expect([...litCells(cells, new Set([vpn + 1, vpn - 1]))]).toEqual([0]);
  });

  it('writes maps permissions and region names with page indexes', () => {
    expect(permString('rd wr mr mw me ac')).toBe('rw-p');
    expect(permString('rd mr sh ms')).toBe('r--s');
    const vma = { id: 1, start: 0x1000, end: 0x3000, pages: 2, prot: 'rw', flags: '', anonVma: null, pgoff: 0 };
    expect(regionLabel([{ name: 'buf', addr: 0, pages: 4 }], vma)).toBe('buf[1..2]');
    expect(regionLabel([{ name: 'buf', addr: 0x2000, pages: 4 }], vma)).toBe('buf[0]');
    expect(regionLabel([{ name: 'x', addr: null, pages: 4 }], vma)).toBe('');
  });
});
