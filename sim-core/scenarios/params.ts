// Scenario parameters: reading a scenario's "params" declarations, and checking the values a person
// gives (CLI --param, a link's p=) against them. Every message names the parameter and what it accepts.
import type { ParamValue } from './expr';
import { ScenarioError } from './errors';

/** A declared parameter: an integer in a range, or one of a list of words. */
export type ParamDecl =
  | { readonly kind: 'int'; readonly name: string; readonly doc: string; readonly min: number; readonly max: number; readonly default: number }
  | { readonly kind: 'choice'; readonly name: string; readonly doc: string; readonly values: readonly string[]; readonly default: string };

/** Parameter values as given: text typed by a person, or values already typed. */
export type ParamOverrides = ReadonlyMap<string, string | number> | Readonly<Record<string, string | number>>;

/** Bad parameter values (as opposed to a bad scenario): the scenario is fine, the values are not. */
export class ParamError extends ScenarioError {
  constructor(problems: readonly string[]) {
    super(problems);
    this.name = 'ParamError';
  }
}

/** Most parameters one scenario may declare (a link carries at most this many too). */
export const MAX_DECLARED_PARAMS = 64;
// Integer bounds keep expressions within safe integers after a few multiplications.
const INT_LIMIT = 2 ** 31;
const NAME = /^[A-Za-z_]\w{0,63}$/;
// Choice values travel in links (url/query.ts PARAM_VALUE), so they use the characters links allow.
const WORD = /^[\w.+-]{1,64}$/;
const FIELDS = new Set(['doc', 'min', 'max', 'default', 'values']);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && Math.abs(x) <= INT_LIMIT;

/** What a parameter accepts, for messages and help: "an integer from 1 to 64" or "one of copy, move". */
export function accepted(d: ParamDecl): string {
  return d.kind === 'int' ? `an integer from ${d.min} to ${d.max}` : `one of ${d.values.join(', ')}`;
}

function readInt(name: string, raw: Record<string, unknown>, errs: string[]): ParamDecl | null {
  const p = `params.${name}`;
  for (const f of ['min', 'max', 'default'] as const) {
    if (raw[f] === undefined) errs.push(`${p}.${f}: missing required field (an integer parameter needs min, max and default)`);
    else if (!isInt(raw[f])) errs.push(`${p}.${f}: must be a whole number between -2147483648 and 2147483648 (got ${JSON.stringify(raw[f])})`);
  }
  const { min, max, default: def } = raw as { min: number; max: number; default: number };
  if (!isInt(min) || !isInt(max) || !isInt(def)) return null;
  if (min > max) errs.push(`${p}: min ${min} is above max ${max}`);
  else if (def < min) errs.push(`${p}: default ${def} is below min ${min}`);
  else if (def > max) errs.push(`${p}: default ${def} is above max ${max}`);
  else return { kind: 'int', name, doc: raw.doc as string, min, max, default: def };
  return null;
}

function readChoice(name: string, raw: Record<string, unknown>, errs: string[]): ParamDecl | null {
  const p = `params.${name}`;
  if (raw.min !== undefined || raw.max !== undefined) errs.push(`${p}: a choice parameter (with "values") takes no min or max`);
  const values = raw.values;
  if (!Array.isArray(values) || values.length === 0) { errs.push(`${p}.values: must be a non-empty list of words`); return null; }
  const bad = values.findIndex((x) => typeof x !== 'string' || !WORD.test(x));
  if (bad >= 0) { errs.push(`${p}.values[${bad}]: must be a word of letters, digits, '.', '+', '-' or '_' (got ${JSON.stringify(values[bad])})`); return null; }
  const words = values as string[];
  const dup = words.find((w, i) => words.indexOf(w) !== i);
  if (dup !== undefined) { errs.push(`${p}.values: '${dup}' is listed twice`); return null; }
  if (raw.default === undefined) { errs.push(`${p}.default: missing required field (one of ${words.join(', ')})`); return null; }
  if (typeof raw.default !== 'string' || !words.includes(raw.default)) {
    errs.push(`${p}: default ${JSON.stringify(raw.default)} is not one of ${words.join(', ')}`);
    return null;
  }
  return { kind: 'choice', name, doc: raw.doc as string, values: words, default: raw.default };
}

