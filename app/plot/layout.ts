// Chart geometry: d3-scale maps data to the SVG's coordinates and d3-shape makes the line paths and
// marker shapes; React draws the result (Chart.tsx). Pure, so the layout is tested from data.
import { scaleLinear } from 'd3-scale';
import { line, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3-shape';
import type { Point, RefPoint, SeriesData } from './series';

/** The chart's size in SVG units and the room kept for the axes. */
export const SIZE = { width: 400, height: 230, top: 12, right: 16, bottom: 40, left: 58 } as const;
/** Room between the y axis (and the right edge) and the first (last) swept value, so markers stay clear of the axis. */
export const INSET = 12;

/** A tick of an axis. */
export interface Tick { readonly value: number; readonly pos: number; readonly label: string }

/** A drawn point of a series. */
export interface Placed extends Point { readonly px: number; readonly py: number }

/** Everything a chart draws, in SVG coordinates. */
export interface ChartLayout {
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  readonly lines: readonly { readonly index: number; readonly d: string; readonly points: readonly Placed[] }[];
  /** Reference points; px null: a horizontal line across the plot (the swept value does not matter). */
  readonly refs: readonly { readonly ref: RefPoint; readonly px: number | null; readonly py: number; readonly pyLow: number | null; readonly pyHigh: number | null }[];
  readonly area: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

/** Marker shapes of the series, in order; the reference points use a hollow diamond, which no series does. */
const MARKERS: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolWye, symbolStar];

/** The path of series `index`'s marker, centred on (0, 0). */
export const markerPath = (index: number, size = 48): string => symbol(MARKERS[index % MARKERS.length] ?? symbolCircle, size)() ?? '';

/** The path of a reference point's diamond, centred on (0, 0). */
export const refPath = (size = 120): string => symbol(symbolDiamond, size)() ?? '';

function yExtent(series: readonly SeriesData[], refs: readonly RefPoint[]): [number, number] {
  const ys = [...series.flatMap((s) => s.points.map((p) => p.y)), ...refs.flatMap((r) => [r.y, r.low ?? r.y, r.high ?? r.y])];
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  return hi === lo ? [lo, lo + 1] : [lo, hi];
}

/** Lays out one chart: x over [from, to] (integers only on the axis), y from 0 (or below) to the largest value. */
export function chartLayout(series: readonly SeriesData[], refs: readonly RefPoint[], from: number, to: number): ChartLayout {
  const area = { left: SIZE.left, right: SIZE.width - SIZE.right, top: SIZE.top, bottom: SIZE.height - SIZE.bottom };
  const x = scaleLinear().domain(from === to ? [from - 1, to + 1] : [from, to]).range([area.left + INSET, area.right - INSET]);
  const y = scaleLinear().domain(yExtent(series, refs)).range([area.bottom, area.top]).nice(5);
  const xf = x.tickFormat(8, 'd');
  // Five-digit labels would run into the axis title: from 10,000 up, say 10k.
  const yf = y.tickFormat(5, Math.max(...y.domain().map(Math.abs)) >= 10_000 ? '~s' : undefined);
  const xTicks = x.ticks(Math.min(8, Math.max(1, to - from + 1))).filter(Number.isInteger).map((v) => ({ value: v, pos: x(v), label: xf(v) }));
  const yTicks = y.ticks(5).map((v) => ({ value: v, pos: y(v), label: v === 0 ? '0' : yf(v) }));
  const path = line<Placed>().x((p) => p.px).y((p) => p.py);
  const lines = series.map((s) => {
    const points = [...s.points].sort((a, b) => a.x - b.x).map((p) => ({ ...p, px: x(p.x), py: y(p.y) }));
    return { index: s.index, d: path(points) ?? '', points };
  });
  const placed = refs.map((r) => ({
    ref: r, px: r.x === null ? null : x(r.x), py: y(r.y), pyLow: r.low === null ? null : y(r.low), pyHigh: r.high === null ? null : y(r.high),
  }));
  return { xTicks, yTicks, lines, refs: placed, area };
}
