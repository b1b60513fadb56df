// Built-ins compile with their defaults once, and on demand with parameters.
import { describe, expect, it, vi } from 'vitest';
import { compileBuiltin, builtin } from './library';
import { ParamError } from './params';

// The built-ins with one that has parameters added (the shipped ones have none yet).
vi.mock('./builtin', async (importOriginal) => {
  const real = await importOriginal<typeof import('./builtin')>();
  const { readersScenario } = await import('./testing-params');
  return { BUILTIN_SCENARIOS: [...real.BUILTIN_SCENARIOS, readersScenario()] };
});

describe('built-in scenarios with parameters', () => {
  it('compile with their defaults by id', () => {
    expect(builtin('readers')?.params).toEqual({ readers: 2, pages: 4, then: 'sleep' });
    expect(compileBuiltin('readers')).toBe(builtin('readers'));
  });

  it('compile with the values given, leaving the default program alone', () => {
    const p = compileBuiltin('readers', new Map([['readers', '5']]));
    expect(p?.params).toEqual({ readers: 5, pages: 4, then: 'sleep' });
    expect(p?.tasks).toHaveLength(6);
    expect(builtin('readers')?.tasks).toHaveLength(3);
  });

  it('refuse values a built-in does not declare, and know no unknown id', () => {
    expect(() => compileBuiltin('fork-cow', { vcpus: 4 })).toThrow(ParamError);
    expect(() => compileBuiltin('readers', { readers: 0 })).toThrow("parameter 'readers': 0 is below its minimum");
    expect(compileBuiltin('no-such-scenario', { readers: 1 })).toBeUndefined();
  });
});
