import { describe, expect, it } from 'vitest';
import type { StateGraphNode } from '../../sim/graphs';
import { CHIP, chipAt, chipWidth, layoutChart, type Measure } from './chart-layout';

const st = (name: string, over: Partial<StateGraphNode> = {}): StateGraphNode => ({ name, description: '', final: false, waiting: false, transitions: [], ...over });
// 6 px a character whatever the font: widths are easy to reckon.
const measure: Measure = (text) => text.length * 6;
const arrow = Math.ceil(6 + 2 * CHIP.arrowPad);

describe('statechart layout on the canvas', () => {
  it('sizes a chip for its name, the mark slot and a sleeping state\'s label', () => {
    expect(chipWidth(st('walk'), measure)).toBe(Math.ceil(2 * CHIP.padX + CHIP.markCh * 6 + 24));
    expect(chipWidth(st('walk', { waiting: true }), measure) - chipWidth(st('walk'), measure)).toBe(36); // ' waits'
  });

  it('puts layers side by side with an arrow before each but the first, chips of a layer stacked at one width', () => {
    const l = layoutChart([[st('a')], [st('bb'), st('cccccc')], [st('done', { final: true })]], measure, 1000);
    const [a, b, c, done] = l.chips;
    expect(l.arrows).toHaveLength(2);
    expect(b?.x).toBe((a?.w ?? 0) + arrow);
    expect([b?.w, b?.x, c?.y]).toEqual([c?.w, c?.x, (b?.y ?? 0) + CHIP.height + CHIP.colGap]);
    expect(done?.x).toBe((b?.x ?? 0) + (b?.w ?? 0) + arrow);
    expect(l.height).toBe(2 * CHIP.height + CHIP.colGap);
    // A single chip is centred beside the column of two.
    expect(a?.y).toBe(Math.round((l.height - CHIP.height) / 2));
    expect(l.width).toBe((done?.x ?? 0) + (done?.w ?? 0));
  });

  it('wraps layers onto a new row when the width runs out, the arrow leading the row', () => {
    const layers = [[st('aaaaaaaaaa')], [st('bbbbbbbbbb')], [st('cccccccccc')]];
    const one = layoutChart(layers, measure, 1000);
    const w = one.chips[0]?.w ?? 0;
    const two = layoutChart(layers, measure, 2 * w + arrow); // room for two layers a row
    expect(two.chips.map((c) => [c.x, c.y])).toEqual([[0, 0], [w + arrow, 0], [arrow, CHIP.height + CHIP.rowGap]]);
    expect(two.arrows[1]).toEqual({ x: arrow / 2, y: CHIP.height + CHIP.rowGap + CHIP.height / 2 });
    expect(two.height).toBe(2 * CHIP.height + CHIP.rowGap);
    // Too narrow for any layer: one a row, never none.
    expect(new Set(layoutChart(layers, measure, 10).chips.map((c) => c.y)).size).toBe(3);
  });

  it('finds the chip under a point, and none between chips', () => {
    const l = layoutChart([[st('a')], [st('b'), st('c')]], measure, 1000);
    const c = l.chips[2];
    expect(chipAt(l, (c?.x ?? 0) + 1, (c?.y ?? 0) + 1)?.state.name).toBe('c');
    expect(chipAt(l, (c?.x ?? 0) - arrow / 2, 1)).toBeUndefined();
  });
});
