// A compact per-step trace in growable typed arrays: enough for the timeline and its markers.
// Narration, plans and world diffs are not stored; they are re-derived by replaying (recording.ts).
import type { StepRecord } from './engine';

/** Interns strings (state names, kernel functions, kinds) to small integers. */
export class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** The id of a string, adding it if new. */
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(s);
      this.ids.set(s, i);
    }
    return i;
  }
  /** The string of an id. */
  name(i: number): string {
    return this.names[i] ?? '?';
  }
}

/** The per-step fields the timeline needs without replaying. */
export interface StepMeta {
  readonly step: number;
  readonly actor: number;
  readonly cpu: number;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly fn: string;
  readonly marks: number;
  readonly at: number;
  readonly cost: number;
  readonly runnable: number;
}

function grow<T extends Float64Array | Int32Array | Uint16Array>(a: T, n: number): T {
  if (n < a.length) return a;
  const b = new (a.constructor as new (len: number) => T)(Math.max(1024, a.length * 2));
  b.set(a);
  return b;
}

/** Columns of the trace. */
export class Trace {
  length = 0;
  readonly strings = new Interner();
  private actor = new Int32Array(1024);
  private cpu = new Uint16Array(1024);
  private kind = new Uint16Array(1024);
  private from = new Uint16Array(1024);
  private to = new Uint16Array(1024);
  private fn = new Uint16Array(1024);
  private marks = new Uint16Array(1024);
  private runnable = new Uint16Array(1024);
  private at = new Float64Array(1024);
  private cost = new Float64Array(1024);

  /** Appends one step. */
  push(r: StepRecord): void {
    const n = this.length;
    this.actor = grow(this.actor, n); this.cpu = grow(this.cpu, n); this.kind = grow(this.kind, n);
    this.from = grow(this.from, n); this.to = grow(this.to, n); this.fn = grow(this.fn, n);
    this.marks = grow(this.marks, n); this.runnable = grow(this.runnable, n); this.at = grow(this.at, n); this.cost = grow(this.cost, n);
    const s = this.strings;
    this.actor[n] = r.actor; this.cpu[n] = r.cpu; this.kind[n] = s.id(r.kind);
    this.from[n] = s.id(r.from); this.to[n] = s.id(r.to); this.fn[n] = s.id(`${r.fn.file}: ${r.fn.name}`);
    this.marks[n] = r.marks; this.runnable[n] = Math.min(r.runnable, 65535); this.at[n] = r.at; this.cost[n] = r.cost;
    this.length = n + 1;
  }

  /** The stored fields of step n. */
  meta(n: number): StepMeta {
    if (n < 0 || n >= this.length) throw new RangeError(`step ${n} is outside the trace (0..${this.length - 1})`);
    const s = this.strings;
    return {
      step: n, actor: this.actor[n] ?? 0, cpu: this.cpu[n] ?? 0, kind: s.name(this.kind[n] ?? 0), from: s.name(this.from[n] ?? 0),
      to: s.name(this.to[n] ?? 0), fn: s.name(this.fn[n] ?? 0), marks: this.marks[n] ?? 0, at: this.at[n] ?? 0,
      cost: this.cost[n] ?? 0, runnable: this.runnable[n] ?? 0,
    };
  }

  /** Steps whose marks intersect `mask`, at most `limit` of them (for scrubber markers). */
  marked(mask: number, limit = 10_000): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length && out.length < limit; i++) if (((this.marks[i] ?? 0) & mask) !== 0) out.push(i);
    return out;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.actor.length * 34;
  }
}
