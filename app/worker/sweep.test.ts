import { describe, expect, it } from 'vitest';
import { readersScenario } from '../../sim-core/scenarios/testing-params';
import { SweepHost, type SweepLimits } from './sweep';
import type { ParamPairs, SweepFromWorker, SweepToWorker } from './sweep-protocol';
import { SWEEP_MAX_RUNS } from './sweep-protocol';

function harness(limits?: SweepLimits) {
  const out: SweepFromWorker[] = [];
  const host = new SweepHost((m) => out.push(structuredClone(m)), limits);
  return (m: SweepToWorker) => { out.length = 0; host.handle(m); return out.slice(); };
}

const readers = { kind: 'custom', text: JSON.stringify(readersScenario()) } as const;
const runs = (...values: string[]): ParamPairs[] => values.map((v) => [['readers', v]] as const);

describe('the sweep host', () => {
  it('describes a scenario with its declared parameters and their values', () => {
    const [m] = harness()({ type: 'describe', gen: 1, source: readers, params: [['then', 'exit']] });
    expect(m).toMatchObject({ type: 'described', gen: 1, info: { id: 'readers', custom: true } });
    if (m?.type !== 'described') return;
    expect(m.info.params?.map((p) => [p.name, p.value])).toEqual([['readers', 2], ['pages', 4], ['then', 'exit']]);
  });

  it('reports each run’s counters in order, then the total steps', () => {
    const ms = harness()({ type: 'sweep', gen: 3, source: readers, runs: runs('1', '3', '5') });
    const done = ms.filter((m) => m.type === 'sweep-run');
    expect(done.map((m) => m.run)).toEqual([0, 1, 2]);
    expect(done.map((m) => m.counters['tlb.shootdowns'])).toEqual([1, 3, 5]);
    const steps = done.reduce((a, m) => a + m.steps, 0);
    expect(ms.at(-1)).toEqual({ type: 'sweep-done', gen: 3, steps });
  });

  it('gives the same counters as the same run twice (runs are deterministic)', () => {
    const send = harness();
    const first = send({ type: 'sweep', gen: 1, source: readers, runs: runs('4') });
    const again = send({ type: 'sweep', gen: 2, source: readers, runs: runs('4') });
    expect(again.find((m) => m.type === 'sweep-run')).toEqual({ ...first.find((m) => m.type === 'sweep-run'), gen: 2 });
  });

  it('names the run whose parameter values the scenario refuses, after the runs before it', () => {
    const ms = harness()({ type: 'sweep', gen: 1, source: readers, runs: runs('7', '8') });
    expect(ms.filter((m) => m.type === 'sweep-run')).toHaveLength(1);
    const err = ms.at(-1);
    expect(err).toMatchObject({ type: 'sweep-error', run: 1, kind: 'scenario' });
    if (err?.type !== 'sweep-error') return;
    expect(err.message).toContain('readers=8');
    expect(err.problems[0]).toContain('above its maximum');
  });

  it('refuses a sweep of more runs than a plot may take, before running any', () => {
    const ms = harness()({ type: 'sweep', gen: 1, source: readers, runs: runs(...Array.from({ length: SWEEP_MAX_RUNS + 1 }, () => '1')) });
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ type: 'sweep-error', run: null, kind: 'limit' });
  });

  it('stops a run that passes the per-run step limit, saying how to narrow the sweep', () => {
    const ms = harness({ runs: 10, steps: 1_000_000, stepsPerRun: 100 })({ type: 'sweep', gen: 1, source: readers, runs: runs('1', '7') });
    expect(ms.filter((m) => m.type === 'sweep-run')).toHaveLength(1); // one reader: 72 steps, seven: 138
    expect(ms.at(-1)).toMatchObject({ type: 'sweep-error', run: 1, kind: 'limit', message: 'The run with readers=7 passed 100 steps, the most one run of a plot may take.' });
  });

  it('stops the sweep once all its runs together pass the step budget', () => {
    // Each run takes 72 steps: the third has 6 left.
    const ms = harness({ runs: 10, steps: 150, stepsPerRun: 1_000_000 })({ type: 'sweep', gen: 1, source: readers, runs: runs('1', '1', '1') });
    expect(ms.filter((m) => m.type === 'sweep-run')).toHaveLength(2);
    const err = ms.at(-1);
    expect(err).toMatchObject({ type: 'sweep-error', run: 2, kind: 'limit' });
    if (err?.type === 'sweep-error') expect(err.message).toBe('The sweep passed 150 simulated steps in run 3 (readers=1), the most a plot runs in the browser.');
  });

  it('reports progress within a long run', () => {
    const big = { kind: 'builtin', id: 'postcopy-userfaultfd' } as const;
    const ms = harness()({ type: 'sweep', gen: 1, source: big, runs: [[['vcpus', '8'], ['pages', '256']]] });
    const progress = ms.filter((m) => m.type === 'sweep-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toEqual({ type: 'sweep-progress', gen: 1, run: 0, steps: 20_000 });
  });

  it('refuses an unknown built-in', () => {
    const [m] = harness()({ type: 'describe', gen: 1, source: { kind: 'builtin', id: 'nope' }, params: [] });
    expect(m).toMatchObject({ type: 'sweep-error', kind: 'scenario', message: "There is no built-in scenario 'nope'." });
  });
});
