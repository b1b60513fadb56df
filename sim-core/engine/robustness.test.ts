// Random races (threads, fork children and userfaultfd handlers working on the same memory) must
// run to their end: no engine exception, no broken invariant, no run that never ends. Each case
// that broke one of these once is a kernel behaviour now modelled (see the git log); a failure
// prints the scenario to replay with `npm run sim`.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parse';
import { randomMemScenario, randomUffdScenario, Rng } from '../scenarios/random';
import type { Scenario } from '../scenarios/schema';
import { runProgram } from './run';

const MAX_STEPS = 200_000;

function problem(s: Scenario): string | null {
  let program;
  try {
    program = parseScenario(s);
  } catch {
    return null; // a generated op the validator refuses (e.g. an unpin of a pin named later) is not the engine's
  }
  try {
    const r = runProgram(program, {}, MAX_STEPS);
    if (r.halted?.includes('exceeded')) return `never ends: ${r.halted}`;
    if (r.violations.length) return `invariant: ${r.violations[0]?.message ?? ''}`;
    return null;
  } catch (e) {
    return `engine exception: ${(e as Error).message}`;
  }
}

function sweep(make: (r: Rng) => Scenario, seed: number, count: number): string[] {
  const r = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = make(r);
    const p = problem(s);
    if (p) out.push(`${p}\n${JSON.stringify(s)}`);
  }
  return out;
}

describe('random races', () => {
  it('of threads and a fork child over one region (THP, reclaim, migration, pins) all run to their end with no broken invariant', () => {
    expect(sweep(randomMemScenario, 2, 60)).toEqual([]);
  });

  it('of userfaultfd handlers, faulting threads, exits and forks all run to their end with no broken invariant', () => {
    expect(sweep(randomUffdScenario, 73, 120)).toEqual([]);
  });
});
