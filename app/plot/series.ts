// From sweep results to what a chart draws: one series of (x, metric) points per series value, and
// the LAB.md measurements that apply (labPointsFor) as reference points. Pure.
import { type LabPoint, labPointsFor, type Metric } from '../../sim-core/scenarios/metrics';
import type { Counters } from '../compare/diff';
import type { SweepPlan } from './plan';

/** A point of a series. */
export interface Point { readonly x: number; readonly y: number }

/** One line of a chart. */
export interface SeriesData {
  /** Position in the plan's series values (picks the colour and marker). */
  readonly index: number;
  /** The series value, or null for the only series. */
  readonly value: string | null;
  readonly label: string;
  readonly points: readonly Point[];
}

/** A measurement drawn for comparison; `x` is null when it holds for every swept value. */
export interface RefPoint {
  readonly x: number | null;
  readonly y: number;
  readonly low: number | null;
  readonly high: number | null;
  /** The series it belongs to (its index), or null when it belongs to none. */
  readonly series: number | null;
  readonly label: string;
  readonly source: string;
}

/** A number as charts and tables show it: at most three decimals, thousands separated. */
export const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 3 });

/** The label of a series value: "resolve = copy", or the metric's own name for one series. */
export const seriesLabel = (plan: SweepPlan, value: string | null): string => (plan.series && value !== null ? `${plan.series.name} = ${value}` : 'all runs');

/** Each series' points for `metric`, from the runs finished so far (results[i] belongs to plan.runs[i]). */
export function seriesOf(plan: SweepPlan, results: readonly (Counters | null | undefined)[], metric: Metric): SeriesData[] {
  return plan.seriesValues.map((value, index) => {
    const points: Point[] = [];
    plan.runs.forEach((run, i) => {
      const c = results[i];
      if (c && run.series === value) points.push({ x: run.x, y: metric.of(c) });
    });
    return { index, value, label: seriesLabel(plan, value), points };
  });
}

function toRef(p: LabPoint, plan: SweepPlan, series: number | null): RefPoint | null {
  const at = p.params[plan.x.name];
  const x = at === undefined ? null : Number(at);
  if (x !== null && (x < plan.from || x > plan.to)) return null;
  return { x, y: p.value, low: p.low ?? null, high: p.high ?? null, series, label: p.label, source: p.source };
}

/**
 * The reference points of `metric` for a built-in scenario: for each series value, the LAB points
 * whose parameters agree with the run's (`values`, the fixed values with defaults) except the swept one.
 */
export function refsOf(scenario: string | null, plan: SweepPlan, values: Readonly<Record<string, string | number>>, metric: Metric): RefPoint[] {
  if (scenario === null) return [];
  const out: RefPoint[] = [];
  const seen = new Set<LabPoint>();
  plan.seriesValues.forEach((value, index) => {
    const own = plan.series && value !== null ? { ...values, [plan.series.name]: value } : values;
    for (const p of labPointsFor(scenario, own, plan.x.name)) {
      if (p.metric !== metric.id || seen.has(p)) continue;
      seen.add(p);
      const r = toRef(p, plan, plan.series ? index : null);
      if (r) out.push(r);
    }
  });
  return out;
}
