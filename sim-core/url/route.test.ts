import { describe, expect, it } from 'vitest';
import { MAX_STEP } from './limits';
import { builtinRoute, customRoute, formatHash, parseHash, runKey, withParams } from './route';

const parsed = (hash: string) => {
  const r = parseHash(hash);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const error = (hash: string) => {
  const r = parseHash(hash);
  if (r.ok) throw new Error(`${hash} parsed`);
  return r.error;
};

describe('hash routes', () => {
  it('open the gallery for an empty hash, "#" and "#/"', () => {
    for (const h of ['', '#', '#/']) expect(parsed(h)).toEqual({ kind: 'gallery' });
  });

  it('read a built-in link with step, parameters and choices', () => {
    const r = parsed('#/s/fork-cow?step=12&p=cpus:4,pages:64&c=3:1,9:2');
    expect(r).toEqual({
      kind: 'builtin', id: 'fork-cow', step: 12,
      params: new Map([['cpus', '4'], ['pages', '64']]), choices: new Map([[3, 1], [9, 2]]),
    });
  });

  it('read a link without a query as the start of the run', () => {
    expect(parsed('#/s/first-touch')).toMatchObject({ kind: 'builtin', id: 'first-touch', step: null });
  });

  it('read a custom link and keep its data as is', () => {
    expect(parsed('#/c/q1Yq-_0?step=3')).toMatchObject({ kind: 'custom', data: 'q1Yq-_0', step: 3 });
  });

  it('format and parse back to the same route', () => {
    const routes = [
      builtinRoute('munmap-lazy-peer', { step: 40, choices: new Map([[7, 2], [3, 1]]) }),
      customRoute('abc_-', { step: 0, params: new Map([['n', '3']]) }),
    ];
    for (const r of routes) expect(parsed(formatHash(r))).toEqual({ ...r, step: r.step ?? 0 });
  });

  it('format choices in step order and always name the step', () => {
    expect(formatHash(builtinRoute('x', { choices: new Map([[9, 1], [2, 0]]) }))).toBe('#/s/x?step=0&c=2:0,9:1');
  });

  it('give the same run key to routes that differ only in their step', () => {
    expect(runKey(builtinRoute('x', { step: 1 }))).toBe(runKey(builtinRoute('x', { step: 99 })));
    expect(runKey(builtinRoute('x', { choices: new Map([[1, 1]]) }))).not.toBe(runKey(builtinRoute('x')));
  });

  it('refuse pages that do not exist', () => {
    expect(error('#/x/first-touch').code).toBe('bad-route');
    expect(error('#/scenario').message).toContain('#/s/');
  });

  it('refuse a missing or malformed scenario id', () => {
    expect(error('#/s/').code).toBe('bad-id');
    expect(error('#/s/Fork_COW').message).toContain("'Fork_COW' is not a scenario id");
  });

  it('refuse step numbers that are not whole numbers or are absurd', () => {
    expect(error('#/s/x?step=abc').message).toContain("'abc' is not a step number");
    expect(error('#/s/x?step=-1').code).toBe('bad-step');
    expect(error('#/s/x?step=1.5').code).toBe('bad-step');
    expect(error(`#/s/x?step=${MAX_STEP + 1}`).message).toContain('beyond');
  });

  it('refuse malformed and repeated choices', () => {
    expect(error('#/s/x?c=3-1').message).toContain("'3-1' is not STEP:ACTOR");
    expect(error('#/s/x?c=3:1,3:2').message).toContain('step 3 has two choices');
    expect(error('#/s/x?c=3:').code).toBe('bad-choices');
  });

  it('refuse malformed and repeated parameters', () => {
    expect(error('#/s/x?p=cpus').code).toBe('bad-params');
    expect(error('#/s/x?p=cpus:4,cpus:5').message).toContain('given twice');
    expect(error('#/s/x?p=cpus:<b>').code).toBe('bad-params');
  });

  it('refuse unknown and repeated query fields', () => {
    expect(error('#/s/x?stp=3').message).toContain("'stp' is not part of a link");
    expect(error('#/s/x?step=1&step=2').message).toContain('given twice');
  });

  it('refuse broken percent escapes', () => {
    expect(error('#/s/x?c=%E0%A4%A').code).toBe('bad-query');
  });

  it('accept percent-encoded separators in choices', () => {
    expect(parsed('#/s/x?c=3%3A1%2C4%3A2')).toMatchObject({ choices: new Map([[3, 1], [4, 2]]) });
  });

  it('open other parameter values as a new run: at its start, without the old choices', () => {
    const r = parsed('#/c/abc?step=40&p=readers:2&c=3:1');
    if (r.kind === 'gallery') throw new Error('not a run');
    const next = withParams(r, new Map([['readers', '5'], ['then', 'exit']]));
    expect(formatHash(next)).toBe('#/c/abc?step=0&p=readers:5,then:exit');
    expect(runKey(next)).not.toBe(runKey(r));
    expect(formatHash(withParams(r, new Map()))).toBe('#/c/abc?step=0');
  });
});
