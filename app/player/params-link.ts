// What the parameters panel writes into the link: only values that differ from their defaults, in
// declaration order, so two links to the same run read the same.
import type { ParamInfo } from '../worker/protocol';

/** An integer parameter. */
export type IntParam = Extract<ParamInfo, { kind: 'int' }>;

/** The p= values of the run on screen with `name` set to `value`. */
export function linkParams(params: readonly ParamInfo[], name: string, value: string | number): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of params) {
    const v = String(p.name === name ? value : p.value);
    if (v !== String(p.default)) out.set(p.name, v);
  }
  return out;
}

/** Why `text` is not a value of `p` (null when it is), phrased for the person typing it. */
export function intProblem(p: IntParam, text: string): string | null {
  const t = text.trim();
  const n = Number(t);
  if (!/^[+-]?\d+$/.test(t) || n < p.min || n > p.max) return `Enter a whole number from ${p.min} to ${p.max}.`;
  return null;
}
