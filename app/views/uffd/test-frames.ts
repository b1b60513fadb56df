// Real frames of the userfaultfd fixture scenarios for unit tests, built as the worker builds them
// (app/views/test/frames.ts does the same for built-ins). Test-only: the app never imports it.
import { Recording } from '../../../sim-core/engine/recording';
import { parseScenario } from '../../../sim-core/scenarios/parse';
import { buildFrame } from '../../sim/build-frame';
import type { Frame } from '../../sim/frame';
import type { StepMatch } from '../test/frames';

const recordings = new Map<unknown, Recording>();

/** The recording of a scenario document (cached per document). */
export function recordDoc(doc: unknown): Recording {
  let r = recordings.get(doc);
  if (!r) {
    r = Recording.record(parseScenario(doc));
    recordings.set(doc, r);
  }
  return r;
}

/** The frame after step `n` of `doc` ran (frame.step = n + 1). */
export function docFrameAfter(doc: unknown, n: number): Frame {
  const rec = recordDoc(doc);
  const { record, after } = rec.stepAt(n);
  return buildFrame(after, rec.length, record);
}

/** The frame after the `nth` step of `doc` matching `m` (fn matches the end of "file: name"). */
export function docFrameWhere(doc: unknown, m: StepMatch, nth = 0): Frame {
  const rec = recordDoc(doc);
  let seen = 0;
  for (let n = 0; n < rec.length; n++) {
    const s = rec.trace.meta(n);
    const ok = (m.kind === undefined || s.kind === m.kind) && (m.from === undefined || s.from === m.from) && (m.to === undefined || s.to === m.to)
      && (m.cpu === undefined || s.cpu === m.cpu) && (m.fn === undefined || s.fn.endsWith(m.fn));
    if (ok && seen++ === nth) return docFrameAfter(doc, n);
  }
  throw new Error(`no step #${nth} matching ${JSON.stringify(m)}`);
}

/** Every frame of `doc`, from the first step's. */
export function docFrames(doc: unknown): Frame[] {
  const rec = recordDoc(doc);
  return Array.from({ length: rec.length }, (_, n) => docFrameAfter(doc, n));
}
