// Planning a sweep from a plot link and the scenario's declared parameters: which parameter is swept
// over which values, the series, the runs in order and the metrics to draw, or one sentence saying
// what is wrong. Pure, so every rule is unit-tested.
import { METRICS, type Metric } from '../../sim-core/scenarios/metrics';
import type { PlotRoute } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';
import { type ParamPairs, SWEEP_MAX_RUNS } from '../worker/sweep-protocol';

/** An integer parameter. */
export type IntInfo = Extract<ParamInfo, { kind: 'int' }>;
/** A choice parameter. */
export type ChoiceInfo = Extract<ParamInfo, { kind: 'choice' }>;

/** The metrics drawn when a link names none. */
export const DEFAULT_METRICS: readonly string[] = ['time.us', 'cost.us', 'us.per.userfault', 'tlb.shootdowns', 'bytes.copied', 'pages.peak'];
/** Swept values when a link gives no upper bound: from the lower one, this many. */
export const DEFAULT_POINTS = 16;

/** One run of a sweep. */
export interface PlannedRun {
  readonly x: number;
  /** The series value (null: the plot has one series). */
  readonly series: string | null;
  /** Every parameter the link sets for this run: the fixed ones, x and the series. */
  readonly params: ParamPairs;
}

/** A sweep, ready to run. */
export interface SweepPlan {
  readonly x: IntInfo;
  readonly from: number;
  readonly to: number;
  readonly by: number;
  readonly values: readonly number[];
  readonly series: ChoiceInfo | null;
  /** The series' values ([null] for one series). */
  readonly seriesValues: readonly (string | null)[];
  readonly runs: readonly PlannedRun[];
  readonly metrics: readonly Metric[];
}

/** A plan, or why there is none. */
export type Planned = { readonly ok: true; readonly plan: SweepPlan } | { readonly ok: false; readonly message: string };

const no = (message: string): Planned => ({ ok: false, message });
const intList = (ints: readonly IntInfo[]): string => ints.map((p) => `${p.name} (${p.min} to ${p.max})`).join(', ');

function pickX(route: PlotRoute, params: readonly ParamInfo[]): IntInfo | string {
  const ints = params.filter((p): p is IntInfo => p.kind === 'int');
  if (ints.length === 0) return 'This scenario has no integer parameter to sweep, so it cannot be plotted.';
  if (route.x === null) return ints[0] as IntInfo;
  const d = params.find((p) => p.name === route.x);
  if (!d) return `x: '${route.x}' is not a parameter of this scenario; it can sweep ${intList(ints)}.`;
  if (d.kind !== 'int') return `x: '${route.x}' is a choice parameter; a plot sweeps an integer parameter: ${intList(ints)}.`;
  return d;
}

function pickSeries(route: PlotRoute, params: readonly ParamInfo[]): ChoiceInfo | null | string {
  if (route.series === null) return null;
  const choices = params.filter((p): p is ChoiceInfo => p.kind === 'choice');
  const names = choices.length ? `its choice parameters are ${choices.map((c) => `${c.name} (${c.values.join(', ')})`).join(', ')}` : 'it has no choice parameters';
  const d = params.find((p) => p.name === route.series);
  if (!d) return `series: '${route.series}' is not a parameter of this scenario; ${names}.`;
  if (d.kind !== 'choice') return `series: '${route.series}' is an integer parameter; a series is drawn for each value of a choice parameter, and ${names}.`;
  return d;
}

function pickRange(route: PlotRoute, x: IntInfo): { from: number; to: number } | string {
  const from = route.from ?? x.min;
  const to = route.to ?? Math.min(x.max, Math.max(from, x.min) + (DEFAULT_POINTS - 1) * route.by);
  const takes = `${x.name} takes an integer from ${x.min} to ${x.max}`;
  if (from < x.min) return `from: ${from} is below the minimum; ${takes}.`;
  if (from > x.max) return `from: ${from} is above the maximum; ${takes}.`;
  if (to > x.max) return `to: ${to} is above the maximum; ${takes}.`;
  if (to < from) return `to: ${to} is below from (${from}); a sweep runs from the smaller value up to the larger.`;
  return { from, to };
}

function pickMetrics(route: PlotRoute): Metric[] | string {
  const ids = route.metrics ?? DEFAULT_METRICS;
  const out: Metric[] = [];
  for (const id of ids) {
    const m = METRICS.find((x) => x.id === id);
    if (!m) return `m: '${id}' is not a metric; the metrics are ${METRICS.map((x) => x.id).join(', ')}.`;
    out.push(m);
  }
  return out;
}

/** The values from `from` to `to` (inclusive) in steps of `by`; stops early past `limit` values. */
export function sweepValues(from: number, to: number, by: number, limit = Number.MAX_SAFE_INTEGER): number[] {
  const out: number[] = [];
  for (let v = from; v <= to && out.length <= limit; v += by) out.push(v);
  return out;
}

/** Plans the sweep a plot route asks for, against the scenario's parameters (with the fixed values applied). */
export function planSweep(route: PlotRoute, params: readonly ParamInfo[]): Planned {
  const x = pickX(route, params);
  if (typeof x === 'string') return no(x);
  const series = pickSeries(route, params);
  if (typeof series === 'string') return no(series);
  const range = pickRange(route, x);
  if (typeof range === 'string') return no(range);
  const metrics = pickMetrics(route);
  if (typeof metrics === 'string') return no(metrics);
  const seriesValues: (string | null)[] = series ? [...series.values] : [null];
  const count = Math.floor((range.to - range.from) / route.by) + 1;
  if (count * seriesValues.length > SWEEP_MAX_RUNS) {
    const why = series ? `${count.toLocaleString('en-US')} values of ${x.name} × ${seriesValues.length} of ${series.name}` : `${count.toLocaleString('en-US')} values of ${x.name}`;
    return no(`The sweep asks for ${(count * seriesValues.length).toLocaleString('en-US')} runs (${why}); a plot runs at most ${SWEEP_MAX_RUNS}. Narrow the range or raise the increment (by).`);
  }
  const values = sweepValues(range.from, range.to, route.by);
  const fixed = [...route.params];
  const runs = values.flatMap((v) => seriesValues.map((s): PlannedRun => ({
    x: v, series: s, params: [...fixed, [x.name, String(v)], ...(series && s !== null ? [[series.name, s] as const] : [])],
  })));
  return { ok: true, plan: { x, from: range.from, to: range.to, by: route.by, values, series, seriesValues, runs, metrics } };
}
