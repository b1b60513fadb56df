import { describe, expect, it } from 'vitest';
import type { FolioView } from '../sim/frame';
import { fromColumns } from './folio-columns';
import { shareEqual } from '../store/share';
import { FolioDecoder, FolioEncoder } from './folio-delta';

const folio = (pfn: number, refcount = 1, content = ['A']): FolioView => ({
  pfn, order: 0, node: 0, refcount, mapcount: 1, pincount: 0, flags: ['anon'], anonVma: 1, index: pfn, content, exclusive: true,
});
const list = (...pfns: number[]) => pfns.map((p) => folio(p));

describe('folio deltas', () => {
  it('send the first list whole', () => {
    expect(new FolioEncoder().encode(list(1, 2))).toMatchObject({ full: true });
  });

  it('send only new, changed and removed folios afterwards', () => {
    const enc = new FolioEncoder();
    enc.encode(list(1, 2, 3, 4, 5, 6));
    const d = enc.encode([folio(1), folio(2, 2), folio(3), folio(4), folio(6), folio(7)]);
    expect({ ...d, folios: fromColumns(d.folios) }).toEqual({ full: false, folios: [folio(2, 2), folio(7)], removed: [5] });
  });

  it('notice a changed content tag', () => {
    const enc = new FolioEncoder();
    enc.encode(list(1, 2, 3));
    expect(fromColumns(enc.encode([folio(1), folio(2, 1, ['B']), folio(3)]).folios)).toEqual([folio(2, 1, ['B'])]);
  });

  it('send the whole list when most of it changed', () => {
    const enc = new FolioEncoder();
    enc.encode(list(1, 2));
    expect(enc.encode(list(3, 4, 5)).full).toBe(true);
  });

  it('rebuild exactly the list that was encoded, through structured cloning', () => {
    const enc = new FolioEncoder();
    const dec = new FolioDecoder();
    const frames = [list(2, 4, 6, 8, 10, 12), [folio(1), ...list(2, 4), folio(6, 3), ...list(10, 12, 14)], list(1, 2, 4, 6, 10, 12, 14, 16), []];
    for (const f of frames) expect(dec.apply(structuredClone(enc.encode(f)))).toEqual(f);
  });

  it('keep unchanged folios as the same objects', () => {
    const enc = new FolioEncoder();
    const dec = new FolioDecoder();
    const first = dec.apply(structuredClone(enc.encode(list(2, 4, 6))));
    const second = dec.apply(structuredClone(enc.encode([folio(2), folio(4, 5), folio(6)])));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[2]).toBe(first[2]);
  });

  it('return the previous list itself when nothing changed', () => {
    const enc = new FolioEncoder();
    const dec = new FolioDecoder();
    const a = dec.apply(enc.encode(list(1, 2, 3)));
    expect(dec.apply(enc.encode(list(1, 2, 3)))).toBe(a);
  });

  it('keep unchanged folios as the same objects even when the whole list is sent', () => {
    const enc = new FolioEncoder();
    const dec = new FolioDecoder();
    const first = dec.apply(structuredClone(enc.encode(list(2, 4, 6, 8))));
    const d = structuredClone(enc.encode([folio(1), folio(2), folio(3), folio(5), folio(6, 7), folio(8), folio(9)]));
    expect(d.full).toBe(true);
    const second = dec.apply(d);
    expect(second.map((f) => f.pfn)).toEqual([1, 2, 3, 5, 6, 8, 9]);
    expect(second[1]).toBe(first[0]);
    expect(second[4]).not.toBe(first[2]);
    expect(second[4]?.refcount).toBe(7);
    expect(second[5]).toBe(first[3]);
  });

  it('hand the store a rebuilt list it takes as is, without comparing its folios again', () => {
    const enc = new FolioEncoder();
    const dec = new FolioDecoder();
    const first = dec.apply(structuredClone(enc.encode(list(2, 4, 6))));
    const second = dec.apply(structuredClone(enc.encode([folio(1), ...list(2, 4, 6)])));
    expect(second[1]).toBe(first[0]);
    // Unmarked, a list reading the same would be swapped for the look-alike's objects.
    const lookalike = second.map((f) => ({ ...f }));
    expect(shareEqual(lookalike, second)).toBe(second);
    expect(shareEqual(lookalike, second.slice())).toBe(lookalike);
  });
});
