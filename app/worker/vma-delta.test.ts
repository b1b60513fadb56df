import { describe, expect, it } from 'vitest';
import type { MmView, VmaView } from '../sim/frame';
import { VmaDecoder, VmaEncoder } from './vma-delta';

const vma = (id: number, start: number, end: number, prot = 'rw-p'): VmaView => ({ id, start: start * 4096, end: end * 4096, pages: end - start, prot, flags: 'rd wr', anonVma: null, pgoff: start });
const mm = (id: number, vmas: VmaView[]): MmView => ({ id, process: 'p', pgd: 1, cpumask: [], tlbGen: 0, flushPending: 0, rss: { anon: 0, file: 0, shmem: 0, swapents: 0 }, pgtables: 0, hasPinned: false, vmas, tables: [] });

describe('VMA deltas', () => {
  it('send only a split\'s two VMAs and rebuild the list in address order', () => {
    const enc = new VmaEncoder();
    const dec = new VmaDecoder();
    const before = Array.from({ length: 10 }, (_, i) => vma(i, i * 10, i * 10 + 8));
    const first = dec.apply([mm(1, before)], enc.encode([mm(1, before)]));
    expect(first[0]?.vmas).toEqual(before);
    // VMA 4 splits: it keeps [40, 44), a new VMA 10 takes [44, 48) read-only.
    const after = [...before.slice(0, 4), vma(4, 40, 44), vma(10, 44, 48, 'r--p'), ...before.slice(5)];
    const d = enc.encode([mm(1, after)]);
    expect(d[1]).toMatchObject({ full: false, removed: [] });
    expect(d[1]?.vmas.map((v) => v.id)).toEqual([4, 10]);
    const got = dec.apply([mm(1, after)], d)[0]?.vmas ?? [];
    expect(got).toEqual(after);
    expect(got[0]).toBe(first[0]?.vmas[0]);
  });

  it('drops removed VMAs, sends a new mm whole, and keeps the list object when nothing changed', () => {
    const enc = new VmaEncoder();
    const dec = new VmaDecoder();
    const a = [vma(1, 0, 4), vma(2, 8, 12), vma(3, 16, 20)];
    const l1 = dec.apply([mm(1, a)], enc.encode([mm(1, a)]))[0]?.vmas;
    expect(dec.apply([mm(1, a)], enc.encode([mm(1, a)]))[0]?.vmas).toBe(l1);
    const b = [vma(1, 0, 4), vma(3, 16, 20)];
    const d = enc.encode([mm(1, b), mm(2, [vma(9, 0, 1)])]);
    expect(d[1]).toMatchObject({ full: false, removed: [2] });
    expect(d[2]).toMatchObject({ full: true });
    const out = dec.apply([mm(1, b), mm(2, [vma(9, 0, 1)])], d);
    expect(out[0]?.vmas).toEqual(b);
    expect(out[1]?.vmas.map((v) => v.id)).toEqual([9]);
  });

  it('refuses a frame whose mm has no delta', () => {
    expect(() => new VmaDecoder().apply([mm(1, [])], {})).toThrow(/no VMA delta for mm 1/);
  });
});
