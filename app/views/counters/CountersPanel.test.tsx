import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { renderToStaticMarkup } from 'react-dom/server';
import { CountersPanel } from './CountersPanel';
import { Results, RESULTS_SHOWN } from './Results';

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

describe('Results', () => {
  it('draws the latest 100 of a long run, numbered where they stand, and says how many earlier ones it left out', () => {
    const results = Array.from({ length: 150 }, (_, i) => ({ task: 't', index: i, op: 'write', step: i, ret: null, errno: null }));
    const html = renderToStaticMarkup(<Results results={results} fresh={-1} />);
    expect(html.match(/<li/g)).toHaveLength(RESULTS_SHOWN);
    expect(html).toContain('<ol start="51">');
    expect(html).toContain('50 earlier results not drawn');
    expect(html).toContain('t#149');
    expect(html).not.toContain('t#49 ');
  });
});
