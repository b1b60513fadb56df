// The comparison's state (zustand): one record per run and the shared cursor. Only the compare
// controller (controller.ts) and the side runners (side-runner.ts) write it.
import { create } from 'zustand';
import type { RunSummary } from '../../sim-core/engine/run';
import type { Side } from '../../sim-core/url';
import type { Failure } from '../shell/ErrorPanel';
import type { Frame } from '../sim/frame';
import type { ScenarioInfo } from '../worker/protocol';

/** One run of the comparison. */
export interface SideState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  /** Steps recorded so far while loading. */
  readonly progress: number;
  readonly info: ScenarioInfo | null;
  readonly total: number | null;
  readonly summary: RunSummary | null;
  /** The frame on screen (its folios are not kept: the comparison does not draw memory). */
  readonly frame: Frame | null;
  readonly failure: Failure | null;
}

/** What the compare store holds. */
export interface CompareState {
  readonly a: SideState;
  readonly b: SideState;
  /** The cursor: the step both runs are asked to show. */
  readonly cursor: number;
  readonly playing: boolean;
  /** A failure of the whole comparison (an unknown scenario, a broken custom link). */
  readonly failure: Failure | null;
  /** A passing remark, e.g. that the link's step was past the end of both runs. */
  readonly notice: string | null;
}

/** A side before anything is loaded. */
export const IDLE_SIDE: SideState = { status: 'idle', progress: 0, info: null, total: null, summary: null, frame: null, failure: null };

/** The store. */
export const useCompareStore = create<CompareState>()(() => ({ a: IDLE_SIDE, b: IDLE_SIDE, cursor: 0, playing: false, failure: null, notice: null }));

/** Merges `patch` into one side. */
export function patchSide(side: Side, patch: Partial<SideState>): void {
  useCompareStore.setState((s) => ({ [side]: { ...s[side], ...patch } }));
}
