// `"when": { "param": value | [values] }` on an element of any array (a task, an op, an expected
// result): the element exists only in the runs whose parameters match. It lets one document hold
// variants whose ops differ in kind (UFFDIO_COPY has no `src`; a fork snapshot has a child task).
import { accepted, type ParamDecl } from './params';
import type { ParamValue } from './expr';

type Obj = Record<string, unknown>;

/** Whether the element with this `when` is kept, or the reason the `when` itself is wrong. */
export type WhenResult = { readonly ok: true; readonly keep: boolean } | { readonly ok: false; readonly error: string };

function valid(d: ParamDecl, v: unknown): boolean {
  return d.kind === 'int' ? typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max : typeof v === 'string' && d.values.includes(v);
}

/** Evaluates a `when` object against the run's parameter values. */
export function evalWhen(when: unknown, decls: ReadonlyMap<string, ParamDecl>, values: ReadonlyMap<string, ParamValue>): WhenResult {
  if (typeof when !== 'object' || when === null || Array.isArray(when) || Object.keys(when).length === 0) {
    return { ok: false, error: 'must be an object naming parameters and the values they must have, e.g. { "resolve": "move" }' };
  }
  let keep = true;
  for (const [name, want] of Object.entries(when as Obj)) {
    const d = decls.get(name);
    if (!d) return { ok: false, error: `unknown parameter '${name}'` };
    const list = Array.isArray(want) ? want : [want];
    if (list.length === 0) return { ok: false, error: `'${name}' lists no values` };
    const bad = list.find((v) => !valid(d, v));
    if (bad !== undefined) return { ok: false, error: `${JSON.stringify(bad)} is not a value of '${name}', which takes ${accepted(d)}` };
    if (!list.includes(values.get(name))) keep = false;
  }
  return { ok: true, keep };
}
