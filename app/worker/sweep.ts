// Sweeps inside the worker: each run steps the engine to its end in fast mode (no recording, no
// frames, no digest), then reports its counters. Runs go one after another; the UI cancels a sweep by
// terminating the worker, since a synchronous loop cannot read a cancel message.
import { counterReport } from '../../sim-core/engine/run';
import { createEngine } from '../../sim-core/engine/setup';
import { checkSize, compile } from './host';
import type { ScenarioSource } from './protocol';
import { LoadFailure, scenarioInfo } from './session';
import {
  type ParamPairs, SWEEP_MAX_RUNS, SWEEP_MAX_STEPS, SWEEP_MAX_STEPS_PER_RUN, SWEEP_PROGRESS_EVERY, type SweepFromWorker, type SweepToWorker,
} from './sweep-protocol';

type Post = (m: SweepFromWorker) => void;
type Sweep = Extract<SweepToWorker, { type: 'sweep' }>;

const n = (x: number): string => x.toLocaleString('en-US');
const named = (params: ParamPairs): string => (params.length ? params.map(([k, v]) => `${k}=${v}`).join(', ') : 'the defaults');

/** A failure of one run of a sweep. */
class RunFailure extends LoadFailure {
  constructor(readonly run: number, kind: LoadFailure['kind'], message: string, problems: readonly string[] = []) {
    super(kind, message, problems);
  }
}

/** The limits a sweep runs under (tests lower them). */
export interface SweepLimits { readonly runs: number; readonly steps: number; readonly stepsPerRun: number }

const LIMITS: SweepLimits = { runs: SWEEP_MAX_RUNS, steps: SWEEP_MAX_STEPS, stepsPerRun: SWEEP_MAX_STEPS_PER_RUN };

/** Answers describe and sweep messages. */
export class SweepHost {
  constructor(private readonly post: Post, private readonly limits: SweepLimits = LIMITS) {}

  /** Handles one message from the UI. */
  handle(msg: SweepToWorker): void {
    try {
      switch (msg.type) {
        case 'describe':
          this.post({ type: 'described', gen: msg.gen, info: scenarioInfo(compile(msg.source, msg.params), msg.source.kind === 'custom') });
          return;
        case 'sweep': this.sweep(msg); return;
      }
    } catch (e) {
      const run = e instanceof RunFailure ? e.run : null;
      if (e instanceof LoadFailure) this.post({ type: 'sweep-error', gen: msg.gen, run, kind: e.kind, message: e.message, problems: e.problems });
      else this.post({ type: 'sweep-error', gen: msg.gen, run, kind: 'internal', message: `The simulator failed: ${e instanceof Error ? e.message : String(e)}`, problems: [] });
    }
  }

  private sweep(msg: Sweep): void {
    const max = this.limits.runs;
    if (msg.runs.length > max) throw new LoadFailure('limit', `The sweep asks for ${n(msg.runs.length)} runs; a plot runs at most ${n(max)}.`);
    let total = 0;
    msg.runs.forEach((params, run) => {
      total += this.runOne(msg, run, params, this.limits.steps - total);
    });
    this.post({ type: 'sweep-done', gen: msg.gen, steps: total });
  }

  /** Runs one program to its end and posts its counters; returns its steps. */
  private runOne(msg: Sweep, run: number, params: ParamPairs, budget: number): number {
    const program = this.program(msg.source, run, params);
    const e = createEngine(program);
    const cap = Math.min(this.limits.stepsPerRun, budget);
    while (e.step(false)) {
      const steps = e.state.step;
      if (steps % SWEEP_PROGRESS_EVERY === 0) this.post({ type: 'sweep-progress', gen: msg.gen, run, steps });
      if (steps >= cap) throw this.tooLong(run, params, cap === budget);
    }
    const halted = e.state.halted;
    if (halted !== null) throw new RunFailure(run, 'scenario', `The run with ${named(params)} stopped with an error.`, [halted]);
    this.post({ type: 'sweep-run', gen: msg.gen, run, steps: e.state.step, counters: counterReport(e.state.world) });
    return e.state.step;
  }

  private program(source: ScenarioSource, run: number, params: ParamPairs) {
    try {
      const p = compile(source, params);
      checkSize(p);
      return p;
    } catch (e) {
      if (e instanceof LoadFailure) throw new RunFailure(run, e.kind, `The run with ${named(params)}: ${e.message}`, e.problems);
      throw e;
    }
  }

  private tooLong(run: number, params: ParamPairs, sweepWide: boolean): RunFailure {
    const message = sweepWide
      ? `The sweep passed ${n(this.limits.steps)} simulated steps in run ${run + 1} (${named(params)}), the most a plot runs in the browser.`
      : `The run with ${named(params)} passed ${n(this.limits.stepsPerRun)} steps, the most one run of a plot may take.`;
    return new RunFailure(run, 'limit', message, ['narrow the range (from, to), raise the increment (by) or drop the series']);
  }
}
