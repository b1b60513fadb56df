// One loaded run inside the worker: the recording plus a cursor engine parked at the last frame
// shown. Stepping forward advances the cursor by one step (O(1)); anything else restarts it from
// the recording's nearest checkpoint.
import type { Engine } from '../../sim-core/engine/engine';
import { Recording } from '../../sim-core/engine/recording';
import type { Program } from '../../sim-core/scenarios/program';
import { actorId, type ActorId } from '../../sim-core/model/ids';
import { buildFrame } from '../sim/build-frame';
import type { Frame } from '../sim/frame';
import { markersOf } from './markers';
import type { Markers, ScenarioInfo } from './protocol';
import { BROWSER_MAX_STEPS, PROGRESS_EVERY } from './protocol';

/** Forward jumps up to this many steps replay from the cursor instead of a checkpoint. */
const FAST_FORWARD = 1000;

/** Raised for a run the browser should not show; `kind` picks the message's heading. */
export class LoadFailure extends Error {
  constructor(readonly kind: 'choices' | 'scenario' | 'limit', message: string, readonly problems: readonly string[] = []) {
    super(message);
  }
}

/** Header facts from a compiled program. */
export function scenarioInfo(p: Program, custom: boolean): ScenarioInfo {
  const s = p.scenario;
  const params = p.paramDecls.map((d) => ({ ...d, value: p.params[d.name] ?? d.default }));
  return { id: s.id, title: s.title, summary: s.summary, kernel: p.kernel, narration: s.narration ?? null, source: s.source ?? null, custom, params };
}

function checkHalt(rec: Recording): void {
  const halted = rec.summary.halted;
  if (halted === null) return;
  if (rec.length >= BROWSER_MAX_STEPS) {
    throw new LoadFailure('limit', `This run is longer than ${BROWSER_MAX_STEPS.toLocaleString('en-US')} steps, the most the browser records. Run it with the command-line simulator (npm run sim) instead.`);
  }
  if (halted.startsWith('choice at step')) throw new LoadFailure('choices', 'A scheduling choice in this link does not fit the run.', [halted]);
  if (halted.startsWith('tasks[')) throw new LoadFailure('scenario', 'The scenario stopped with an error while running.', [halted]);
}

/** A recorded run and its cursor. */
export class Session {
  private cursor: Engine;
  readonly markers: Markers;

  private constructor(private readonly rec: Recording) {
    this.cursor = rec.engineAt(0);
    this.markers = markersOf(rec.trace);
  }

  /** Records a program to its end (reporting progress), or throws LoadFailure. */
  static record(program: Program, choices: readonly (readonly [number, number])[], onProgress: (steps: number) => void): Session {
    const picks = new Map<number, ActorId>(choices.map(([s, a]) => [s, actorId(a)]));
    const rec = Recording.record(program, { choices: picks }, {
      maxSteps: BROWSER_MAX_STEPS, progressEvery: PROGRESS_EVERY, onProgress: (n) => { onProgress(n); return true; },
    });
    checkHalt(rec);
    return new Session(rec);
  }

  /** Steps in the run. */
  get total(): number {
    return this.rec.length;
  }

  /** The run's outcome. */
  get summary(): Recording['summary'] {
    return this.rec.summary;
  }

  /** The frame after `n` steps (clamped to the run), with the record of step n-1. */
  frameAt(step: number): Frame {
    const n = Math.max(0, Math.min(this.total, Math.floor(step)));
    if (n === 0) {
      this.cursor = this.rec.engineAt(0);
      return buildFrame(this.cursor.state, this.total, null);
    }
    const at = this.cursor.state.step;
    if (!(n > at && n - at <= FAST_FORWARD)) this.cursor = this.rec.engineAt(n - 1);
    while (this.cursor.state.step < n - 1 && this.cursor.step(false));
    const record = this.cursor.step(true);
    return buildFrame(this.cursor.state, this.total, record);
  }
}
