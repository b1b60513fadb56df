// Running a program to completion and reporting it the way the CLI prints it (DESIGN.md "Headless CLI").
import { COUNTER_NAMES } from '../model/counters';
import type { World } from '../model/world';
import type { Program } from '../scenarios/program';
import { digestWorld } from './digest';
import type { Engine } from './engine';
import { createEngine, type RunOptions } from './setup';
import type { TaskResult, Violation } from './state';
import { stateName } from './xrun';

/** Steps after which a run is stopped as runaway. */
export const MAX_STEPS = 20_000_000;

/** The outcome of a run. */
export interface RunSummary {
  readonly scenario: string;
  readonly kernel: string;
  readonly steps: number;
  readonly results: readonly TaskResult[];
  readonly counters: Readonly<Record<string, number | readonly number[]>>;
  readonly violations: readonly Violation[];
  readonly digest: string;
  /** Why the run stopped early, if it did. */
  readonly halted: string | null;
  /** Tasks left blocked forever (waiting for something that never happened). */
  readonly stalled: readonly string[];
}

/** Counter values by name, with the derived ones (vmas, per-CPU shootdowns). */
export function counterReport(w: World): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const n of COUNTER_NAMES) out[n] = w.counters.values[n];
  out['tlb.shootdowns.byCpu'] = w.counters.shootdownsByCpu.slice();
  let vmas = 0;
  for (const m of w.mms.values()) vmas += m.vmas.length;
  out.vmas = vmas;
  let time = 0;
  for (const c of w.cpus) time = Math.max(time, c.clock);
  out['time.ns'] = time;
  return out;
}

/** Summarises an engine's current state. */
export function summarize(e: Engine): RunSummary {
  const s = e.state;
  const stalled: string[] = [];
  for (const id of s.taskActors) {
    const a = id === null ? undefined : s.actors.get(id);
    if (a && stateName(a.snapshot) === 'blocked' && a.inbox.length === 0) stalled.push(e.program.tasks[a.task ?? 0]?.name ?? '?');
  }
  return {
    scenario: e.program.scenario.id, kernel: e.program.kernel, steps: s.step, results: s.results, counters: counterReport(s.world),
    violations: s.violations, digest: digestWorld(s.world), halted: s.halted, stalled,
  };
}

/** Runs a program to the end in fast mode (no plans kept in step records). */
export function runProgram(program: Program, opts: RunOptions = {}, maxSteps = MAX_STEPS): RunSummary {
  const e = createEngine(program, opts);
  while (e.step(false)) {
    if (e.state.step >= maxSteps) {
      e.state.halted = `the run exceeded ${maxSteps.toLocaleString('en-US')} steps and was stopped`;
      break;
    }
  }
  return summarize(e);
}
