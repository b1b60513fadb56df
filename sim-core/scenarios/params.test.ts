// Parameter declarations are checked strictly, and values given for them are checked against them.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors';
import { accepted, MAX_DECLARED_PARAMS, ParamError, type ParamOverrides, readDecls, resolveParams } from './params';

const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
};

const vcpus = { doc: 'Virtual CPUs', min: 1, max: 64, default: 4 };
const resolve = { doc: 'How faults are resolved', values: ['copy', 'move'], default: 'copy' };
const decls = readDecls({ vcpus, resolve });
const given = (g: ParamOverrides) => () => resolveParams(decls, g);

describe('parameter declarations', () => {
  it('read integer and choice parameters in document order', () => {
    expect(decls).toEqual([
      { kind: 'int', name: 'vcpus', doc: 'Virtual CPUs', min: 1, max: 64, default: 4 },
      { kind: 'choice', name: 'resolve', doc: 'How faults are resolved', values: ['copy', 'move'], default: 'copy' },
    ]);
    expect(readDecls(undefined)).toEqual([]);
    expect(decls.map(accepted)).toEqual(['an integer from 1 to 64', 'one of copy, move']);
  });

  it('refuse a default outside the range or the values', () => {
    expect(problems(() => readDecls({ vcpus: { ...vcpus, default: 0 } }))).toEqual(['params.vcpus: default 0 is below min 1']);
    expect(problems(() => readDecls({ vcpus: { ...vcpus, default: 65 } }))).toEqual(['params.vcpus: default 65 is above max 64']);
    expect(problems(() => readDecls({ vcpus: { ...vcpus, min: 9, max: 8 } }))).toEqual(['params.vcpus: min 9 is above max 8']);
    expect(problems(() => readDecls({ resolve: { ...resolve, default: 'swap' } }))).toEqual(['params.resolve: default "swap" is not one of copy, move']);
  });

  it('refuse missing, unknown and mistyped fields, naming each', () => {
    expect(problems(() => readDecls({ n: { doc: 'x', min: 1, max: 2 } }))).toEqual(['params.n.default: missing required field (an integer parameter needs min, max and default)']);
    expect(problems(() => readDecls({ n: { ...vcpus, step: 2 } }))).toEqual(["params.n.step: unknown field 'step'"]);
    expect(problems(() => readDecls({ n: { ...vcpus, doc: '' } }))[0]).toMatch(/^params\.n\.doc: missing required field/);
    expect(problems(() => readDecls({ n: { ...vcpus, max: 2.5 } }))[0]).toMatch(/^params\.n\.max: must be a whole number/);
    expect(problems(() => readDecls({ m: { ...resolve, min: 1 } }))).toEqual(['params.m: a choice parameter (with "values") takes no min or max']);
    expect(problems(() => readDecls({ m: { ...resolve, values: [] } }))).toEqual(['params.m.values: must be a non-empty list of words']);
    expect(problems(() => readDecls({ m: { ...resolve, values: ['copy', 'copy'] } }))).toEqual(["params.m.values: 'copy' is listed twice"]);
    expect(problems(() => readDecls({ m: { ...resolve, values: ['a b'] } }))[0]).toMatch(/^params\.m\.values\[0\]: must be a word/);
  });

  it('refuse names that expressions could not use, and the reserved i', () => {
    expect(problems(() => readDecls({ 'v-cpus': vcpus }))[0]).toMatch(/^params\.v-cpus: a parameter name is letters, digits and _/);
    expect(problems(() => readDecls({ i: vcpus }))).toEqual(['params.i: \'i\' is reserved for the instance index of tasks with "instances"']);
    expect(problems(() => readDecls(JSON.parse('{"__proto__": {"doc": "x", "min": 1, "max": 2, "default": 1}}')))).toEqual(['params.__proto__: this name is reserved']);
  });

  it('refuse a params field that is not an object of declarations, or too many of them', () => {
    expect(problems(() => readDecls([1]))).toEqual(['params: must be an object mapping each parameter name to its declaration']);
    expect(problems(() => readDecls({ n: 3 }))[0]).toMatch(/^params\.n: must be an object/);
    const many = Object.fromEntries(Array.from({ length: MAX_DECLARED_PARAMS + 1 }, (_, k) => [`p${k}`, vcpus]));
    expect(problems(() => readDecls(many))).toEqual([`params: ${MAX_DECLARED_PARAMS + 1} parameters; a scenario may declare at most ${MAX_DECLARED_PARAMS}`]);
  });
});

describe('parameter values', () => {
  it('default every parameter and take typed text or typed values', () => {
    expect(resolveParams(decls)).toEqual({ vcpus: 4, resolve: 'copy' });
    expect(resolveParams(decls, new Map([['vcpus', '8'], ['resolve', 'move']]))).toEqual({ vcpus: 8, resolve: 'move' });
    expect(resolveParams(decls, { vcpus: 64 })).toEqual({ vcpus: 64, resolve: 'copy' });
    expect(resolveParams(decls, { vcpus: '+1' })).toEqual({ vcpus: 1, resolve: 'copy' });
  });

  it('say which parameter is unknown and which ones exist', () => {
    expect(problems(given({ vpcus: '8' }))).toEqual(["unknown parameter 'vpcus': this scenario's parameters are vcpus (an integer from 1 to 64), resolve (one of copy, move)"]);
    expect(problems(() => resolveParams([], { vcpus: '8' }))).toEqual(["unknown parameter 'vcpus': this scenario declares no parameters"]);
  });

  it('refuse values that are not whole numbers or are out of range, with the range', () => {
    expect(problems(given({ vcpus: 'four' }))).toEqual(["parameter 'vcpus': 'four' is not a whole number; it takes an integer from 1 to 64"]);
    expect(problems(given({ vcpus: 2.5 }))).toEqual(["parameter 'vcpus': '2.5' is not a whole number; it takes an integer from 1 to 64"]);
    expect(problems(given({ vcpus: '0' }))).toEqual(["parameter 'vcpus': 0 is below its minimum; it takes an integer from 1 to 64"]);
    expect(problems(given({ vcpus: 65 }))).toEqual(["parameter 'vcpus': 65 is above its maximum; it takes an integer from 1 to 64"]);
  });

  it('refuse a choice that is not among the values, listing them', () => {
    expect(problems(given({ resolve: 'swap' }))).toEqual(["parameter 'resolve': 'swap' is not one of copy, move"]);
  });

  it('report every bad value at once, as a ParamError', () => {
    let caught: unknown = null;
    try { resolveParams(decls, { vcpus: '0', resolve: 'x' }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ParamError);
    expect((caught as ParamError).problems).toHaveLength(2);
  });
});
