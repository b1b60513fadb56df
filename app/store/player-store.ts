// The player's own state (zustand): loading and progress, failures, the run's shape (total steps,
// markers, summary), the requested step and playback. The frame itself lives in sim-store.ts.
import { create } from 'zustand';
import type { RunSummary } from '../../sim-core/engine/run';
import type { Failure } from '../shell/ErrorPanel';
import type { Markers, ScenarioInfo } from '../worker/protocol';

/** Where the player is in loading a run. */
export type PlayerStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Steps per second offered for playback. */
export const SPEEDS = [1, 2, 5, 10, 25, 60, 250, 1000] as const;

/** What the player store holds. */
export interface PlayerState {
  status: PlayerStatus;
  /** Steps recorded so far while loading. */
  progress: number;
  failure: Failure | null;
  info: ScenarioInfo | null;
  total: number;
  markers: Markers | null;
  summary: RunSummary | null;
  /** The step the person asked for (the frame on screen catches up with it). */
  target: number;
  playing: boolean;
  /** Playback speed in steps per second. */
  speed: number;
  /** A passing remark, e.g. that a link's step was past the end of the run. */
  notice: string | null;
  helpOpen: boolean;
}

/** The initial player state (also restored when a run is closed). */
export const PLAYER_IDLE: Omit<PlayerState, 'speed' | 'helpOpen'> = {
  status: 'idle', progress: 0, failure: null, info: null, total: 0, markers: null, summary: null, target: 0, playing: false, notice: null,
};

/** The player store; the controller (app/player/controller.ts) writes it. */
export const usePlayerStore = create<PlayerState>()(() => ({ ...PLAYER_IDLE, speed: 10, helpOpen: false }));
