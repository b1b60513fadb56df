// Messages between the UI and the simulation worker. Types only: the main bundle imports this file
// without pulling in the engine, which lives in the worker's own chunk.
import type { RunSummary } from '../../sim-core/engine/run';
import type { Frame } from '../sim/frame';
import type { FolioDelta } from './folio-delta';
import type { ResultsDelta } from './results-delta';
import type { VmaDeltas } from './vma-delta';
import type { MachineGraph } from '../sim/graphs';
import { MAX_STEP } from '../../sim-core/url/limits';
import type { ParamDecl } from '../../sim-core/scenarios/params';

/** Which scenario to run. */
export type ScenarioSource =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'custom'; readonly text: string };

/** UI → worker. `gen` numbers loads: replies to an older load are stale and dropped. */
export type ToWorker =
  | {
    readonly type: 'load'; readonly gen: number; readonly source: ScenarioSource;
    /** Scheduling choices as [step, actor] pairs. */
    readonly choices: readonly (readonly [number, number])[];
    readonly params: readonly (readonly [string, string])[];
    /** The step to show once recorded (clamped to the run). */
    readonly step: number;
  }
  | { readonly type: 'seek'; readonly gen: number; readonly step: number };

/** Scenario facts for the header (from the validated document). */
export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly kernel: string;
  readonly narration: string | null;
  readonly source: { readonly thread: string; readonly list: string; readonly date: string; readonly subject: string; readonly author: string } | null;
  readonly custom: boolean;
  /** The scenario's declared parameters with their values in this run (absent or empty: it declares none). */
  readonly params?: readonly ParamInfo[];
}

/** A declared parameter and its value in the run on screen. */
export type ParamInfo = ParamDecl & { readonly value: number | string };

/** Marker kinds on the scrubber. */
export const MARKER_KINDS = ['violation', 'choice', 'ipi', 'fault'] as const;
/** One marker kind. */
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** Scrubber markers: frame positions (step n shows the record of step n-1) per kind, thinned for long runs. */
export interface Markers {
  readonly positions: Readonly<Record<MarkerKind, readonly number[]>>;
  /** Exact counts before thinning. */
  readonly counts: Readonly<Record<MarkerKind, number>>;
}

/** Why a load failed. */
export type FailureKind = 'scenario' | 'choices' | 'limit' | 'internal';

/** Worker → UI. */
export type FromWorker =
  | { readonly type: 'progress'; readonly gen: number; readonly steps: number }
  | {
    readonly type: 'ready'; readonly gen: number; readonly total: number; readonly markers: Markers; readonly summary: RunSummary;
    readonly graphs: Record<string, MachineGraph>; readonly info: ScenarioInfo;
  }
  | {
    /**
     * A frame whose memory.folios, results and mms' VMA lists are empty: the folios and VMAs come as
     * deltas against the previous frame of this load, the results as the part of the run's list the UI lacks.
     */
    readonly type: 'frame'; readonly gen: number; readonly frame: Frame; readonly folios: FolioDelta; readonly results: ResultsDelta; readonly vmas: VmaDeltas;
    /** Time the worker spent building it. */
    readonly ms: number;
  }
  | { readonly type: 'error'; readonly gen: number; readonly kind: FailureKind; readonly message: string; readonly problems: readonly string[] };

/** Longest run the browser records; longer ones are refused (the CLI has no such limit). */
export const BROWSER_MAX_STEPS = MAX_STEP;
/** Most simulated page frames the browser accepts (each frame is redrawn and cloned per step). */
export const BROWSER_MAX_FRAMES = 1 << 21;
/**
 * Most op results a run may produce in the browser. Recording keeps a copy of the results list with
 * every checkpoint, so memory grows with results × checkpoints; a million results exhaust a tab.
 */
export const BROWSER_MAX_RESULTS = 20_000;
/** Steps between progress reports while recording. */
export const PROGRESS_EVERY = 10_000;
