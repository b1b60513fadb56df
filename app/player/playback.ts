// Playback and navigation commands shared by the buttons and the keyboard. Playback asks for the
// next frame only once the previous one arrived, so a slow frame slows playback instead of queueing;
// above the display's frame rate it advances several steps per request to keep the chosen speed.
import { usePlayerStore } from '../store/player-store';
import { MARKER_KINDS, type Markers } from '../worker/protocol';
import { isIdle, seek, wantedStep } from './controller';

let raf = 0;
let last = 0;

function tick(now: number): void {
  const s = usePlayerStore.getState();
  if (!s.playing) return;
  if (wantedStep() >= s.total) {
    if (isIdle()) { pause(); return; }
  } else if (isIdle()) {
    const interval = 1000 / s.speed;
    const due = Math.floor((now - last) / interval);
    if (due >= 1) {
      last = due > 1000 ? now : last + due * interval;
      seek(wantedStep() + Math.min(due, 1000), true);
    }
  }
  raf = requestAnimationFrame(tick);
}

/** Starts playback (from the start when at the end). */
export function play(): void {
  const s = usePlayerStore.getState();
  if (s.status !== 'ready' || s.total === 0) return;
  if (wantedStep() >= s.total) seek(0, true);
  cancelAnimationFrame(raf);
  usePlayerStore.setState({ playing: true });
  last = performance.now();
  raf = requestAnimationFrame(tick);
}

/** Stops playback. */
export function pause(): void {
  cancelAnimationFrame(raf);
  usePlayerStore.setState({ playing: false });
}

/** Play or pause. */
export function togglePlay(): void {
  if (usePlayerStore.getState().playing) pause();
  else play();
}

/** Moves by `delta` steps from the requested step (a manual step pauses playback). */
export function stepBy(delta: number): void {
  pause();
  seek(wantedStep() + delta, true);
}

/** Jumps to a step (pausing playback). */
export function jumpTo(step: number): void {
  pause();
  seek(step, true);
}

/** All marker positions, sorted and without duplicates. */
export function allMarkers(m: Markers | null): number[] {
  if (!m) return [];
  return [...new Set(MARKER_KINDS.flatMap((k) => m.positions[k]))].sort((a, b) => a - b);
}

let cache: { markers: Markers | null; list: number[] } = { markers: null, list: [] };

/** Jumps to the next (dir 1) or previous (dir -1) marked step, if any. */
export function jumpToMarker(dir: 1 | -1): void {
  const s = usePlayerStore.getState();
  if (cache.markers !== s.markers) cache = { markers: s.markers, list: allMarkers(s.markers) };
  const list = cache.list;
  const at = wantedStep();
  const next = dir > 0 ? list.find((p) => p > at) : list.findLast((p) => p < at);
  if (next !== undefined) jumpTo(next);
}

/** Sets the playback speed (steps per second). */
export function setSpeed(speed: number): void {
  usePlayerStore.setState({ speed });
}
