import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { addCodes, bitNames, describePte, kindInfo, LEAF_KINDS, mapsFrame } from './pte';

describe('pte kinds', () => {
  it('gives every leaf kind a distinct glyph or none, so colour is not the only carrier', () => {
    const glyphs = LEAF_KINDS.map((k) => k.glyph).filter((g) => g !== '');
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect(LEAF_KINDS.map((k) => k.name)).toContain('migration');
  });

  it('describes a writable dirty PTE with its pfn and bits', () => {
    expect(describePte(PTE_KIND.present_rw, 10, 3)).toBe('present, writable (RW=1) · pfn 10 · dirty, accessed');
  });

  it('describes the zero page and an empty PTE in kernel terms', () => {
    expect(describePte(PTE_KIND.zero, 0, 0)).toContain('pte_special');
    expect(describePte(PTE_KIND.none, -1, 0)).toContain('pte_none');
  });

  it('knows which kinds point at a frame', () => {
    expect(mapsFrame(PTE_KIND.present_ro)).toBe(true);
    expect(mapsFrame(PTE_KIND.swap)).toBe(false);
    expect(mapsFrame(PTE_KIND.migration)).toBe(false);
  });

  it('names the uffd-wp and soft-dirty bits', () => {
    expect(bitNames(12)).toEqual(['uffd-wp', 'soft-dirty']);
    expect(kindInfo(99).name).toBe('none');
  });

  it('collects each distinct code of a typed array once, keeping what the set held', () => {
    const present = new Set([7]);
    addCodes(Uint8Array.of(2, 0, 2, 5, 0), present);
    expect([...present].sort((a, b) => a - b)).toEqual([0, 2, 5, 7]);
  });
});
