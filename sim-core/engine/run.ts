// Running a program to completion and reporting it the way the CLI prints it (DESIGN.md "Headless CLI").
import { COUNTER_NAMES } from '../model/counters';
import { hex } from '../model/layout';
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
  /**
   * Tasks left blocked forever: the task's name when it waits for an `after`, or "name: asleep in
   * handle_userfault at <address>, …" when its fault waits for a userfaultfd message nobody resolved,
   * "name: spinning in <machine>: …" when its system call busy-waits for good.
   */
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

// Faults asleep in handle_userfault (fs/userfaultfd.c) whose message is still on fault_pending_wqh
// (never read) or fault_wqh (read, not woken): the task, and why it sleeps.
function userfaultSleepers(w: World): Map<number, string> {
  const out = new Map<number, string>();
  for (const ctx of w.uffds.values()) {
    for (const [msgs, how] of [[ctx.pending, 'queued, never read'], [ctx.read, 'read by a handler, never resolved']] as const) {
      for (const m of msgs) out.set(m.task, `asleep in handle_userfault at ${hex(m.addr)}, waiting for its userfaultfd message to be resolved (uffd ${ctx.fd}: ${how})`);
    }
  }
  return out;
}

// A task whose system call busy-waits for something that never happens (a spinning state, e.g.
// UFFDIO_MOVE retrying a split_folio that a pin refuses): the machine and its state's description.
function spinningForever(e: Engine, task: number): string | undefined {
  for (const a of e.state.actors.values()) {
    const st = stateName(a.snapshot);
    const def = e.defs.get(a.kind);
    if (a.task !== task || a.inbox.length > 0 || !def?.spinning?.has(st)) continue;
    const desc = (def.machine.config.states?.[st] as { description?: string } | undefined)?.description ?? st;
    return `spinning in ${a.kind}: ${desc}, for good`;
  }
  return undefined;
}

/** Summarises an engine's current state. */
export function summarize(e: Engine): RunSummary {
  const s = e.state;
  const stalled: string[] = [];
  const uffd = userfaultSleepers(s.world);
  s.taskActors.forEach((id, t) => {
    const a = id === null ? undefined : s.actors.get(id);
    const name = e.program.tasks[t]?.name ?? '?';
    const why = uffd.get(t) ?? spinningForever(e, t);
    if (a && why !== undefined) stalled.push(`${name}: ${why}`);
    else if (a && stateName(a.snapshot) === 'blocked' && a.inbox.length === 0) stalled.push(name);
  });
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
