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
import { ResultsDecoder } from '../worker/results-delta';
import { VmaDecoder } from '../worker/vma-delta';
import type { FailureKind, FromWorker } from '../worker/protocol';
import { planWarmUp, renderUnseen, whenIdle, type Warming } from './warm-up';

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
const results = new ResultsDecoder();
const vmas = new VmaDecoder();
let warming: Warming | null = null;
// The step of the warm-up's request in flight (kept when the person's request ends the warm-up).
let warmAsked: number | null = null;
// The first frame of a run is shown: warm the views up once the page is idle (warm-up.ts).
let warmOnShow = false;

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
  warming = null;
  warmAsked = null;
  warmOnShow = false;
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
  warming = null;
  warmAsked = null;
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
  warming = null; // the person's request ends the warm-up; its frame in flight is not shown
  if (!quiet) usePlayerStore.setState({ target: n, notice: null });
  else if (s.notice !== null) usePlayerStore.setState({ notice: null });
  if (inFlight !== null) { queued = n; return; }
  if (n === useSimStore.getState().frame?.step) return;
  ask(n);
}

// The one request in flight: the frame after `step` steps.
function ask(step: number): void {
  inFlight = step;
  link?.send({ type: 'seek', gen, step });
}

// Sends the request queued behind the frame that just came (unless that frame is the one it wants).
function askQueued(arrived: number): void {
  if (queued !== null && queued !== arrived) ask(queued);
  queued = null;
}

/** True when no frame request of the person's is outstanding (playback waits for the last frame before the next). */
export const isIdle = (): boolean => inFlight === null || warming !== null;

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
// `?nowarm` leaves the views cold (no warm-up), to compare with.
const query = new URLSearchParams(location.search);
const timing = query.has('timing');
const warmUp = !query.has('nowarm');

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
  askQueued(frame.step);
  if (warmOnShow && warmUp && inFlight === null) {
    warmOnShow = false;
    const my = gen;
    whenIdle(() => { if (my === gen) startWarmUp(); });
  }
}

// Starts warming up when nothing else is going on: the frame on screen is the one asked for.
function startWarmUp(): void {
  const base = useSimStore.getState().frame;
  const s = usePlayerStore.getState();
  if (!link || !base || s.status !== 'ready' || s.playing || inFlight !== null || wanted !== base.step) return;
  const plan = planWarmUp(base, s.total);
  if (!plan) return;
  warming = { base, todo: plan.todo };
  askWarm(plan.first);
}

function askWarm(step: number): void {
  warmAsked = step;
  ask(step);
}

// A frame the warm-up asked for: render it unseen and ask for the next, or, when the person asked
// for something meanwhile, drop it (showing it if it is the very frame they want) and serve them.
function onWarmFrame(frame: Frame, ms: number): void {
  inFlight = null;
  const w = warming;
  if (w) {
    if (frame.step !== w.base.step) renderUnseen(frame, w.base);
    const [next, ...todo] = w.todo;
    warming = next === undefined ? null : { base: w.base, todo };
    if (next !== undefined) askWarm(next);
    else performance.mark('mmscope:warmed'); // for the tests and profiles
    return;
  }
  if (queued === frame.step) { queued = null; onFrame(frame, ms); return; }
  askQueued(frame.step);
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
      results.reset();
      vmas.reset();
      const asked = run?.step ?? 0;
      useSimStore.getState().setGraphs(m.graphs);
      useSimStore.getState().setScenario(m.info);
      warmOnShow = true;
      usePlayerStore.setState({
        status: 'ready', info: m.info, total: m.total, markers: m.markers, summary: m.summary, target: (wanted = Math.min(asked, m.total)),
        notice: asked > m.total ? `The link asked for step ${asked.toLocaleString('en-US')}; this run has ${m.total.toLocaleString('en-US')} steps, so it opens at the end.` : null,
      });
      return;
    }
    case 'frame': {
      const frame = { ...m.frame, results: results.apply(m.results), mms: vmas.apply(m.frame.mms, m.vmas), memory: { ...m.frame.memory, folios: folios.apply(m.folios) } };
      if (warmAsked !== null && warmAsked === frame.step) { warmAsked = null; onWarmFrame(frame, m.ms); } else onFrame(frame, m.ms);
      return;
    }
    case 'error':
      recording = false;
      fail({ title: TITLES[m.kind], message: m.message, problems: m.problems });
      return;
  }
}
