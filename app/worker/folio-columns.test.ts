import { describe, expect, it } from 'vitest';
import type { FolioView } from '../sim/frame';
import { columnBuffers, fromColumns, toColumns } from './folio-columns';

const folio = (pfn: number, over: Partial<FolioView> = {}): FolioView => ({
  pfn, order: 0, node: 0, refcount: 1, mapcount: 1, pincount: 0, flags: ['anon', 'lru'], anonVma: 3, index: pfn * 2, content: ['A'], exclusive: true, ...over,
});

describe('folio columns', () => {
  it('round-trip every field, including a missing anon_vma and large indexes', () => {
    const list = [folio(1), folio(512, { order: 9, node: 1, refcount: 7, mapcount: 3, pincount: 2, anonVma: null, index: 2 ** 40, exclusive: false, flags: [], content: ['B', 'C'] })];
    expect(fromColumns(structuredClone(toColumns(list)))).toEqual(list);
  });

  it('send each distinct flag set and content list once', () => {
    const c = toColumns([folio(1), folio(2), folio(3, { content: ['Z'] })]);
    expect(c.lists).toEqual([['anon', 'lru'], ['A'], ['Z']]);
  });

  it('survive being transferred between threads', () => {
    const c = toColumns([folio(1), folio(2)]);
    const moved = structuredClone(c, { transfer: columnBuffers(c) });
    expect(c.pfn.length).toBe(0);
    expect(fromColumns(moved).map((f) => f.pfn)).toEqual([1, 2]);
  });
});
