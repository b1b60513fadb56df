// One run of a comparison in its own worker: records it, then answers the shared cursor with frames.
// Seeks are coalesced as in the player: one request in flight, only the newest queued behind it.
import type { Side } from '../../sim-core/url';
import { spawnSimWorker, type WorkerLink } from '../worker/client';
import type { FailureKind, FromWorker, ScenarioSource } from '../worker/protocol';
import { sideStep } from './cursor';
import { IDLE_SIDE, patchSide, useCompareStore } from './store';

const TITLES: Record<FailureKind, string> = {
  scenario: 'This run cannot start', choices: 'This run’s choices do not fit it',
  limit: 'This run is too large for the browser', internal: 'The simulator failed',
};

/** Drives one side's worker; `onChange` hears when the side became ready, failed or showed a frame. */
export class SideRunner {
  private link: WorkerLink | null = null;
  private gen = 0;
  private inFlight: number | null = null;
  private queued: number | null = null;

  constructor(private readonly side: Side, private readonly onChange: () => void) {}

  /** Records the run with `params` in a fresh worker and shows `step` (clamped) once it is ready. */
  open(source: ScenarioSource, params: ReadonlyMap<string, string>, step: number): void {
    this.close();
    const gen = this.gen;
    patchSide(this.side, { ...IDLE_SIDE, status: 'loading' });
    this.link = spawnSimWorker((m) => this.onMessage(gen, m), (message) => this.crash(gen, message));
    this.inFlight = step;
    this.link.send({ type: 'load', gen, source, choices: [], params: [...params], step });
  }

  /** Asks for the frame at the cursor, clamped to this run (the newest request wins). */
  seek(cursor: number): void {
    const s = useCompareStore.getState()[this.side];
    if (s.status !== 'ready' || s.total === null || !this.link) return;
    const n = sideStep(cursor, s.total);
    if (this.inFlight !== null) { this.queued = n; return; }
    if (n === s.frame?.step) return;
    this.inFlight = n;
    this.link.send({ type: 'seek', gen: this.gen, step: n });
  }

  /** True when no frame request is outstanding. */
  idle(): boolean {
    return this.inFlight === null;
  }

  /** Stops the worker and forgets the run. */
  close(): void {
    this.link?.terminate();
    this.link = null;
    this.gen++;
    this.inFlight = null;
    this.queued = null;
    patchSide(this.side, IDLE_SIDE);
  }

  private crash(gen: number, message: string): void {
    if (gen !== this.gen) return;
    this.link?.terminate();
    this.link = null;
    patchSide(this.side, { status: 'error', failure: { title: TITLES.internal, message: `The simulator stopped unexpectedly: ${message}`, problems: [] } });
    this.onChange();
  }

  private onMessage(gen: number, m: FromWorker): void {
    if (gen !== this.gen || m.gen !== gen) return;
    switch (m.type) {
      case 'progress': patchSide(this.side, { progress: m.steps }); return;
      case 'ready':
        patchSide(this.side, { status: 'ready', info: m.info, total: m.total, summary: m.summary });
        this.onChange();
        return;
      case 'frame': this.onFrame(m.frame); return;
      case 'error':
        this.inFlight = null;
        patchSide(this.side, { status: 'error', failure: { title: TITLES[m.kind], message: m.message, problems: m.problems } });
        this.onChange();
        return;
    }
  }

  private onFrame(frame: Extract<FromWorker, { type: 'frame' }>['frame']): void {
    this.inFlight = null;
    patchSide(this.side, { frame });
    const next = this.queued;
    this.queued = null;
    if (next !== null && next !== frame.step && this.link) {
      this.inFlight = next;
      this.link.send({ type: 'seek', gen: this.gen, step: next });
    }
    this.onChange();
  }
}
