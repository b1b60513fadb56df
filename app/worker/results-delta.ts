// Op results travel to the UI as what the UI does not have yet. Within one run a frame's results are
// always a prefix of the run's full list (results are only ever appended), so the UI keeps the
// longest prefix it has seen and each frame says how much of it to show, plus any results past it.
// A run of thousands of ops otherwise cloned its whole results list with every step.
import type { Frame } from '../sim/frame';

/** One op result as frames list them. */
export type FrameResult = Frame['results'][number];

/** A frame's results: the first `count` of the run's list, of which the UI lacks those in `add`. */
export interface ResultsDelta { readonly count: number; readonly add: readonly FrameResult[] }

/** The worker's side: how many results the UI holds. */
export class ResultsEncoder {
  private sent = 0;

  /** The delta for a frame whose results are `list`. */
  encode(list: readonly FrameResult[]): ResultsDelta {
    const add = list.length > this.sent ? list.slice(this.sent) : [];
    this.sent = Math.max(this.sent, list.length);
    return { count: list.length, add };
  }
}

/** The UI's side: the longest prefix received, and the last list handed out (kept while unchanged). */
export class ResultsDecoder {
  private known: FrameResult[] = [];
  private last: readonly FrameResult[] = [];

  /** Forgets the run (a new load starts from nothing). */
  reset(): void {
    this.known = [];
    this.last = [];
  }

  /** The frame's results after applying `d`. */
  apply(d: ResultsDelta): readonly FrameResult[] {
    if (d.add.length) this.known = [...this.known, ...d.add];
    if (d.count > this.known.length) throw new Error(`results delta for ${d.count} results, but only ${this.known.length} are known`);
    if (d.count !== this.last.length || d.add.length) this.last = this.known.slice(0, d.count);
    return this.last;
  }
}
