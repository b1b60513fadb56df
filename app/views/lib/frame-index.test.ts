import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { frameWhere } from '../test/frames';
import { folioAt, frameIndex, pageRun, pteAt, ptesOf, vmaAt, walkPath } from './frame-index';
import { PAGE_SIZE } from './geometry';

// fork-cow step 18: copy_page_range has made pfn 5 shared copy-on-write by parent and child.
const shared = () => frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' });
// fork-cow step 43: the parent's write has installed its private copy (pfn 10).
const copied = () => frameWhere('fork-cow', { kind: 'fault', from: 'wp_install' });

describe('frame index', () => {
  it('is built once per frame', () => {
    const f = shared();
    expect(frameIndex(f)).toBe(frameIndex(f));
  });

  it('finds the read-only PTE of each process after fork', () => {
    const f = shared();
    const idx = frameIndex(f);
    const addr = f.regions[0]?.addr ?? 0;
    for (const mm of f.mms) {
      const hit = pteAt(idx, mm.id, addr);
      expect(hit.code).toBe(PTE_KIND.present_ro);
      expect(hit.pfn).toBe(5);
    }
  });

  it('reverse-maps a COW-shared frame to the PTEs of both mms, then only the child after the copy', () => {
    expect(ptesOf(frameIndex(shared()), 5).map((r) => r.mm).sort()).toEqual([1, 2]);
    const after = frameIndex(copied());
    expect(ptesOf(after, 5).map((r) => r.mm)).toEqual([2]);
    expect(ptesOf(after, 10).map((r) => r.mm)).toEqual([1]);
  });

  it('returns pte_none outside any table', () => {
    const idx = frameIndex(shared());
    expect(pteAt(idx, 1, 0x1000).code).toBe(PTE_KIND.none);
    expect(pteAt(idx, 99, 0x1000).code).toBe(PTE_KIND.none);
  });

  it('finds the folio of a pfn and nothing for a page-table page', () => {
    const idx = frameIndex(shared());
    expect(folioAt(idx, 5)?.pfn).toBe(5);
    expect(folioAt(idx, 4)).toBeUndefined();
  });

  it('walks PGD → PUD → PMD → PTE table for a mapped address', () => {
    const f = shared();
    const idx = frameIndex(f);
    const addr = f.regions[0]?.addr ?? 0;
    const path = walkPath(idx, 1, addr);
    expect(path.map((p) => p.table.level)).toEqual([4, 3, 2, 1]);
    expect(path[0]?.index).toBe(253);
    expect(vmaAt(idx, 1, addr + PAGE_SIZE - 1)?.start).toBe(addr);
  });
});

describe('pageRun', () => {
  it('reads a run of pages across PTE tables, pte_none where no table exists', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 100);
    const idx = frameIndex(f);
    const vma = f.mms[0]?.vmas[0];
    if (!vma) throw new Error('no vma');
    const run = pageRun(idx, 1, vma.start - PAGE_SIZE, vma.pages + 2);
    expect(run.codes[0]).toBe(PTE_KIND.none);
    expect(run.codes[1]).toBe(PTE_KIND.present_rw);
    expect(run.codes[vma.pages]).toBe(PTE_KIND.present_rw);
    expect(run.codes[vma.pages + 1]).toBe(PTE_KIND.none);
    for (const p of [1, 300, 700, vma.pages]) expect(run.pfns[p]).toBe(pteAt(idx, 1, vma.start + (p - 1) * PAGE_SIZE).pfn);
  });

  it('reverse-maps the same through a frame with more tables than the per-table look-up takes', () => {
    const f = shared();
    const few = ptesOf(frameIndex(f), 5);
    // 80 more copies of each mm's leaf tables (other pfns): every copy maps pfn 5 as its original does.
    const mms = f.mms.map((m) => ({ ...m, tables: [...m.tables, ...Array.from({ length: 80 }, (_, k) => m.tables.filter((t) => t.level <= 2).map((t) => ({ ...t, pfn: 10_000 + 100 * k + t.pfn }))).flat()] }));
    const many = ptesOf(frameIndex({ ...f, mms }), 5);
    expect(few.length).toBe(2);
    expect(many.length).toBe(few.length * 81);
    expect(many.filter((r) => r.table < 10_000)).toEqual(few);
  });
});
