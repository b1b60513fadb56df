import { describe, expect, it } from 'vitest';
import { chartLayout, INSET, markerPath, refPath, SIZE } from './layout';
import type { RefPoint, SeriesData } from './series';

const ref = (over: Partial<RefPoint>): RefPoint => ({ x: 1, y: 5, low: null, high: null, series: 0, label: 'r', source: 's', ...over });
const one = (points: { x: number; y: number }[]): SeriesData[] => [{ index: 0, value: null, label: 'all runs', points }];

describe('chart layout', () => {
  it('maps the swept range across the plot and the values from 0 up', () => {
    const l = chartLayout(one([{ x: 1, y: 0 }, { x: 16, y: 30 }]), [], 1, 16);
    const [first, last] = [l.lines[0]?.points[0], l.lines[0]?.points[1]];
    expect(first).toMatchObject({ px: SIZE.left + INSET, py: SIZE.height - SIZE.bottom });
    expect(last?.px).toBe(SIZE.width - SIZE.right - INSET);
    expect(last?.py).toBe(SIZE.top);
    expect(l.yTicks[0]).toMatchObject({ value: 0, label: '0' });
    expect(l.yTicks.at(-1)).toMatchObject({ value: 30, label: '30' });
  });

  it('draws a line through the points in x order, whatever order the runs finished in', () => {
    const l = chartLayout(one([{ x: 3, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 1 }]), [], 1, 3);
    expect(l.lines[0]?.points.map((p) => p.x)).toEqual([1, 2, 3]);
    expect(l.lines[0]?.d).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  });

  it('puts only whole numbers on the x axis', () => {
    const l = chartLayout(one([{ x: 1, y: 1 }, { x: 2, y: 2 }]), [], 1, 2);
    expect(l.xTicks.map((t) => t.label)).toEqual(['1', '2']);
  });

  it('shortens large tick labels so they stay clear of the axis title', () => {
    const l = chartLayout(one([{ x: 1, y: 0 }, { x: 2, y: 20_000 }]), [], 1, 2);
    expect(l.yTicks.map((t) => t.label)).toEqual(['0', '5k', '10k', '15k', '20k']);
  });

  it('widens a one-value sweep and an all-zero metric so both still draw', () => {
    const l = chartLayout(one([{ x: 4, y: 0 }]), [], 4, 4);
    expect(l.xTicks.map((t) => t.value)).toContain(4);
    expect(l.lines[0]?.points[0]?.px).toBeCloseTo((SIZE.left + SIZE.width - SIZE.right) / 2);
    expect(l.yTicks.at(-1)?.value).toBe(1);
  });

  it('makes room for reference points and their measured range above the data', () => {
    const l = chartLayout(one([{ x: 1, y: 10 }]), [ref({ y: 16, low: 14, high: 18 }), ref({ x: null, y: 12 })], 1, 4);
    expect(l.yTicks.at(-1)?.value).toBeGreaterThanOrEqual(18);
    const [point, level] = l.refs;
    expect(point?.px).toBe(SIZE.left + INSET);
    expect(point?.pyHigh).toBeLessThan(point?.py ?? 0);
    expect(level?.px).toBeNull();
  });

  it('gives each series its own marker and the reference points yet another shape', () => {
    const shapes = [0, 1, 2].map((i) => markerPath(i));
    expect(new Set([...shapes, refPath()]).size).toBe(4);
  });
});
