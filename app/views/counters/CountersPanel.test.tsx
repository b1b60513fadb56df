import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { CountersPanel } from './CountersPanel';

describe('CountersPanel', () => {
  it('lists non-zero counters under their CLI names with the cost in µs', () => {
    const text = textOf(renderView(CountersPanel, frameWhere('munmap-frees-tables', { kind: 'munmap', to: 'done' })));
    expect(text).toContain('tlb.shootdowns 1');
    expect(text).toContain('tlb.shootdowns.byCpu CPU0 0 · CPU1 1');
    expect(text).toContain('pagetables.freed 1');
    expect(text).toMatch(/cost\.ns [\d,]+\.\d\d µs/);
    expect(text).not.toContain('swap.out');
  });

  it('lists the results so far, the newest marked', () => {
    const f = frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' });
    const text = textOf(renderView(CountersPanel, f));
    expect(text).toContain('parent#0 mmap → 0x7efffffff000');
    expect(text).toMatch(/kid#0 read → A \(step \d+\) new/);
  });
});