function readDecl(name: string, raw: unknown, errs: string[]): ParamDecl | null {
  const p = `params.${name}`;
  if (!NAME.test(name)) { errs.push(`${p}: a parameter name is letters, digits and _ (no '-', which means minus in expressions)`); return null; }
  if (name === 'i') { errs.push(`${p}: 'i' is reserved for the instance index of tasks with "instances"`); return null; }
  if (name === '__proto__') { errs.push(`${p}: this name is reserved`); return null; }
  if (!isObject(raw)) { errs.push(`${p}: must be an object such as { "doc": "...", "min": 1, "max": 8, "default": 2 }`); return null; }
  const before = errs.length;
  for (const k of Object.keys(raw)) if (!FIELDS.has(k)) errs.push(`${p}.${k}: unknown field '${k}'`);
  if (typeof raw.doc !== 'string' || raw.doc.trim() === '') errs.push(`${p}.doc: missing required field (a sentence saying what the parameter changes)`);
  const d = 'values' in raw ? readChoice(name, raw, errs) : readInt(name, raw, errs);
  return errs.length === before ? d : null;
}

/** Reads a scenario's "params" field (undefined: none), or throws ScenarioError with every problem. */
export function readDecls(raw: unknown): ParamDecl[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw new ScenarioError(['params: must be an object mapping each parameter name to its declaration']);
  const names = Object.keys(raw);
  if (names.length > MAX_DECLARED_PARAMS) throw new ScenarioError([`params: ${names.length} parameters; a scenario may declare at most ${MAX_DECLARED_PARAMS}`]);
  const errs: string[] = [];
  const decls = names.map((n) => readDecl(n, raw[n], errs));
  if (errs.length) throw new ScenarioError(errs);
  return decls as ParamDecl[];
}

function valueOf(d: ParamDecl, given: string | number): ParamValue | string[] {
  const what = `parameter '${d.name}'`;
  if (d.kind === 'choice') {
    return typeof given === 'string' && d.values.includes(given) ? given : [`${what}: '${given}' is not one of ${d.values.join(', ')}`];
  }
  const text = String(given).trim();
  if (!/^[+-]?\d{1,16}$/.test(text)) return [`${what}: '${given}' is not a whole number; it takes ${accepted(d)}`];
  const n = Number(text);
  if (n < d.min) return [`${what}: ${n} is below its minimum; it takes ${accepted(d)}`];
  if (n > d.max) return [`${what}: ${n} is above its maximum; it takes ${accepted(d)}`];
  return n;
}

function unknown(name: string, decls: readonly ParamDecl[]): string {
  if (decls.length === 0) return `unknown parameter '${name}': this scenario declares no parameters`;
  return `unknown parameter '${name}': this scenario's parameters are ${decls.map((d) => `${d.name} (${accepted(d)})`).join(', ')}`;
}

/** The value of every declared parameter: its default unless `given` sets it. Throws ParamError. */
export function resolveParams(decls: readonly ParamDecl[], given: ParamOverrides = {}): Record<string, ParamValue> {
  const entries = given instanceof Map ? [...(given as ReadonlyMap<string, string | number>)] : Object.entries(given);
  const out: Record<string, ParamValue> = {};
  for (const d of decls) out[d.name] = d.default;
  const errs: string[] = [];
  for (const [name, v] of entries) {
    const d = decls.find((x) => x.name === name);
    const r = d ? valueOf(d, v) : [unknown(name, decls)];
    if (Array.isArray(r)) errs.push(...r);
    else out[name] = r;
  }
  if (errs.length) throw new ParamError(errs);
  return out;
}
