// Real frames for tests: scenarios recorded once per test file, frames built as the worker does.
import { Recording } from '../../../sim-core/engine/recording';
import { builtin } from '../../../sim-core/scenarios/library';
import { buildFrame } from '../../sim/build-frame';
import type { Frame } from '../../sim/frame';

const recordings = new Map<string, Recording>();

/** The recording of a built-in scenario (cached). */
export function recording(id: string): Recording {
  let r = recordings.get(id);
  if (!r) {
    const p = builtin(id);
    if (!p) throw new Error(`no built-in scenario ${id}`);
    r = Recording.record(p);
    recordings.set(id, r);
  }
  return r;
}

/** The frame after step `n` ran (frame.step = n + 1, frame.record = step n). */
export function frameAfter(id: string, n: number): Frame {
  const rec = recording(id);
  const { record, after } = rec.stepAt(n);
  return buildFrame(after, rec.length, record);
}

/** What a step must match (fn matches the end of "file: name"). */
export interface StepMatch { readonly kind?: string; readonly from?: string; readonly to?: string; readonly cpu?: number; readonly fn?: string }

/**
 * The index of the `nth` (0-based) step of scenario `id` matching `m`, read from the compact trace.
 * Tests name steps by what they do, so they survive changes to how many steps a run takes.
 */
export function stepOf(id: string, m: StepMatch, nth = 0): number {
  const rec = recording(id);
  let seen = 0;
  for (let n = 0; n < rec.length; n++) {
    const s = rec.trace.meta(n);
    const ok = (m.kind === undefined || s.kind === m.kind) && (m.from === undefined || s.from === m.from) && (m.to === undefined || s.to === m.to)
      && (m.cpu === undefined || s.cpu === m.cpu) && (m.fn === undefined || s.fn.endsWith(m.fn));
    if (ok && seen++ === nth) return n;
  }
  throw new Error(`${id}: no step #${nth} matching ${JSON.stringify(m)}`);
}

/** The frame after the `nth` step matching `m`. */
export function frameWhere(id: string, m: StepMatch, nth = 0): Frame {
  return frameAfter(id, stepOf(id, m, nth));
}

/** The first mm of a frame (throws when there is none, to keep tests short). */
export function firstMm(f: Frame): Frame['mms'][number] {
  const m = f.mms[0];
  if (!m) throw new Error(`frame ${f.step} has no mm`);
  return m;
}
