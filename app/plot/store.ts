// The plot page's state (zustand): the plot on screen (its route, which the address shows), the
// scenario's facts, the sweep's plan, the results so far and the progress. The controller writes it.
import { create } from 'zustand';
import type { PlotRoute } from '../../sim-core/url';
import type { Counters } from '../compare/diff';
import type { Failure } from '../shell/ErrorPanel';
import type { ScenarioInfo } from '../worker/protocol';
import type { SweepPlan } from './plan';

/** Where the page is. */
export type PlotStatus = 'idle' | 'describing' | 'sweeping' | 'done' | 'cancelled' | 'error';

/** A failure in the middle of a sweep: the runs before it stay drawn. */
export interface SweepFailure extends Failure {
  /** The run at fault (0-based), or null. */
  readonly run: number | null;
}

/** What the plot store holds. */
export interface PlotState {
  readonly route: PlotRoute | null;
  readonly status: PlotStatus;
  readonly info: ScenarioInfo | null;
  readonly plan: SweepPlan | null;
  /** Counters of each planned run, null until it finishes. */
  readonly results: readonly (Counters | null)[];
  /** The run in progress and its steps so far. */
  readonly progress: { readonly run: number; readonly steps: number } | null;
  /** Steps of the finished sweep, and how long it took (ms). */
  readonly done: { readonly steps: number; readonly ms: number } | null;
  /** The link cannot be drawn: shown instead of the page. */
  readonly failure: Failure | null;
  readonly sweepError: SweepFailure | null;
  /** The data tables are shown, not only read out to screen readers. */
  readonly showData: boolean;
}

/** Nothing loaded. */
export const PLOT_IDLE: Omit<PlotState, 'showData'> = {
  route: null, status: 'idle', info: null, plan: null, results: [], progress: null, done: null, failure: null, sweepError: null,
};

/** The store. */
export const usePlotStore = create<PlotState>()(() => ({ ...PLOT_IDLE, showData: false }));
