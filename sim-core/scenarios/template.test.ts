// References inside scenario strings: whole references keep their type, text gets interpolated.
import { describe, expect, it } from 'vitest';
import type { Scope } from './expr';
import { substitute } from './template';

const vars: Record<string, number | string> = { n: 4, mode: 'move', i: 2 };
const scope: Scope = { get: (k) => (Object.hasOwn(vars, k) ? vars[k] : undefined), missing: (k) => `unknown parameter '${k}'` };
const sub = (text: string) => substitute(text, scope);

describe('string references', () => {
  it('replace a whole "$name" or "${expr}" by the value itself, a number staying a number', () => {
    expect(sub('$n')).toEqual({ ok: true, value: 4 });
    expect(sub('${n*2}')).toEqual({ ok: true, value: 8 });
    expect(sub('$mode')).toEqual({ ok: true, value: 'move' });
    expect(sub('${mode}')).toEqual({ ok: true, value: 'move' });
  });

  it('interpolate ${expr} inside longer text', () => {
    expect(sub('guest[${i*8}..${i*8+7}]')).toEqual({ ok: true, value: 'guest[16..23]' });
    expect(sub('${n} pages, ${mode}')).toEqual({ ok: true, value: '4 pages, move' });
  });

  it('leave text without references alone, and write "$$" as a literal "$"', () => {
    expect(sub('buf[3]')).toEqual({ ok: true, value: 'buf[3]' });
    expect(sub('costs $5')).toEqual({ ok: true, value: 'costs $5' });
    expect(sub('$${n} is $$n')).toEqual({ ok: true, value: '${n} is $n' });
  });

  it('name the unknown parameter and the expression it is in', () => {
    expect(sub('${vpcus*2}')).toEqual({ ok: false, error: "unknown parameter 'vpcus' in ${vpcus*2}" });
    expect(sub('$vpcus')).toEqual({ ok: false, error: "unknown parameter 'vpcus' in $vpcus" });
    expect(sub('buf[${n/0}]')).toEqual({ ok: false, error: 'division by zero in ${n/0}' });
  });

  it('explain a bare $name inside text and an unclosed ${', () => {
    expect(sub('buf[$i]')).toMatchObject({ ok: false, error: expect.stringContaining('write ${name} to insert a value there') as unknown });
    expect(sub('buf[${i]')).toEqual({ ok: false, error: "'${' without a closing '}' in 'buf[${i]'" });
  });
});
