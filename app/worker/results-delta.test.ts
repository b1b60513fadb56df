import { describe, expect, it } from 'vitest';
import { type FrameResult, ResultsDecoder, ResultsEncoder } from './results-delta';

const r = (i: number): FrameResult => ({ task: 't', index: i, op: 'write', step: i * 10, ret: null, errno: null });
const upTo = (n: number) => Array.from({ length: n }, (_, i) => r(i));

describe('results deltas', () => {
  it('send each result once and rebuild every frame\'s list, forward and back', () => {
    const enc = new ResultsEncoder();
    const dec = new ResultsDecoder();
    const sizes = [0, 2, 5, 3, 5, 8, 1, 8];
    const sent: number[] = [];
    for (const n of sizes) {
      const d = enc.encode(upTo(n));
      sent.push(d.add.length);
      expect(dec.apply(d)).toEqual(upTo(n));
    }
    expect(sent).toEqual([0, 2, 3, 0, 0, 3, 0, 0]);
  });

  it('keeps the same list object while the count stays the same, so memoised views skip it', () => {
    const enc = new ResultsEncoder();
    const dec = new ResultsDecoder();
    const a = dec.apply(enc.encode(upTo(4)));
    expect(dec.apply(enc.encode(upTo(4)))).toBe(a);
    expect(dec.apply(enc.encode(upTo(3)))).not.toBe(a);
  });

  it('refuses a delta that skips results it never received', () => {
    const dec = new ResultsDecoder();
    expect(() => dec.apply({ count: 3, add: [] })).toThrow(/only 0 are known/);
  });
});
