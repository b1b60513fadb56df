// Compare links: `#/cmp/<id>?step=N&a=<params>&b=<params>` (or `#/cmp/c/<data>?...` for a custom
// scenario). Two runs of one scenario with different parameter values on one cursor; `a` and `b` use
// the `name:value,...` syntax of a run link's `p=`.
import { type LinkResult, ok } from './errors';
import { formatParams, parseParams, parseStep, readFields } from './query';
import { formatScenarioRef, parseScenarioRef, type ScenarioRef } from './scenario-ref';

/** A comparison of two runs of one scenario. */
export interface CompareRoute {
  readonly kind: 'compare';
  readonly scenario: ScenarioRef;
  /** The cursor, shared by both runs (null when the link does not say: the start). */
  readonly step: number | null;
  /** Parameters of run A and run B (unset ones take the scenario's defaults). */
  readonly a: ReadonlyMap<string, string>;
  readonly b: ReadonlyMap<string, string>;
}

/** Which run of a comparison. */
export type Side = 'a' | 'b';

/** Parses the path rest (after `#/cmp/`) and query of a compare link. */
export function parseCompare(rest: string, query: string): LinkResult<CompareRoute> {
  const scenario = parseScenarioRef(rest, 'cmp');
  if (!scenario.ok) return scenario;
  const fields = readFields(query, ['step', 'a', 'b'], 'a compare link (expected step, a and b for the parameters of each run)');
  if (!fields.ok) return fields;
  const f = fields.value;
  const stepText = f.get('step');
  const step = stepText === undefined ? ok(null) : parseStep(stepText);
  if (!step.ok) return step;
  const a = parseParams(f.get('a') ?? '', 'a');
  if (!a.ok) return a;
  const b = parseParams(f.get('b') ?? '', 'b');
  if (!b.ok) return b;
  return ok({ kind: 'compare', scenario: scenario.value, step: step.value, a: a.value, b: b.value });
}

/** Formats a compare route: the step always, each run's parameters when it sets any. */
export function formatCompare(r: CompareRoute): string {
  const parts = [`step=${r.step ?? 0}`];
  if (r.a.size) parts.push(`a=${formatParams(r.a)}`);
  if (r.b.size) parts.push(`b=${formatParams(r.b)}`);
  return `#/cmp/${formatScenarioRef(r.scenario)}?${parts.join('&')}`;
}

/** A compare route at its start. */
export function compareRoute(scenario: ScenarioRef, a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>, step: number | null = null): CompareRoute {
  return { kind: 'compare', scenario, step, a, b };
}

/** The identity of one side's run (scenario and its parameters): the side reloads only when it changes. */
export function sideKey(r: CompareRoute, side: Side): string {
  return `${formatScenarioRef(r.scenario)}?${formatParams(side === 'a' ? r.a : r.b)}`;
}

