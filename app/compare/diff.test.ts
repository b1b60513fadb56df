import { describe, expect, it } from 'vitest';
import { baseName, diffCounters, flattenCounters, formatCounter, formatDiff } from './diff';

describe('counter diff', () => {
  it('flattens a per-CPU list into one counter per CPU', () => {
    expect([...flattenCounters({ 'faults.total': 3, 'tlb.shootdowns.byCpu': [0, 2] })]).toEqual([
      ['faults.total', 3], ['tlb.shootdowns.byCpu[0]', 0], ['tlb.shootdowns.byCpu[1]', 2],
    ]);
  });

  it('lists only the counters that differ, with B − A', () => {
    const d = diffCounters({ 'faults.total': 3, 'tlb.shootdowns': 1, vmas: 2 }, { 'faults.total': 3, 'tlb.shootdowns': 4, vmas: 1 });
    expect(d).toEqual([{ name: 'tlb.shootdowns', a: 1, b: 4, delta: 3 }, { name: 'vmas', a: 2, b: 1, delta: -1 }]);
  });

  it('finds nothing to list for two identical runs', () => {
    const c = { 'faults.total': 3, 'tlb.shootdowns.byCpu': [0, 1] };
    expect(diffCounters(c, structuredClone(c))).toEqual([]);
  });

  it('shows a CPU only one run has as missing on the other side, counting it as 0', () => {
    const d = diffCounters({ 'tlb.shootdowns.byCpu': [0, 1] }, { 'tlb.shootdowns.byCpu': [0, 1, 1] });
    expect(d).toEqual([{ name: 'tlb.shootdowns.byCpu[2]', a: null, b: 1, delta: 1 }]);
  });

  it('keeps A’s order and puts counters only B has last', () => {
    const d = diffCounters({ z: 1, a: 1 }, { a: 2, z: 2, extra: 5 });
    expect(d.map((x) => x.name)).toEqual(['z', 'a', 'extra']);
  });

  it('formats times in microseconds and differences with their sign', () => {
    expect(formatCounter('time.ns', 13_700)).toBe('13.70 µs');
    expect(formatCounter('faults.total', 12_345)).toBe('12,345');
    expect(formatCounter('vmas', null)).toBe('—');
    expect(formatDiff('cost.ns', -150)).toBe('−0.15 µs');
    expect(formatDiff('tlb.shootdowns', 3)).toBe('+3');
    expect(formatDiff('tlb.shootdowns', 0)).toBe('0');
    expect(baseName('tlb.shootdowns.byCpu[12]')).toBe('tlb.shootdowns.byCpu');
  });
});
