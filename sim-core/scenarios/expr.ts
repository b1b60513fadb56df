// Integer expressions of the scenario language, as in "${i*8+7}": + - * / % (floor division and
// its modulo), parentheses, unary minus, whole numbers and names. A hand-written recursive-descent
// evaluator, never eval or Function: scenarios arrive in links from strangers.

/** A parameter's value: a number for integer parameters, the text for choice parameters. */
export type ParamValue = number | string;

/** What names mean inside an expression. */
export interface Scope {
  /** The value of `name`, or undefined when it names nothing. */
  get(name: string): ParamValue | undefined;
  /** Why `name` names nothing (e.g. "unknown parameter 'x'"). */
  missing(name: string): string;
}

/** An evaluation: the value, or the reason (without the expression's text, which the caller adds). */
export type Evaluated = { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly error: string };

/** Longest expression accepted, in characters. */
export const MAX_EXPR_CHARS = 256;
// Parentheses and unary minus recurse; a bound keeps a hostile "((((..." from exhausting the stack.
const MAX_DEPTH = 32;

class ExprError extends Error {}

const TOKEN = /\s*(?:(\d+)|([A-Za-z_]\w*)|([-+*/%()]))/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(at).trim() === '') break;
      throw new ExprError(`unexpected '${text.slice(at).trim()[0] ?? ''}'`);
    }
    out.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return out;
}

function checked(n: number): number {
  if (!Number.isSafeInteger(n)) throw new ExprError('the result is too large');
  return n;
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return checked(a + b);
    case '-': return checked(a - b);
    case '*': return checked(a * b);
  }
  if (b === 0) throw new ExprError('division by zero');
  // Floor division and its modulo, so that a == (a / b) * b + a % b holds for negative numbers too.
  const q = Math.floor(a / b);
  return op === '/' ? checked(q) : checked(a - q * b);
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly string[], private readonly scope: Scope) {}

  run(): ParamValue {
    if (this.tokens.length === 0) throw new ExprError('empty expression');
    const v = this.sum();
    const rest = this.tokens[this.pos];
    if (rest !== undefined) throw new ExprError(`unexpected '${rest}'`);
    return v;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private num(v: ParamValue, op: string): number {
    if (typeof v === 'number') return v;
    throw new ExprError(`'${v}' is a choice, not a number, so it cannot be used with '${op}'`);
  }

  private sum(): ParamValue {
    let v = this.product();
    for (let op = this.peek(); op === '+' || op === '-'; op = this.peek()) {
      this.pos++;
      v = arith(op, this.num(v, op), this.num(this.product(), op));
    }
    return v;
  }

  private product(): ParamValue {
    let v = this.unary();
    for (let op = this.peek(); op === '*' || op === '/' || op === '%'; op = this.peek()) {
      this.pos++;
      v = arith(op, this.num(v, op), this.num(this.unary(), op));
    }
    return v;
  }

  private unary(): ParamValue {
    const t = this.peek();
    if (t !== '-' && t !== '+') return this.primary();
    this.pos++;
    const v = this.nested(() => this.num(this.unary(), t));
    return t === '-' ? checked(-v || 0) : v;
  }

  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ExprError(`nested more than ${MAX_DEPTH} deep`);
    const v = f();
    this.depth--;
    return v;
  }

  private primary(): ParamValue {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new ExprError('the expression ends early');
    if (t === '(') {
      const v = this.nested(() => this.sum());
      if (this.tokens[this.pos++] !== ')') throw new ExprError("missing ')'");
      return v;
    }
    if (/^\d/.test(t)) {
      if (!Number.isSafeInteger(Number(t))) throw new ExprError(`${t} is too large`);
      return Number(t);
    }
    if (/^[A-Za-z_]/.test(t)) {
      const v = this.scope.get(t);
      if (v === undefined) throw new ExprError(this.scope.missing(t));
      return v;
    }
    throw new ExprError(`unexpected '${t}'`);
  }
}

/** Evaluates an expression such as "i*8+7" in `scope`. */
export function evaluate(text: string, scope: Scope): Evaluated {
  if (text.length > MAX_EXPR_CHARS) return { ok: false, error: `the expression is longer than ${MAX_EXPR_CHARS} characters` };
  try {
    return { ok: true, value: new Parser(tokenize(text), scope).run() };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, error: e.message };
    throw e;
  }
}
