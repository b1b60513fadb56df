// The plot form's draft (text as typed) and its translation into a plot route, or the first problem
// with it, phrased for the person typing. Pure, so it is tested without a page.
import { type PlotRoute, plotRoute } from '../../sim-core/url';
import { intProblem } from '../player/params-link';
import type { ParamInfo } from '../worker/protocol';
import { DEFAULT_POINTS, type SweepPlan } from './plan';

/** What the form holds. */
export interface Draft {
  readonly x: string;
  readonly from: string;
  readonly to: string;
  readonly by: string;
  /** The series parameter, '' for one series. */
  readonly series: string;
  /** Values of the other parameters, by name. */
  readonly fixed: Readonly<Record<string, string>>;
}

/** The parameters held fixed by a draft: all but x and the series. */
export const fixedParams = (params: readonly ParamInfo[], d: Pick<Draft, 'x' | 'series'>): ParamInfo[] =>
  params.filter((p) => p.name !== d.x && p.name !== d.series);

/** The draft of the plot on screen. */
export function draftOf(plan: SweepPlan, params: readonly ParamInfo[]): Draft {
  const fixed: Record<string, string> = {};
  for (const p of params) fixed[p.name] = String(p.value);
  return { x: plan.x.name, from: String(plan.from), to: String(plan.to), by: String(plan.by), series: plan.series?.name ?? '', fixed };
}

/** The draft with another swept parameter: its range resets to the parameter's first values. */
export function withX(d: Draft, params: readonly ParamInfo[], x: string): Draft {
  const p = params.find((q) => q.name === x);
  if (p?.kind !== 'int') return d;
  return { ...d, x, from: String(p.min), to: String(Math.min(p.max, p.min + DEFAULT_POINTS - 1)), by: '1', series: d.series === x ? '' : d.series };
}

function whole(field: string, text: string): number | string {
  const t = text.trim();
  return /^[+-]?\d{1,10}$/.test(t) ? Number(t) : `${field}: enter a whole number.`;
}

/** The route a draft asks for (fixed values only where they differ from the defaults), or its first problem. */
export function routeOfDraft(d: Draft, params: readonly ParamInfo[], base: PlotRoute): PlotRoute | string {
  const from = whole('From', d.from);
  if (typeof from === 'string') return from;
  const to = whole('To', d.to);
  if (typeof to === 'string') return to;
  const by = whole('By', d.by);
  if (typeof by === 'string') return by;
  if (by < 1) return 'By: enter 1 or more.';
  if (from > to) return `From (${from}) is above To (${to}).`;
  const fixed = new Map<string, string>();
  for (const p of fixedParams(params, d)) {
    const v = (d.fixed[p.name] ?? String(p.value)).trim();
    const why = p.kind === 'int' ? intProblem(p, v) : null;
    if (why !== null) return `${p.name}: ${why}`;
    const value = p.kind === 'int' ? String(Number(v)) : v;
    if (value !== String(p.default)) fixed.set(p.name, value);
  }
  return plotRoute(base.scenario, { x: d.x, from, to, by, series: d.series === '' ? null : d.series, params: fixed, metrics: base.metrics });
}
