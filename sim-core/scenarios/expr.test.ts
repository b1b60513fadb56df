// Integer expressions of parameters: arithmetic as documented, and a clear reason for anything else.
import { describe, expect, it } from 'vitest';
import { evaluate, MAX_EXPR_CHARS, type ParamValue, type Scope } from './expr';

const scope = (vars: Record<string, ParamValue>): Scope => ({
  get: (n) => (Object.hasOwn(vars, n) ? vars[n] : undefined),
  missing: (n) => `unknown parameter '${n}'`,
});
const ev = (text: string, vars: Record<string, ParamValue> = {}) => evaluate(text, scope(vars));
const value = (text: string, vars: Record<string, ParamValue> = {}) => {
  const r = ev(text, vars);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (text: string, vars: Record<string, ParamValue> = {}) => {
  const r = ev(text, vars);
  return r.ok ? `value ${String(r.value)}` : r.error;
};

describe('parameter expressions', () => {
  it('follow the usual precedence, with parentheses and unary minus', () => {
    expect(value('1+2*3')).toBe(7);
    expect(value('(1+2)*3')).toBe(9);
    expect(value('-2*3')).toBe(-6);
    expect(value('-(2-5)')).toBe(3);
    expect(value('10-2-3')).toBe(5);
    expect(value('+4')).toBe(4);
    expect(value('  i * 8 + 7 ', { i: 3 })).toBe(31);
  });

  it('divide with floor division and a modulo that matches it, also for negative numbers', () => {
    expect(value('7/2')).toBe(3);
    expect(value('-7/2')).toBe(-4);
    expect(value('7%3')).toBe(1);
    expect(value('-7%3')).toBe(2);
    expect(value('n/2*2 + n%2', { n: -9 })).toBe(-9);
  });

  it('read parameters by name, and a choice parameter standing alone gives its text', () => {
    expect(value('vcpus*2', { vcpus: 4 })).toBe(8);
    expect(value('mode', { mode: 'move' })).toBe('move');
    expect(value('(mode)', { mode: 'move' })).toBe('move');
  });

  it('refuse a choice parameter in arithmetic', () => {
    expect(error('mode+1', { mode: 'move' })).toBe("'move' is a choice, not a number, so it cannot be used with '+'");
  });

  it('name the parameter they do not know', () => {
    expect(error('vpcus*2', { vcpus: 4 })).toBe("unknown parameter 'vpcus'");
  });

  it('refuse division and modulo by zero', () => {
    expect(error('4/(2-2)')).toBe('division by zero');
    expect(error('4%0')).toBe('division by zero');
  });

  it('say what is malformed', () => {
    expect(error('')).toBe('empty expression');
    expect(error('1+')).toBe('the expression ends early');
    expect(error('(1+2')).toBe("missing ')'");
    expect(error('1 2')).toBe("unexpected '2'");
    expect(error('2**3')).toBe("unexpected '*'");
    expect(error('a.b', { a: 1 })).toBe("unexpected '.'");
    expect(error('1=1')).toBe("unexpected '='");
  });

  it('never evaluate JavaScript', () => {
    expect(error('constructor', {})).toBe("unknown parameter 'constructor'");
    expect(error('alert(1)')).toBe("unknown parameter 'alert'");
    expect(error('"x"')).toBe(`unexpected '"'`);
  });

  it('stay within safe integers', () => {
    expect(error('99999999999999999999')).toBe('99999999999999999999 is too large');
    expect(error('n*n*n', { n: 2 ** 31 })).toBe('the result is too large');
  });

  it('refuse hostile nesting and length without exhausting the stack', () => {
    expect(error(`${'('.repeat(40)}1${')'.repeat(40)}`)).toBe('nested more than 32 deep');
    expect(error('-'.repeat(40) + '1')).toBe('nested more than 32 deep');
    expect(error('1+'.repeat(MAX_EXPR_CHARS))).toBe(`the expression is longer than ${MAX_EXPR_CHARS} characters`);
  });
});
