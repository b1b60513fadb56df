// Messages for sweeps (the plot page): run one scenario many times headless, without recording
// frames, and report each run's counters. A separate union from protocol.ts so the player's message
// handling stays as it is; the same worker script answers both. Types and constants only.
import type { RunSummary } from '../../sim-core/engine/run';
import type { FailureKind, ScenarioInfo, ScenarioSource } from './protocol';

/** Parameter values of one run, as [name, value] pairs. */
export type ParamPairs = readonly (readonly [string, string])[];

/** UI → worker. */
export type SweepToWorker =
  /** Compiles the scenario with `params` and answers with its header facts and declared parameters. */
  | { readonly type: 'describe'; readonly gen: number; readonly source: ScenarioSource; readonly params: ParamPairs }
  /** Runs the scenario once per entry of `runs`, in order. */
  | { readonly type: 'sweep'; readonly gen: number; readonly source: ScenarioSource; readonly runs: readonly ParamPairs[] };

/** Worker → UI. */
export type SweepFromWorker =
  | { readonly type: 'described'; readonly gen: number; readonly info: ScenarioInfo }
  /** Steps so far in run `run` (0-based), sent every SWEEP_PROGRESS_EVERY steps. */
  | { readonly type: 'sweep-progress'; readonly gen: number; readonly run: number; readonly steps: number }
  /** Run `run` finished. */
  | { readonly type: 'sweep-run'; readonly gen: number; readonly run: number; readonly steps: number; readonly counters: RunSummary['counters'] }
  | { readonly type: 'sweep-done'; readonly gen: number; readonly steps: number }
  /** The describe or sweep failed; `run` is the run at fault (null: none in particular). */
  | {
    readonly type: 'sweep-error'; readonly gen: number; readonly run: number | null; readonly kind: FailureKind;
    readonly message: string; readonly problems: readonly string[];
  };

/** Most runs one sweep may ask for. */
export const SWEEP_MAX_RUNS = 200;
/** Most steps one run of a sweep may take. */
export const SWEEP_MAX_STEPS_PER_RUN = 2_000_000;
/** Most steps a whole sweep may take (under a minute of simulation at a few hundred thousand steps a second). */
export const SWEEP_MAX_STEPS = 10_000_000;
/** Steps between progress reports within a run. */
export const SWEEP_PROGRESS_EVERY = 20_000;
