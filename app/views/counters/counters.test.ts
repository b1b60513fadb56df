import { describe, expect, it } from 'vitest';
import { frameAfter, stepOf } from '../test/frames';
import { counterRows, formatDelta, formatValue } from './counters';

describe('counters', () => {
  it('highlights exactly the counters the step changed, with their deltas', () => {
    const n = stepOf('fork-cow', { kind: 'fault', from: 'wp_page_copy' });
    const rows = counterRows(frameAfter('fork-cow', n), frameAfter('fork-cow', n - 1)).flatMap((g) => g.rows);
    const changed = rows.filter((r) => r.changed).map((r) => `${r.name} ${r.delta ?? ''}`);
    expect(changed).toContain('pages.copied 1');
    expect(changed).toContain('bytes.copied 4096');
    expect(changed.some((c) => c.startsWith('cost.ns'))).toBe(true);
    expect(changed.some((c) => c.startsWith('faults.total'))).toBe(false);
  });

  it('has no deltas without a previous frame and keeps CLI names', () => {
    const rows = counterRows(frameAfter('fork-cow', 3), null).flatMap((g) => g.rows);
    expect(rows.every((r) => r.delta === null && !r.changed)).toBe(true);
    expect(rows.map((r) => r.name)).toContain('tlb.shootdowns.byCpu');
  });

  it('formats cost in µs, per-CPU arrays by CPU, and signed deltas', () => {
    expect(formatValue('cost.ns', 2_340_060)).toBe('2,340.06 µs');
    expect(formatValue('tlb.shootdowns.byCpu', [0, 1])).toBe('CPU0 0 · CPU1 1');
    expect(formatDelta('pages.freed', -2)).toBe('−2');
    expect(formatDelta('cost.ns', 150)).toBe('+0.15 µs');
  });
});
