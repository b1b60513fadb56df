// A whole run kept for time travel: the compact trace plus checkpoints of the full state. Seeking to
// step n restores the nearest earlier checkpoint and replays; the replay is exact because a run is
// determined by (program, choices). Checkpoints are thinned (every other one dropped, the interval
// doubled) when they would exceed a memory budget, so memory stays bounded on long runs.
import type { ActorId } from '../model/ids';
import { worldSize } from '../model/world';
import type { Program } from '../scenarios/program';
import type { Engine, StepRecord } from './engine';
import { MAX_STEPS, type RunSummary, summarize } from './run';
import { createEngine, engineFrom, type RunOptions } from './setup';
import { cloneState, type SimState } from './state';
import { Trace } from './trace';
import { stateName, type XRunner } from './xrun';

/** Tunables for recording. */
export interface RecordLimits {
  readonly maxSteps: number;
  /** Bytes of checkpoints to keep at most (estimated). */
  readonly checkpointBudget: number;
  /** Called every `progressEvery` steps (for a progress bar); return false to cancel. */
  readonly onProgress?: (steps: number) => boolean;
  readonly progressEvery: number;
}

const DEFAULT_LIMITS: RecordLimits = { maxSteps: MAX_STEPS, checkpointBudget: 256 * 1024 * 1024, progressEvery: 50_000 };
/** Bytes a checkpoint costs per unit of worldSize (measured roughly: slots, objects, Map entries). */
const BYTES_PER_UNIT = 96;

interface Checkpoint { readonly step: number; readonly state: SimState; readonly bytes: number }

/** A recorded run. */
export class Recording {
  readonly trace = new Trace();
  private readonly checkpoints: Checkpoint[] = [];
  private interval = 1000;
  private lastCheckpoint = 0;
  private bytes = 0;
  /** The final summary. */
  summary!: RunSummary;
  cancelled = false;
  private xr!: XRunner;

  private constructor(readonly program: Program, readonly choices: ReadonlyMap<number, ActorId>) {}

  /** Runs the program to its end, recording it. */
  static record(program: Program, opts: RunOptions = {}, limits: Partial<RecordLimits> = {}): Recording {
    const lim = { ...DEFAULT_LIMITS, ...limits };
    const rec = new Recording(program, opts.choices ?? new Map());
    const e = createEngine(program, opts);
    rec.xr = e.xr;
    rec.checkpoint(e.state);
    for (let r = e.step(false); r; r = e.step(false)) {
      rec.trace.push(r);
      const n = e.state.step;
      if (n - rec.lastCheckpoint >= rec.interval) rec.checkpoint(e.state);
      if (n >= lim.maxSteps) { e.state.halted = `the run exceeded ${lim.maxSteps.toLocaleString('en-US')} steps and was stopped`; break; }
      if (lim.onProgress && n % lim.progressEvery === 0 && !lim.onProgress(n)) { rec.cancelled = true; break; }
    }
    rec.summary = summarize(e);
    return rec;
  }

  private checkpoint(s: SimState): void {
    this.lastCheckpoint = s.step;
    const size = worldSize(s.world);
    const bytes = size * BYTES_PER_UNIT;
    this.checkpoints.push({ step: s.step, state: cloneState(s), bytes });
    this.bytes += bytes;
    // Cloning costs ~size; keep that a small fraction of the steps between checkpoints. size/8 (not
    // size/4) halves the replay of a far seek: `npm run bench` seek p95 23.6 → 14.1 ms in the
    // 110,000-step trace, for 15 % more recording time (1.25 → 1.44 s) within the same memory budget.
    this.interval = Math.max(this.interval, Math.ceil(size / 8));
    while (this.bytes > DEFAULT_LIMITS.checkpointBudget && this.checkpoints.length > 2) this.thin();
  }

  private thin(): void {
    const kept = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.checkpoints.length = 0;
    this.checkpoints.push(...kept);
    this.bytes = kept.reduce((a, c) => a + c.bytes, 0);
    this.interval *= 2;
  }

  /** Number of steps recorded. */
  get length(): number {
    return this.trace.length;
  }

  /** Checkpoints held, for the benchmark's report. */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** An engine positioned after `n` steps (0 = the initial state), restored from a checkpoint and replayed. */
  engineAt(n: number): Engine {
    if (n < 0 || n > this.length) throw new RangeError(`step ${n} is outside the run (0..${this.length})`);
    let cp = this.checkpoints[0] as Checkpoint;
    for (const c of this.checkpoints) if (c.step <= n) cp = c;
    const e = engineFrom(this.program, cloneState(cp.state), this.xr, this.choices);
    while (e.state.step < n && e.step(false));
    return e;
  }

  /** The state after `n` steps. */
  stateAt(n: number): SimState {
    return this.engineAt(n).state;
  }

  /** The actors that could run as step n (the choice a person may make there), default first. */
  candidatesAt(n: number): { actor: number; kind: string; cpu: number; task: number | null; state: string }[] {
    const e = this.engineAt(n);
    return e.runnable().map((c) => ({ actor: c.actor.id, kind: c.actor.kind, cpu: c.actor.cpu, task: c.actor.task, state: stateName(c.actor.snapshot) }));
  }

  /** Step n in full (narration, plan, violations) and the state right after it. */
  stepAt(n: number): { record: StepRecord; after: SimState } {
    const e = this.engineAt(n);
    const record = e.step(true);
    if (!record) throw new RangeError(`step ${n} did not run`);
    return { record, after: e.state };
  }
}
