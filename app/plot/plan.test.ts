import { describe, expect, it } from 'vitest';
import { plotRoute, type PlotRoute } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';
import { SWEEP_MAX_RUNS } from '../worker/sweep-protocol';
import { DEFAULT_METRICS, planSweep, sweepValues } from './plan';

const PARAMS: ParamInfo[] = [
  { kind: 'int', name: 'vcpus', doc: 'vCPUs', min: 1, max: 64, default: 2, value: 2 },
  { kind: 'choice', name: 'resolve', doc: 'ioctl', values: ['copy', 'move'], default: 'copy', value: 'copy' },
  { kind: 'choice', name: 'kernel', doc: 'era', values: ['4.11', '6.8', '6.18'], default: '6.18', value: '6.18' },
  { kind: 'int', name: 'pages', doc: 'pages', min: 1, max: 512, default: 8, value: 8 },
];
const route = (q: Partial<Omit<PlotRoute, 'kind' | 'scenario'>>) => plotRoute({ kind: 'builtin', id: 'uffd-remap-vs-copy' }, q);
const plan = (q: Partial<Omit<PlotRoute, 'kind' | 'scenario'>>, params = PARAMS) => {
  const r = planSweep(route(q), params);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
};
const refusal = (q: Partial<Omit<PlotRoute, 'kind' | 'scenario'>>, params = PARAMS) => {
  const r = planSweep(route(q), params);
  if (r.ok) throw new Error('planned');
  return r.message;
};

describe('sweep planning', () => {
  it('runs every swept value once per series value, x-major, with the fixed values first', () => {
    const p = plan({ x: 'vcpus', from: 1, to: 3, series: 'resolve', params: new Map([['kernel', '6.8']]) });
    expect(p.runs.map((r) => [r.x, r.series])).toEqual([[1, 'copy'], [1, 'move'], [2, 'copy'], [2, 'move'], [3, 'copy'], [3, 'move']]);
    expect(p.runs[1]?.params).toEqual([['kernel', '6.8'], ['vcpus', '1'], ['resolve', 'move']]);
  });

  it('draws one series without a series parameter', () => {
    const p = plan({ x: 'pages', from: 8, to: 32, by: 8 });
    expect(p.seriesValues).toEqual([null]);
    expect(p.runs.map((r) => r.params)).toEqual([8, 16, 24, 32].map((v) => [['pages', String(v)]]));
  });

  it('fills in what the link leaves out: the first integer parameter, from its minimum, 16 values, default metrics', () => {
    const p = plan({});
    expect([p.x.name, p.from, p.to, p.values.length]).toEqual(['vcpus', 1, 16, 16]);
    expect(p.metrics.map((m) => m.id)).toEqual(DEFAULT_METRICS);
  });

  it('stops a default range at the parameter’s maximum', () => {
    expect(plan({ x: 'vcpus', from: 60 }).to).toBe(64);
  });

  it('keeps the increment and leaves out an upper bound off its grid', () => {
    expect(plan({ x: 'vcpus', from: 1, to: 10, by: 4 }).values).toEqual([1, 5, 9]);
    expect(sweepValues(-2, 2, 2)).toEqual([-2, 0, 2]);
  });

  it('refuses a swept parameter the scenario does not have, or one that is not an integer', () => {
    expect(refusal({ x: 'cpus' })).toBe("x: 'cpus' is not a parameter of this scenario; it can sweep vcpus (1 to 64), pages (1 to 512).");
    expect(refusal({ x: 'resolve' })).toContain("x: 'resolve' is a choice parameter");
    expect(refusal({}, PARAMS.filter((p) => p.kind === 'choice'))).toContain('no integer parameter to sweep');
  });

  it('refuses a series that is missing or an integer parameter, listing the choices', () => {
    expect(refusal({ series: 'mode' })).toContain("series: 'mode' is not a parameter of this scenario; its choice parameters are resolve (copy, move), kernel (4.11, 6.8, 6.18)");
    expect(refusal({ x: 'vcpus', series: 'pages' })).toContain("series: 'pages' is an integer parameter");
  });

  it('refuses a range outside the parameter’s bounds, saying what it takes', () => {
    expect(refusal({ x: 'vcpus', from: 0, to: 4 })).toBe('from: 0 is below the minimum; vcpus takes an integer from 1 to 64.');
    expect(refusal({ x: 'vcpus', from: 1, to: 65 })).toBe('to: 65 is above the maximum; vcpus takes an integer from 1 to 64.');
    expect(refusal({ x: 'vcpus', from: 70 })).toContain('from: 70 is above the maximum');
    expect(refusal({ x: 'vcpus', to: 0 })).toContain('to: 0 is below from (1)');
  });

  it('refuses a sweep of more runs than a plot takes, naming how the count arises', () => {
    expect(plan({ x: 'pages', from: 1, to: SWEEP_MAX_RUNS }).runs).toHaveLength(SWEEP_MAX_RUNS);
    expect(refusal({ x: 'pages', from: 1, to: 512, series: 'kernel' })).toBe(
      `The sweep asks for 1,536 runs (512 values of pages × 3 of kernel); a plot runs at most ${SWEEP_MAX_RUNS}. Narrow the range or raise the increment (by).`,
    );
  });

  it('refuses unknown metrics, listing the ones there are', () => {
    expect(refusal({ metrics: ['time.us', 'speed'] })).toMatch(/^m: 'speed' is not a metric; the metrics are time\.us, cost\.us/);
  });
});
