// Paints a laid-out statechart (chart-layout.ts) on a 2D canvas, every chip unlit: sleeping states
// dashed and final states double-bordered, as the chart key under the canvas explains. A canvas
// because the chart changes at nearly every step (another machine, another state): as DOM chips
// every step re-styled, re-laid out, repainted and re-rasterised the whole chart, the largest single
// cost of a step (.prof/loo.ts: ~3 ms of ~11).
import { CHIP, type ChartFont, type ChartLayout, type ChipBox, WAITS } from './chart-layout';

/** Colours and font families, read from the theme's CSS variables. */
export interface ChartPalette {
  readonly panel: string;
  readonly border: string;
  readonly muted: string;
  readonly mono: string;
  readonly sans: string;
}

/** The CSS font of each chart font. */
export function fontOf(p: Pick<ChartPalette, 'mono' | 'sans'>, f: ChartFont): string {
  switch (f) {
    case 'mono': return `11px ${p.mono}`;
    case 'small': return `10px ${p.sans}`;
    case 'arrow': return `14px ${p.sans}`;
  }
}

/** One unlit chip: sleeping states dashed, final states double-bordered, as the chart key shows. */
function chip(ctx: CanvasRenderingContext2D, c: ChipBox, p: ChartPalette, markW: number): void {
  const { x, y, w, h } = c;
  ctx.fillStyle = p.panel;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 3);
  ctx.fill();
  ctx.strokeStyle = p.border;
  ctx.lineWidth = 1;
  ctx.setLineDash(c.state.waiting ? [3, 2] : []);
  ctx.beginPath();
  ctx.roundRect(x + 0.5, y + 0.5, w - 1, h - 1, 3);
  ctx.stroke();
  if (c.state.final) {
    ctx.beginPath();
    ctx.roundRect(x + 2.5, y + 2.5, w - 5, h - 5, 2);
    ctx.stroke();
  }
  const mid = y + h / 2;
  ctx.fillStyle = p.muted;
  ctx.font = fontOf(p, 'mono');
  ctx.fillText(c.state.name, x + CHIP.padX + markW, mid);
  if (c.state.waiting) {
    const nameW = ctx.measureText(c.state.name).width;
    ctx.font = fontOf(p, 'small');
    ctx.fillText(WAITS, x + CHIP.padX + markW + nameW, mid);
  }
}

/** Draws `layout` with no chip lit (the context is scaled to CSS pixels); the lit chips are laid over it. */
export function drawBase(ctx: CanvasRenderingContext2D, layout: ChartLayout, p: ChartPalette): void {
  ctx.textBaseline = 'middle';
  ctx.font = fontOf(p, 'mono');
  const markW = ctx.measureText('M').width * CHIP.markCh;
  for (const c of layout.chips) chip(ctx, c, p, markW);
  ctx.setLineDash([]);
  ctx.fillStyle = p.muted;
  ctx.font = fontOf(p, 'arrow');
  ctx.textAlign = 'center';
  for (const a of layout.arrows) ctx.fillText('→', a.x, a.y);
  ctx.textAlign = 'start';
}
