// The player's ways into compare and plot mode, for the run on screen. Compare opens with A = the
// run's parameters and B = the same with one value changed (the first choice parameter's next value,
// else the first integer one step on); plot sweeps the first integer parameter, with the first choice
// parameter as the series and the rest fixed at the run's values. Only values that differ from their
// defaults go in the links.
import { type CompareRoute, compareRoute, type PlotRoute, plotRoute, type ScenarioRef } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';

/** How many swept values the player's Plot… link asks for at most. */
const PLOT_POINTS = 16;

function nonDefault(params: readonly ParamInfo[], skip: readonly string[] = []): Map<string, string> {
  return new Map(params.filter((p) => !skip.includes(p.name) && String(p.value) !== String(p.default)).map((p) => [p.name, String(p.value)]));
}

/** Another value of `p`: a choice's next value (wrapping), an integer's next (or previous at its maximum). */
export function otherValue(p: ParamInfo): string {
  if (p.kind === 'choice') return p.values[(p.values.indexOf(String(p.value)) + 1) % p.values.length] ?? p.default;
  const v = Number(p.value);
  return String(v < p.max ? v + 1 : Math.max(p.min, v - 1));
}

/** The comparison of the run on screen with the same run with one value changed (null: no parameters). */
export function compareFrom(ref: ScenarioRef, params: readonly ParamInfo[], step: number): CompareRoute | null {
  const changed = params.find((p) => p.kind === 'choice' && p.values.length > 1) ?? params.find((p) => p.kind === 'int' && p.max > p.min);
  if (!changed) return null;
  const b = nonDefault(params.map((p) => (p === changed ? { ...p, value: otherValue(p) } as ParamInfo : p)));
  return compareRoute(ref, nonDefault(params), b, step);
}

/** A plot of the scenario on screen over its first integer parameter (null: it has none). */
export function plotFrom(ref: ScenarioRef, params: readonly ParamInfo[]): PlotRoute | null {
  const x = params.find((p) => p.kind === 'int');
  if (x?.kind !== 'int') return null;
  const series = params.find((p) => p.kind === 'choice' && p.values.length > 1) ?? null;
  return plotRoute(ref, {
    x: x.name, from: x.min, to: Math.min(x.max, x.min + PLOT_POINTS - 1), series: series?.name ?? null,
    params: nonDefault(params, [x.name, series?.name ?? '']),
  });
}
