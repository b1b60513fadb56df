// A machine's statechart (why a canvas: chart-draw.ts). The canvas holds the unlit chart, redrawn only
// when the chart, its width or the theme changes; the current state and the one just left are two
// small chips laid over it, so a step inside one machine's chart moves two chips and draws nothing.
// The canvas only grows (a chart switch copies a cached image into it, never reallocates it); the
// box around it takes the shown chart's height. In words: the canvas is an image named after the
// current state and described by the chart's states; hovering a chip shows its description.
import { memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MachineGraph } from '../../sim/graphs';
import { type Theme, useThemeStore } from '../../shell/theme';
import { cx } from '../lib/cx';
import { layersOf } from './chart';
import { type ChartPalette, drawBase, fontOf } from './chart-draw';
import { type ChartLayout, type ChipBox, chipAt, layoutChart, WAITS } from './chart-layout';

const PALETTES = new Map<Theme, ChartPalette>();

/** The theme's colours and fonts, read from CSS once per theme. */
function paletteOf(theme: Theme): ChartPalette {
  let p = PALETTES.get(theme);
  if (p) return p;
  const css = getComputedStyle(document.documentElement);
  const v = (name: string): string => css.getPropertyValue(name).trim();
  p = { panel: v('--panel'), border: v('--border'), muted: v('--muted'), mono: v('--mono'), sans: v('--font') };
  PALETTES.set(theme, p);
  return p;
}

let measuring: CanvasRenderingContext2D | null = null;
const LAYOUTS = new WeakMap<MachineGraph, Map<number, ChartLayout>>();

/** The chart's layout for `width`, measured with the palette's fonts (kept per chart and width). */
function layoutOf(g: MachineGraph, width: number, p: ChartPalette): ChartLayout | null {
  const byWidth = LAYOUTS.get(g) ?? new Map<number, ChartLayout>();
  LAYOUTS.set(g, byWidth);
  const kept = byWidth.get(width);
  if (kept) return kept;
  const ctx = (measuring ??= document.createElement('canvas').getContext('2d'));
  if (!ctx) return null;
  const layout = layoutChart(layersOf(g), (text, font) => {
    ctx.font = fontOf(p, font);
    return ctx.measureText(text).width;
  }, width);
  byWidth.set(width, layout);
  return layout;
}

const BASES = new WeakMap<ChartLayout, Map<string, HTMLCanvasElement>>();

/** The unlit chart, drawn once per (layout, palette, pixel ratio) on a canvas of its own. */
function baseOf(layout: ChartLayout, p: ChartPalette, dpr: number): HTMLCanvasElement {
  const key = `${p.panel}|${p.border}|${p.muted}|${dpr}`;
  const byKey = BASES.get(layout) ?? new Map<string, HTMLCanvasElement>();
  BASES.set(layout, byKey);
  const kept = byKey.get(key);
  if (kept) return kept;
  const base = document.createElement('canvas');
  base.width = Math.ceil(layout.width * dpr);
  base.height = Math.ceil(layout.height * dpr);
  const ctx = base.getContext('2d');
  if (ctx) {
    ctx.scale(dpr, dpr);
    drawBase(ctx, layout, p);
  }
  byKey.set(key, base);
  return base;
}

// The chart's width when it was last on screen: a chart mounted again (a machine runs after none did)
// starts from it instead of measuring in the middle of a commit, which would force a layout.
let lastWidth = 0;

/**
 * The width of the element `ref` points at, followed as it resizes (0 until first measured). Point it
 * at an element whose size only the width changes (a sentinel of no height), so a chart of another
 * height does not wake the observer.
 */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(lastWidth);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (lastWidth === 0) setWidth((lastWidth = Math.floor(el.getBoundingClientRect().width)));
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) setWidth((lastWidth = Math.floor(e.contentRect.width)));
    });
    ro.observe(el);
    return () => { ro.disconnect(); };
  }, [ref]);
  return width;
}

/** Copies `layout`'s unlit image into `cv`, growing the canvas only when the image does not fit. */
function paint(cv: HTMLCanvasElement, layout: ChartLayout, p: ChartPalette): void {
  const dpr = window.devicePixelRatio || 1;
  const base = baseOf(layout, p, dpr);
  if (cv.width < base.width || cv.height < base.height) {
    cv.width = Math.max(cv.width, base.width);
    cv.height = Math.max(cv.height, base.height);
    cv.style.width = `${cv.width / dpr}px`;
    cv.style.height = `${cv.height / dpr}px`;
  }
  const ctx = cv.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, cv.width, cv.height);
  ctx.drawImage(base, 0, 0);
}

/** The states in words, layer by layer (static per chart: screen readers get the chart's shape). */
export function describeChart(g: MachineGraph): string {
  const layer = (l: MachineGraph['states']): string => l.map((s) => `${s.name}${s.waiting ? ' (sleeps)' : ''}${s.final ? ' (final)' : ''}`).join(' or ');
  return `${g.kind} states, from its first: ${layersOf(g).map(layer).join('; then ')}.`;
}

/** A lit chip over the canvas: the current state, or the one just left. */
function LitChip(props: { readonly c: ChipBox; readonly lit: 'is-now' | 'is-was' }) {
  const { c, lit } = props;
  return (
    <span className={cx('mv-state mv-lit', lit, c.state.final && 'is-final', c.state.waiting && 'is-waiting')} style={{ transform: `translate(${c.x}px, ${c.y}px)`, width: c.w, height: c.h }} aria-hidden="true">
      {c.state.name}{c.state.waiting && <small>{WAITS}</small>}
    </span>
  );
}

/** The chart of machine `g` with `state` lit and `was` (the state it just left) marked. */
export const ChartCanvas = memo(function ChartCanvas(props: { readonly g: MachineGraph; readonly state: string; readonly was: string | null }) {
  const { g, state, was } = props;
  const sentinel = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(sentinel);
  const theme = useThemeStore((s) => s.theme);
  const describedBy = useId();
  const p = width > 0 ? paletteOf(theme) : null;
  const layout = useMemo(() => (p ? layoutOf(g, width, p) : null), [g, width, p]);
  useLayoutEffect(() => {
    if (canvas.current && layout && p) paint(canvas.current, layout, p);
  }, [layout, p]);
  const chip = (name: string | null): ChipBox | undefined => (name === null ? undefined : layout?.chips.find((c) => c.state.name === name));
  const now = chip(state);
  const before = was === state ? undefined : chip(was);
  const hover = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    const c = layout && chipAt(layout, e.clientX - r.left, e.clientY - r.top);
    e.currentTarget.title = c ? `${c.state.name}${c.state.description ? `: ${c.state.description}` : ''}` : '';
  };
  const label = `${g.kind} statechart, current state ${state}${was !== null && was !== state ? `, just left ${was}` : ''}`;
  return (
    <div className="mv-chart">
      <div ref={sentinel} className="mv-chart-width" />
      <div className="mv-chart-box" style={layout ? { height: layout.height } : undefined}>
        <canvas ref={canvas} role="img" aria-label={label} aria-describedby={describedBy} onMouseMove={hover} />
        {now && <LitChip key="now" c={now} lit="is-now" />}
        {before && <LitChip key="was" c={before} lit="is-was" />}
      </div>
      <span id={describedBy} className="mv-sr">{describeChart(g)}</span>
    </div>
  );
});
