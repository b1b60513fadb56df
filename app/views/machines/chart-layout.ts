// Geometry of a statechart drawn on a canvas (ChartCanvas.tsx): the layers of chart.ts left to right,
// each a column of state chips, an arrow before every layer but the first, and layers wrapping onto
// a new row when the width runs out. Pure: text widths come from a measuring function, so the
// layout is tested without a canvas and cached per (chart, width, fonts).
import type { StateGraphNode } from '../../sim/graphs';

/** The fonts a chart is drawn with: a state's name, the "waits" label, the arrow between layers. */
export type ChartFont = 'mono' | 'small' | 'arrow';

/** Width in CSS pixels of `text` in `font`. */
export type Measure = (text: string, font: ChartFont) => number;

/** One state chip, in CSS pixels from the chart's top left. */
export interface ChipBox { readonly state: StateGraphNode; readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** A laid-out chart: its chips, the arrows' centres, and the size it needs. */
export interface ChartLayout {
  readonly chips: readonly ChipBox[];
  readonly arrows: readonly { readonly x: number; readonly y: number }[];
  readonly width: number;
  readonly height: number;
}

/** Sizes shared by the layout and the drawing (machines.css drew the DOM chart with the same). */
export const CHIP = {
  height: 18, // 11 px mono at line-height 1.45, and a 1 px border above and below
  padX: 6, // 5 px padding and a 1 px border each side (a final state's 3 px double border eats 2 of the padding)
  markCh: 1.6, // the slot every chip reserves for its ▶ / ↩ mark, in mono character widths
  colGap: 2,
  rowGap: 4,
  arrowPad: 3,
} as const;

/** The label after a state where a machine sleeps. */
export const WAITS = ' waits';

/** Width of one chip. */
export function chipWidth(s: StateGraphNode, measure: Measure): number {
  const mark = CHIP.markCh * measure('M', 'mono');
  return Math.ceil(2 * CHIP.padX + mark + measure(s.name, 'mono') + (s.waiting ? measure(WAITS, 'small') : 0));
}

interface Block { readonly states: readonly StateGraphNode[]; readonly colW: number; readonly colH: number; readonly lead: number }

/** Lays `layers` out within `width` (at least one layer per row, so a narrow chart grows tall). */
export function layoutChart(layers: readonly (readonly StateGraphNode[])[], measure: Measure, width: number): ChartLayout {
  const arrowW = Math.ceil(measure('→', 'arrow') + 2 * CHIP.arrowPad);
  const blocks: Block[] = layers.map((states, i) => ({
    states,
    colW: Math.max(0, ...states.map((s) => chipWidth(s, measure))),
    colH: states.length * CHIP.height + Math.max(0, states.length - 1) * CHIP.colGap,
    lead: i > 0 ? arrowW : 0,
  }));
  const rows: Block[][] = [];
  let cur: Block[] = [];
  let x = 0;
  for (const b of blocks) {
    const w = b.lead + b.colW;
    if (cur.length > 0 && x + w > width) { rows.push(cur); cur = []; x = 0; }
    cur.push(b);
    x += w;
  }
  if (cur.length > 0) rows.push(cur);
  const chips: ChipBox[] = [];
  const arrows: { x: number; y: number }[] = [];
  let top = 0;
  let right = 0;
  for (const row of rows) {
    const rowH = Math.max(...row.map((b) => b.colH));
    let left = 0;
    for (const b of row) {
      if (b.lead) arrows.push({ x: left + b.lead / 2, y: top + rowH / 2 });
      left += b.lead;
      let y = top + (rowH - b.colH) / 2;
      for (const s of b.states) {
        chips.push({ state: s, x: left, y: Math.round(y), w: b.colW, h: CHIP.height });
        y += CHIP.height + CHIP.colGap;
      }
      left += b.colW;
    }
    right = Math.max(right, left);
    top += rowH + CHIP.rowGap;
  }
  return { chips, arrows, width: right, height: Math.max(0, top - CHIP.rowGap) };
}

/** The chip under the point (x, y), if any. */
export function chipAt(layout: ChartLayout, x: number, y: number): ChipBox | undefined {
  return layout.chips.find((c) => x >= c.x && x < c.x + c.w && y >= c.y && y < c.y + c.h);
}
