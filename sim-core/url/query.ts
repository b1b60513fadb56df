// The query of a run link: `step=N&p=name:value,...&c=STEP:ACTOR,...`. Parsing is strict (unknown
// or repeated fields are errors) so a mistyped link fails loudly instead of opening the wrong state.
import { count, fail, type LinkResult, ok } from './errors';
import { MAX_CHOICES, MAX_PARAMS, MAX_STEP } from './limits';

/** What a run link adds to the scenario: where the cursor is, parameters and scheduling choices. */
export interface RunQuery {
  /** Steps executed (null when the link does not say: the start). */
  readonly step: number | null;
  /** Scenario parameters by name (values kept as text; the scenario interprets them). */
  readonly params: ReadonlyMap<string, string>;
  /** Scheduling choices: at step STEP run actor ACTOR. */
  readonly choices: ReadonlyMap<number, number>;
}

/** The query of a link that names only a scenario. */
export const EMPTY_QUERY: RunQuery = { step: null, params: new Map(), choices: new Map() };

/** Shortens text quoted in a message. */
export const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s);
/** A parameter name as links spell it. */
export const PARAM_NAME = /^[A-Za-z_][\w.-]{0,63}$/;
const PARAM_VALUE = /^[\w.+-]{1,64}$/;

/** Parses a step number: a whole number from 0 to MAX_STEP. */
export function parseStep(text: string): LinkResult<number> {
  if (!/^\d+$/.test(text)) return fail('bad-step', `step: '${clip(text)}' is not a step number (a whole number from 0).`);
  const n = Number(text);
  if (n > MAX_STEP) return fail('bad-step', `step: ${clip(text)} is beyond the largest run the browser plays (${count(MAX_STEP)} steps).`);
  return ok(n);
}

/** Parses `name:value,...` scenario parameters; `field` names the query field in messages (p, a or b). */
export function parseParams(text: string, field = 'p'): LinkResult<Map<string, string>> {
  const out = new Map<string, string>();
  if (text === '') return ok(out);
  for (const part of text.split(',')) {
    const m = /^([^:]*):(.*)$/.exec(part);
    if (!m || !PARAM_NAME.test(m[1] ?? '') || !PARAM_VALUE.test(m[2] ?? '')) {
      return fail('bad-params', `${field}: '${clip(part)}' is not NAME:VALUE (a name, a colon, then letters, digits, '.', '+', '-' or '_').`);
    }
    if (out.has(m[1] as string)) return fail('bad-params', `${field}: parameter '${m[1] as string}' is given twice.`);
    out.set(m[1] as string, m[2] as string);
  }
  if (out.size > MAX_PARAMS) return fail('bad-params', `${field}: ${out.size} parameters; a link may set at most ${MAX_PARAMS}.`);
  return ok(out);
}

/** Parses `STEP:ACTOR,...` scheduling choices. */
export function parseChoices(text: string): LinkResult<Map<number, number>> {
  const out = new Map<number, number>();
  if (text === '') return ok(out);
  const parts = text.split(',');
  if (parts.length > MAX_CHOICES) return fail('bad-choices', `c: ${count(parts.length)} choices; a link may carry at most ${count(MAX_CHOICES)}.`);
  for (const part of parts) {
    const m = /^(\d{1,7}):(\d{1,9})$/.exec(part);
    if (!m) return fail('bad-choices', `c: '${clip(part)}' is not STEP:ACTOR (two whole numbers, e.g. 12:3).`);
    const step = Number(m[1]);
    if (step > MAX_STEP) return fail('bad-choices', `c: step ${step} is beyond the largest run the browser plays (${count(MAX_STEP)} steps).`);
    if (out.has(step)) return fail('bad-choices', `c: step ${step} has two choices.`);
    out.set(step, Number(m[2]));
  }
  return ok(out);
}

function decode(field: string, raw: string): LinkResult<string> {
  try {
    return ok(decodeURIComponent(raw));
  } catch {
    return fail('bad-query', `${field}: '${clip(raw)}' has a broken %-escape.`);
  }
}

/**
 * Splits a query into its fields (values %-decoded). Only `allowed` names are accepted; `expected`
 * says in words which they are, for the message about any other.
 */
export function readFields(query: string, allowed: readonly string[], expected: string): LinkResult<Map<string, string>> {
  const fields = new Map<string, string>();
  if (query === '') return ok(fields);
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!allowed.includes(name)) return fail('bad-query', `'${clip(name)}' is not part of ${expected}.`);
    if (fields.has(name)) return fail('bad-query', `${name} is given twice.`);
    const value = decode(name, eq < 0 ? '' : pair.slice(eq + 1));
    if (!value.ok) return value;
    fields.set(name, value.value);
  }
  return ok(fields);
}

/** Parses the query of a run link (the part after '?', without it). */
export function parseQuery(query: string): LinkResult<RunQuery> {
  const fields = readFields(query, ['step', 'p', 'c'], 'a link (expected step, p for parameters or c for choices)');
  if (!fields.ok) return fields;
  const f = fields.value;
  const stepText = f.get('step');
  const step = stepText === undefined ? ok(null) : parseStep(stepText);
  if (!step.ok) return step;
  const params = parseParams(f.get('p') ?? '');
  if (!params.ok) return params;
  const choices = parseChoices(f.get('c') ?? '');
  if (!choices.ok) return choices;
  return ok({ step: step.value, params: params.value, choices: choices.value });
}

/** Formats parameters as `name:value,...` in the order given. */
export const formatParams = (params: ReadonlyMap<string, string>): string => [...params].map(([k, v]) => `${k}:${v}`).join(',');

/** Formats a run query canonically: step always, then parameters and choices when there are any. */
export function formatQuery(q: RunQuery): string {
  const parts = [`step=${q.step ?? 0}`];
  if (q.params.size) parts.push(`p=${formatParams(q.params)}`);
  if (q.choices.size) parts.push(`c=${[...q.choices].sort((a, b) => a[0] - b[0]).map(([s, a]) => `${s}:${a}`).join(',')}`);
  return parts.join('&');
}
