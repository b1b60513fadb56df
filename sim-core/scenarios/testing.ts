// Helpers for tests: build a scenario from a few tasks and run it.
import type { Engine } from '../engine/engine';
import { runProgram, type RunSummary } from '../engine/run';
import { createEngine } from '../engine/setup';
import { parseScenario } from './parse';
import type { Scenario, ScenarioOp, ScenarioTask } from './schema';

/** A minimal valid scenario around the given tasks. */
export function scenario(tasks: ScenarioTask[], extra: Partial<Scenario> = {}): Scenario {
  return { v: 1, id: 'test', title: 'test', summary: 'test', machine: { cpus: Math.max(2, tasks.length), nodes: 1, framesPerNode: 4096 }, tasks, ...extra };
}

/** Parses and runs a scenario object to its end. */
export function run(s: Scenario): RunSummary {
  return runProgram(parseScenario(s));
}

/** The result `index` of task `task`. */
export function result(r: RunSummary, task: string, index: number) {
  const x = r.results.find((y) => y.task === task && y.index === index);
  if (!x) throw new Error(`no result ${task}#${index}`);
  return x;
}

/** Runs a scenario to its end and returns the engine, for tests that inspect the final world. */
export function runEngine(s: Scenario): Engine {
  const e = createEngine(parseScenario(s));
  while (e.step(false));
  return e;
}

/**
 * The userfaultfd tests' opening: `reg` (`pages` pages) registered MISSING on uffd `u`, and `src`
 * (`pages` pages) with its first four pages written, so they are exclusive anonymous pages.
 */
export function uffdMissingBase(pages: number): ScenarioOp[] {
  return [
    { op: 'mmap', as: 'reg', pages, prot: 'rw' },
    { op: 'mmap', as: 'src', pages, prot: 'rw' },
    { op: 'write', addr: 'src[0..3]', value: 'S' },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'reg', pages, mode: ['missing'] },
  ];
}
