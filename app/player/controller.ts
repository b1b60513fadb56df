// The player's controller: opens runs in the worker, asks it for frames and keeps the address in
// step with what is on screen. Seeks are coalesced: one request in flight, and only the newest
// queued behind it, so scrubbing never builds a backlog.
import { resolveSource } from '../shell/scenario-source';
import { formatHash, type RunRoute } from '../../sim-core/url';
import { cancelHashUpdate, replaceHashNow, replaceHashSoon } from '../router/hash';
import type { Failure } from '../shell/ErrorPanel';
import type { Frame } from '../sim/frame';
import { PLAYER_IDLE, usePlayerStore } from '../store/player-store';
import { useSimStore } from '../store/sim-store';
import { spawnSimWorker, type WorkerLink } from '../worker/client';
import { FolioDecoder } from '../worker/folio-delta';
import type { FailureKind, FromWorker } from '../worker/protocol';

let link: WorkerLink | null = null;
let gen = 0;
let recording = false;
let inFlight: number | null = null;
let queued: number | null = null;
let run: RunRoute | null = null;
// The newest step asked for. Key steps and playback publish it with the frame that answers them,
// so a step costs one render and one paint, not two (measured with `npm run bench:app`).
let wanted = 0;
const folios = new FolioDecoder();

const TITLES: Record<FailureKind, string> = {
  scenario: 'This scenario cannot run', choices: 'This link’s choices do not fit the run',
  limit: 'This run is too large for the browser', internal: 'The simulator failed',
};

function worker(): WorkerLink {
  link ??= spawnSimWorker(onMessage, (message) => {
    dropWorker();
    fail({ title: TITLES.internal, message: `The simulator stopped unexpectedly: ${message}`, problems: [] });
  });
  return link;
}

function dropWorker(): void {
  link?.terminate();
  link = null;
  recording = false;
}

function fail(failure: Failure): void {
  usePlayerStore.setState({ status: 'error', failure, playing: false });
}

/** Opens a run: resolves the link, then records it in the worker and shows `route.step`. */
export async function openRun(route: RunRoute): Promise<void> {
  const my = ++gen;
  cancelHashUpdate(); // a queued address of the previous run must not overwrite this one
  run = route;
  inFlight = route.step ?? 0;
  wanted = inFlight;
  queued = null;
  usePlayerStore.setState({ ...PLAYER_IDLE, status: 'loading', target: route.step ?? 0 });
  useSimStore.setState({ frame: null, scenario: null, selection: null, hover: null });
  const source = await resolveSource(route);
  if (my !== gen) return;
  if (!('kind' in source)) { fail(source); return; }
  if (recording) dropWorker(); // the old recording would hold the worker; start afresh
  recording = true;
  worker().send({ type: 'load', gen: my, source, choices: [...route.choices], params: [...route.params], step: route.step ?? 0 });
}

/** Stops a recording in progress. */
export function cancelRun(): void {
  if (!recording) return;
  dropWorker();
  gen++;
  const steps = usePlayerStore.getState().progress;
  fail({ title: 'Recording cancelled', message: `The run was stopped after ${steps.toLocaleString('en-US')} steps.`, problems: [] });
}

/** Leaves the player: forgets the run (the worker stays for the next one unless it is busy). */
export function closeRun(): void {
  gen++;
  if (recording) dropWorker();
  run = null;
  cancelHashUpdate();
  usePlayerStore.setState({ ...PLAYER_IDLE });
  useSimStore.setState({ frame: null, scenario: null, selection: null, hover: null });
}

/** The newest step asked for (what the next relative step counts from). */
export const wantedStep = (): number => wanted;

/**
 * Asks for the frame after `step` steps (clamped); the newest request wins. A `quiet` request
 * (keys, buttons, playback) leaves the timeline alone until its frame arrives; the scrubber's own
 * drags are not quiet, so its thumb follows the pointer.
 */
export function seek(step: number, quiet = false): void {
  const s = usePlayerStore.getState();
  if (s.status !== 'ready' || !link) return;
  const n = Math.max(0, Math.min(s.total, Math.round(step)));
  wanted = n;
  if (!quiet) usePlayerStore.setState({ target: n, notice: null });
  else if (s.notice !== null) usePlayerStore.setState({ notice: null });
  if (inFlight !== null) { queued = n; return; }
  if (n === useSimStore.getState().frame?.step) return;
  inFlight = n;
  link.send({ type: 'seek', gen, step: n });
}

/** True when no frame request is outstanding (playback waits for the last frame before the next). */
export const isIdle = (): boolean => inFlight === null;

/** Re-runs with a scheduling choice: at `step`, `actor` runs (later choices are dropped). */
export function choose(step: number, actor: number): void {
  if (!run) return;
  const choices = new Map([...run.choices].filter(([s]) => s < step));
  choices.set(step, actor);
  const next: RunRoute = { ...run, choices, step: step + 1 };
  replaceHashNow(formatHash(next));
  void openRun(next);
}

/** The route of the run on screen at `step` (what the address shows). */
export const routeAt = (step: number): RunRoute | null => (run ? { ...run, step } : null);

// Opt-in timing for the benchmark (`?timing` before the hash): User Timing entries per frame.
const timing = new URLSearchParams(location.search).has('timing');

function onFrame(frame: Frame, workerMs: number): void {
  if (timing) {
    const now = performance.now();
    performance.measure('mmscope:worker', { start: now - workerMs, duration: workerMs });
    requestAnimationFrame(() => performance.measure('mmscope:commit', { start: now, end: performance.now() }));
  }
  inFlight = null;
  useSimStore.getState().setFrame(frame);
  if (queued === null && usePlayerStore.getState().target !== wanted) usePlayerStore.setState({ target: wanted });
  const r = routeAt(frame.step);
  if (r) replaceHashSoon(formatHash(r));
  if (queued !== null && queued !== frame.step && link) {
    inFlight = queued;
    link.send({ type: 'seek', gen, step: queued });
  }
  queued = null;
}

function onMessage(m: FromWorker): void {
  if (m.gen !== gen) return;
  switch (m.type) {
    case 'progress':
      usePlayerStore.setState({ progress: m.steps });
      return;
    case 'ready': {
      recording = false;
      folios.reset();
      const asked = run?.step ?? 0;
      useSimStore.getState().setGraphs(m.graphs);
      useSimStore.getState().setScenario(m.info);
      usePlayerStore.setState({
        status: 'ready', info: m.info, total: m.total, markers: m.markers, summary: m.summary, target: (wanted = Math.min(asked, m.total)),
        notice: asked > m.total ? `The link asked for step ${asked.toLocaleString('en-US')}; this run has ${m.total.toLocaleString('en-US')} steps, so it opens at the end.` : null,
      });
      return;
    }
    case 'frame':
      onFrame({ ...m.frame, memory: { ...m.frame.memory, folios: folios.apply(m.folios) } }, m.ms);
      return;
    case 'error':
      recording = false;
      fail({ title: TITLES[m.kind], message: m.message, problems: m.problems });
      return;
  }
}
