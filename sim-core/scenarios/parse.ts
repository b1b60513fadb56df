// Parses and validates a scenario: parameters and instances expanded (expand.ts), then the JSON
// shape (schema.ts), then meaning (validate.ts).
import * as v from 'valibot';
import { ScenarioError } from './errors';
import { expandScenario } from './expand';
import { ParamError, type ParamOverrides } from './params';
import type { Program } from './program';
import { type Scenario, ScenarioSchema } from './schema';
import { compile } from './validate';

export { ParamError, ScenarioError, type ParamOverrides };


type Issue = v.BaseIssue<unknown>;

function pathOf(issue: Issue): string {
  let out = '';
  for (const p of issue.path ?? []) {
    const k = p.key;
    out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  }
  return out === '' ? '(scenario)' : out;
}

function describe(issue: Issue): string {
  if ((issue.type === 'strict_object' || issue.type === 'object') && issue.path?.length) {
    const key = String(issue.path[issue.path.length - 1]?.key);
    if (issue.received === 'undefined') return 'missing required field';
    return `unknown field '${key}'`;
  }
  if (issue.type === 'variant') return `unknown op ${JSON.stringify(issue.input)}; expected one of ${issue.expected ?? ''}`;
  if (issue.kind === 'schema' && issue.received === 'undefined') return `missing required field (expected ${issue.expected ?? 'a value'})`;
  return issue.message.replace(/^Invalid (type|value|key|length): /, '');
}

/** Formats valibot issues as "path: message" lines. */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${pathOf(i)}: ${describe(i)}`);
}

/** Validates an already-decoded JSON value as a scenario (shape only). */
export function parseScenarioShape(input: unknown): Scenario {
  const r = v.safeParse(ScenarioSchema, input);
  if (!r.success) throw new ScenarioError(formatIssues(r.issues));
  return r.output;
}

/** Parses scenario JSON text into a runnable program with the given parameters, or throws ScenarioError (ParamError for bad parameters). */
export function parseScenarioText(text: string, origin = 'scenario', params?: ParamOverrides): Program {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([`${origin}: not valid JSON (${(e as Error).message})`]);
  }
  return parseScenario(json, params);
}

// Problems found after expansion name expanded tasks; point them back at the task in the document.
function sourcePaths(problems: readonly string[], taskPaths: readonly string[]): string[] {
  return problems.map((p) => p.replace(/\btasks\[(\d+)\]/g, (m, k: string) => taskPaths[Number(k)] ?? m));
}

/** Validates a decoded scenario object into a runnable program with the given parameters, or throws ScenarioError (ParamError for bad parameters). */
export function parseScenario(input: unknown, params?: ParamOverrides): Program {
  const x = expandScenario(input, params);
  try {
    return compile(parseScenarioShape(x.doc), { paramDecls: x.decls, params: x.values });
  } catch (e) {
    if (e instanceof ScenarioError && x.taskPaths.length) throw new ScenarioError(sourcePaths(e.problems, x.taskPaths));
    throw e;
  }
}
