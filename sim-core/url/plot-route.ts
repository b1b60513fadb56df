// Plot links: `#/plot/<id>?x=vcpus&from=1&to=16&by=1&series=resolve&p=<fixed>&m=<metrics>` (or
// `#/plot/c/<data>?...`). The link checks only its own syntax here; whether `x` is an integer
// parameter of the scenario, the range fits it and the metrics exist is for the page, which knows the
// scenario (app/plot/plan.ts).
import { count, fail, type LinkResult, ok } from './errors';
import { clip, formatParams, PARAM_NAME, parseParams, readFields } from './query';
import { formatScenarioRef, parseScenarioRef, type ScenarioRef } from './scenario-ref';

/** A sweep of one integer parameter, drawn as one chart per metric. */
export interface PlotRoute {
  readonly kind: 'plot';
  readonly scenario: ScenarioRef;
  /** The swept integer parameter (null: the page picks the scenario's first). */
  readonly x: string | null;
  /** The sweep's range, inclusive (null: the parameter's own minimum or maximum). */
  readonly from: number | null;
  readonly to: number | null;
  /** The increment between swept values. */
  readonly by: number;
  /** The choice parameter whose values make the series (null: one series). */
  readonly series: string | null;
  /** Values of the other parameters, fixed for every run. */
  readonly params: ReadonlyMap<string, string>;
  /** Metric ids to draw (null: the page's default set). */
  readonly metrics: readonly string[] | null;
}

/** Largest magnitude of a sweep bound (parameters are 32-bit integers). */
const BOUND = 2 ** 31;
const METRIC_ID = /^[a-z][\w.]{0,63}$/;
const FIELDS = ['x', 'from', 'to', 'by', 'series', 'p', 'm'];
const EXPECTED = 'a plot link (expected x, from, to, by, series, p for fixed parameters and m for metrics)';

function name(field: string, text: string | undefined): LinkResult<string | null> {
  if (text === undefined || text === '') return ok(null);
  return PARAM_NAME.test(text) ? ok(text) : fail('bad-plot', `${field}: '${clip(text)}' is not a parameter name.`);
}

function int(field: string, text: string | undefined): LinkResult<number | null> {
  if (text === undefined || text === '') return ok(null);
  if (!/^[+-]?\d{1,10}$/.test(text) || Math.abs(Number(text)) > BOUND) {
    return fail('bad-plot', `${field}: '${clip(text)}' is not a whole number${/^[+-]?\d+$/.test(text) ? ` between -${count(BOUND)} and ${count(BOUND)}` : ''}.`);
  }
  return ok(Number(text));
}

function metricList(text: string | undefined): LinkResult<string[] | null> {
  if (text === undefined) return ok(null);
  const ids = text.split(',');
  const bad = ids.find((m) => !METRIC_ID.test(m));
  if (bad !== undefined) return fail('bad-plot', `m: '${clip(bad)}' is not a metric id (such as time.us or tlb.shootdowns).`);
  const dup = ids.find((m, i) => ids.indexOf(m) !== i);
  if (dup !== undefined) return fail('bad-plot', `m: metric '${dup}' is given twice.`);
  if (ids.length > 32) return fail('bad-plot', `m: ${ids.length} metrics; a link may name at most 32.`);
  return ok(ids);
}

function checkRange(from: number | null, to: number | null, by: number | null): LinkResult<number> {
  if (from !== null && to !== null && from > to) return fail('bad-plot', `from ${from} is above to ${to}: a sweep runs from the smaller value up to the larger.`);
  if (by !== null && by < 1) return fail('bad-plot', `by: ${by} is not an increment; it must be 1 or more.`);
  return ok(by ?? 1);
}

function checkNames(x: string | null, series: string | null, params: ReadonlyMap<string, string>): LinkResult<true> {
  if (series !== null && series === x) return fail('bad-plot', `series: '${series}' is also the swept parameter (x); the series must be another parameter.`);
  for (const [k, what] of [[x, 'the swept parameter (x)'], [series, 'the series parameter']] as const) {
    if (k !== null && params.has(k)) return fail('bad-plot', `p: sets '${k}', which is ${what}; a fixed parameter cannot also vary.`);
  }
  return ok(true);
}

/** Parses the path rest (after `#/plot/`) and query of a plot link. */
export function parsePlot(rest: string, query: string): LinkResult<PlotRoute> {
  const scenario = parseScenarioRef(rest, 'plot');
  if (!scenario.ok) return scenario;
  const fields = readFields(query, FIELDS, EXPECTED);
  if (!fields.ok) return fields;
  const f = fields.value;
  const x = name('x', f.get('x'));
  if (!x.ok) return x;
  const series = name('series', f.get('series'));
  if (!series.ok) return series;
  const from = int('from', f.get('from'));
  if (!from.ok) return from;
  const to = int('to', f.get('to'));
  if (!to.ok) return to;
  const byText = int('by', f.get('by'));
  if (!byText.ok) return byText;
  const by = checkRange(from.value, to.value, byText.value);
  if (!by.ok) return by;
  const params = parseParams(f.get('p') ?? '', 'p');
  if (!params.ok) return params;
  const names = checkNames(x.value, series.value, params.value);
  if (!names.ok) return names;
  const metrics = metricList(f.get('m'));
  if (!metrics.ok) return metrics;
  return ok({
    kind: 'plot', scenario: scenario.value, x: x.value, from: from.value, to: to.value, by: by.value,
    series: series.value, params: params.value, metrics: metrics.value,
  });
}

/** Formats a plot route; unset fields are left out, `by` when it is 1. */
export function formatPlot(r: PlotRoute): string {
  const parts: string[] = [];
  if (r.x !== null) parts.push(`x=${r.x}`);
  if (r.from !== null) parts.push(`from=${r.from}`);
  if (r.to !== null) parts.push(`to=${r.to}`);
  if (r.by !== 1) parts.push(`by=${r.by}`);
  if (r.series !== null) parts.push(`series=${r.series}`);
  if (r.params.size) parts.push(`p=${formatParams(r.params)}`);
  if (r.metrics !== null) parts.push(`m=${r.metrics.join(',')}`);
  const path = `#/plot/${formatScenarioRef(r.scenario)}`;
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** A plot route with the given fields (the rest unset). */
export function plotRoute(scenario: ScenarioRef, q: Partial<Omit<PlotRoute, 'kind' | 'scenario'>> = {}): PlotRoute {
  return { kind: 'plot', scenario, x: null, from: null, to: null, by: 1, series: null, params: new Map(), metrics: null, ...q };
}
