// The comparison's controller: opens both runs of the route, moves the shared cursor, plays, and
// keeps the address in step with the cursor. A route change reloads only the side whose run changed;
// a change of step alone only moves the cursor.
import { resolveSource } from '../shell/scenario-source';
import { type CompareRoute, formatCompare, formatScenarioRef, type Side, sideKey } from '../../sim-core/url';
import { cancelHashUpdate, replaceHashSoon } from '../router/hash';
import type { ScenarioSource } from '../worker/protocol';
import { cursorEnd } from './cursor';
import { SideRunner } from './side-runner';
import { IDLE_SIDE, useCompareStore } from './store';

const SIDES: readonly Side[] = ['a', 'b'];
const runners: Record<Side, SideRunner> = { a: new SideRunner('a', onSideChange), b: new SideRunner('b', onSideChange) };
let route: CompareRoute | null = null;
let keys = { scenario: '', a: '', b: '' };
let source: ScenarioSource | null = null;
let gen = 0;
let timer: ReturnType<typeof setInterval> | null = null;
/** Steps per second while playing. */
const SPEED = 10;

/** The cursor's last position, from the runs known so far. */
export function endOfRuns(): number {
  const s = useCompareStore.getState();
  return cursorEnd([s.a.total, s.b.total]);
}

/** Shows the comparison a route names (called whenever the route changes). */
export async function applyRoute(r: CompareRoute): Promise<void> {
  route = r;
  const scenario = formatScenarioRef(r.scenario);
  if (scenario !== keys.scenario) {
    closeCompare();
    route = r;
    keys.scenario = scenario;
    useCompareStore.setState({ cursor: r.step ?? 0 });
    const my = ++gen;
    const resolved = await resolveSource(r.scenario);
    if (my !== gen) return;
    if (!('kind' in resolved)) { useCompareStore.setState({ failure: resolved }); return; }
    source = resolved;
  }
  if (!source || !route) return;
  useCompareStore.setState({ cursor: route.step ?? 0, notice: null });
  for (const side of SIDES) {
    const key = sideKey(route, side);
    if (key === keys[side]) { runners[side].seek(route.step ?? 0); continue; }
    keys[side] = key;
    runners[side].open(source, side === 'a' ? route.a : route.b, route.step ?? 0);
  }
}

/** Leaves the comparison: stops both workers and forgets everything. */
export function closeCompare(): void {
  gen++;
  pause();
  for (const side of SIDES) runners[side].close();
  route = null;
  source = null;
  keys = { scenario: '', a: '', b: '' };
  cancelHashUpdate();
  useCompareStore.setState({ a: IDLE_SIDE, b: IDLE_SIDE, cursor: 0, failure: null, notice: null });
}

/** The route on screen with the cursor at `step`. */
export const routeAt = (step: number): CompareRoute | null => (route ? { ...route, step } : null);

/** Moves the cursor to `step` (clamped to the longer run) and asks both runs for their frames. */
export function seekTo(step: number): void {
  const n = Math.max(0, Math.min(endOfRuns(), Math.round(step)));
  useCompareStore.setState({ cursor: n, notice: null });
  for (const side of SIDES) runners[side].seek(n);
  const r = routeAt(n);
  if (r) replaceHashSoon(formatCompare(r));
}

/** Moves the cursor by `delta` steps. */
export const stepBy = (delta: number): void => seekTo(useCompareStore.getState().cursor + delta);

// Once neither run is loading, a cursor past the end of both runs goes to the end of the longer.
function onSideChange(): void {
  const s = useCompareStore.getState();
  if (s.a.status === 'loading' || s.b.status === 'loading') return;
  const end = endOfRuns();
  if (s.cursor <= end || (s.a.total === null && s.b.total === null)) return;
  const asked = s.cursor;
  seekTo(end);
  useCompareStore.setState({ notice: `The link asked for step ${asked.toLocaleString('en-US')}; the longer run has ${end.toLocaleString('en-US')} steps, so the comparison opens at its end.` });
}

/** Stops playback. */
export function pause(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
  if (useCompareStore.getState().playing) useCompareStore.setState({ playing: false });
}

// Playback waits for both runs' frames before the next step, so a slow side is never skipped over.
function tick(): void {
  if (!runners.a.idle() || !runners.b.idle()) return;
  const { cursor } = useCompareStore.getState();
  if (cursor >= endOfRuns()) { pause(); return; }
  seekTo(cursor + 1);
}

/** Plays from the cursor (from the start when it is at the end), or pauses. */
export function togglePlay(): void {
  if (timer !== null) { pause(); return; }
  if (endOfRuns() === 0) return;
  if (useCompareStore.getState().cursor >= endOfRuns()) seekTo(0);
  useCompareStore.setState({ playing: true });
  timer = setInterval(tick, 1000 / SPEED);
}
