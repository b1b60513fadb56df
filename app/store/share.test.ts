import { describe, expect, it } from 'vitest';
import { frameAfter } from '../views/test/frames';
import { shareEqual } from './share';

describe('shareEqual', () => {
  it('returns the previous value when the new one reads the same', () => {
    const prev = { a: 1, b: [1, { c: 'x' }], d: new Uint8Array([1, 2]) };
    const next = { a: 1, b: [1, { c: 'x' }], d: new Uint8Array([1, 2]) };
    expect(shareEqual(prev, next)).toBe(prev);
  });

  it('keeps the unchanged parts of a changed value and replaces the changed ones', () => {
    const prev = { same: { x: [1, 2] }, changed: { y: 1 }, list: [{ id: 1, v: 'a' }, { id: 2, v: 'b' }] };
    const next = { same: { x: [1, 2] }, changed: { y: 2 }, list: [{ id: 1, v: 'a' }, { id: 2, v: 'c' }] };
    const out = shareEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
    expect(out.same).toBe(prev.same);
    expect(out.changed).toBe(next.changed);
    expect(out.list[0]).toBe(prev.list[0]);
    expect(out.list[1]).not.toBe(prev.list[1]);
  });

  it('compares typed arrays by content, type and length', () => {
    const a = new Int32Array([1, -1]);
    expect(shareEqual(a, new Int32Array([1, -1]))).toBe(a);
    expect(shareEqual(a, new Int32Array([1, 2]))).not.toBe(a);
    expect(shareEqual(a, new Uint32Array([1, 2]))).not.toBe(a);
    expect(shareEqual(a, new Int32Array([1]))).not.toBe(a);
  });

  it('matches list items by id or pfn, so an insertion keeps the items after it', () => {
    const prev = [{ pfn: 1, n: 0 }, { pfn: 3, n: 0 }];
    const next = [{ pfn: 1, n: 0 }, { pfn: 2, n: 0 }, { pfn: 3, n: 0 }];
    const out = shareEqual(prev, next);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(prev[1]);
  });

  it('notices added, removed and undefined keys', () => {
    const prev: Record<string, unknown> = { a: 1 };
    expect(shareEqual(prev, { a: 1, b: undefined })).not.toBe(prev);
    expect(shareEqual({ a: 1, b: 2 }, prev)).toBe(prev);
    expect(shareEqual({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
  });

  it('compares Sets and Maps by content', () => {
    const s = new Set([1, 2]);
    const m = new Map([[1, new Set([3])]]);
    expect(shareEqual(s, new Set([2, 1]))).toBe(s);
    expect(shareEqual(s, new Set([1, 3]))).not.toBe(s);
    expect(shareEqual(m, new Map([[1, new Set([3])]]))).toBe(m);
    expect(shareEqual(m, new Map([[1, new Set([4])]]))).not.toBe(m);
  });

  it('shares the parts of consecutive frames that a step left alone', () => {
    const a = frameAfter('fork-cow', 20);
    const b = frameAfter('fork-cow', 21);
    const out = shareEqual(a, b);
    expect(out).toEqual(b);
    expect(out.step).toBe(b.step);
    expect(out.record).not.toBe(a.record);
    expect(out.mms).toBe(a.mms);
    expect(out.memory).toBe(a.memory);
    expect(shareEqual(a, frameAfter('fork-cow', 20))).toBe(a);
  });

  it('keeps the objects of a long list that moved to other positions, as after a seek', () => {
    const prev = Array.from({ length: 200 }, (_, i) => ({ pfn: i * 2, refcount: 1 }));
    const inserted = { pfn: 1, refcount: 1 };
    const changed = { pfn: 398, refcount: 2 };
    const next = [prev[0], inserted, ...prev.slice(1, 199), changed];
    const out = shareEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toHaveLength(201);
    expect(out[1]).toBe(inserted);
    expect(out[2]).toBe(prev[1]);
    expect(out[199]).toBe(prev[198]);
    expect(out[200]).toBe(changed);
    // Equal content under a new identity is still shared with prev's object of the same pfn.
    const copy = prev.map((f) => ({ ...f }));
    const again = shareEqual(prev, [{ pfn: 1, refcount: 1 }, ...copy]);
    expect(again[1]).toBe(prev[0]);
    expect(again[200]).toBe(prev[199]);
  });
});
