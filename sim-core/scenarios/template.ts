// References inside one string of a scenario. "$name" and "${expr}" on their own stand for the
// value itself (a number stays a number); inside longer text "${expr}" is interpolated; "$$" is a
// literal "$".
import { evaluate, type ParamValue, type Scope } from './expr';

/** A substituted string: the value it stands for, or why it cannot be substituted. */
export type Substituted = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly error: string };

const WHOLE_NAME = /^\$([A-Za-z_]\w*)$/;

type Part = { readonly text: string } | { readonly value: ParamValue };

const fail = (error: string): Substituted => ({ ok: false, error });

// Splits text into literal runs and evaluated ${...} parts.
function parts(text: string, scope: Scope): Part[] | string {
  const out: Part[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c !== '$' || next === undefined) { lit += c; continue; }
    if (next === '$') { lit += '$'; i++; continue; }
    if (/[A-Za-z_]/.test(next)) return `'$${next}…' inside text: write \${name} to insert a value there (or $$ for a literal '$')`;
    if (next !== '{') { lit += c; continue; }
    const close = text.indexOf('}', i + 2);
    if (close < 0) return `'\${' without a closing '}' in '${text}'`;
    const expr = text.slice(i + 2, close);
    const r = evaluate(expr, scope);
    if (!r.ok) return `${r.error} in \${${expr}}`;
    if (lit !== '') out.push({ text: lit });
    lit = '';
    out.push({ value: r.value });
    i = close;
  }
  if (lit !== '') out.push({ text: lit });
  return out;
}

/** Replaces the references in `text`; text without a '$' comes back unchanged. */
export function substitute(text: string, scope: Scope): Substituted {
  if (!text.includes('$')) return { ok: true, value: text };
  const whole = WHOLE_NAME.exec(text);
  if (whole) {
    const v = scope.get(whole[1] as string);
    return v === undefined ? fail(`${scope.missing(whole[1] as string)} in ${text}`) : { ok: true, value: v };
  }
  const ps = parts(text, scope);
  if (typeof ps === 'string') return fail(ps);
  const [only] = ps;
  if (ps.length === 1 && only && 'value' in only) return { ok: true, value: only.value };
  return { ok: true, value: ps.map((p) => ('text' in p ? p.text : String(p.value))).join('') };
}
