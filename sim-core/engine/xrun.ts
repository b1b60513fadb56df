// Advances xstate machines with their pure transition function, memoised.
//
// xstate's exported transition() builds a fresh inert actor scope on every call (about 12 µs here);
// the machine's own transition(snapshot, event, scope) with one reusable inert scope computes the same
// result in about 3 µs. Our machines keep no context (an actor's data lives in the engine), so a
// transition is a pure function of (snapshot, event type) and its result can be memoised: equal
// inputs give the identical snapshot object back, which also makes checkpoints share snapshots.
import { type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, createActor } from 'xstate';

/** An action the machine asked for: the engine interprets it (spawn, IPIs, ...). */
export interface MachineAction { readonly type: string; readonly params: unknown }
/** The outcome of one transition. */
export interface XResult { readonly snapshot: AnyMachineSnapshot; readonly actions: readonly MachineAction[] }

interface Scope { readonly scope: AnyActorScope; readonly out: MachineAction[] }

/** Optional instrumentation (injected by the benchmark; sim-core itself reads no clock). */
export interface XStats { calls: number; computed: number; timeInTransition: number }

/** Runs transitions for many machines, caching scopes, initial snapshots and results. */
export class XRunner {
  private readonly scopes = new Map<AnyStateMachine, Scope>();
  private readonly initial = new Map<AnyStateMachine, AnyMachineSnapshot>();
  private readonly memo = new WeakMap<AnyMachineSnapshot, Map<string, XResult>>();
  /** One snapshot object per (machine, state value): a context-free snapshot is determined by its value. */
  private readonly canonical = new Map<AnyStateMachine, Map<string, AnyMachineSnapshot>>();
  readonly stats: XStats = { calls: 0, computed: 0, timeInTransition: 0 };

  /** @param clock when given (benchmarks only), time spent inside xstate is measured with it. */
  constructor(private readonly clock?: () => number) {}

  private scopeFor(m: AnyStateMachine): Scope {
    let s = this.scopes.get(m);
    if (!s) {
      const self = createActor(m);
      const out: MachineAction[] = [];
      const scope = {
        self, id: '', sessionId: '', system: self.system, logger: () => undefined, defer: () => undefined,
        stopChild: () => undefined, emit: () => undefined,
        actionExecutor: (a: { type: string; params?: unknown }) => { out.push({ type: a.type, params: a.params }); },
      } as unknown as AnyActorScope;
      s = { scope, out };
      this.scopes.set(m, s);
    }
    return s;
  }

  private canon(m: AnyStateMachine, snap: AnyMachineSnapshot): AnyMachineSnapshot {
    if (snap.context !== undefined && Object.keys(snap.context as object).length > 0) return snap;
    let byValue = this.canonical.get(m);
    if (!byValue) {
      byValue = new Map();
      this.canonical.set(m, byValue);
    }
    const key = `${stateName(snap)}|${snap.status}`;
    const known = byValue.get(key);
    if (known) return known;
    byValue.set(key, snap);
    return snap;
  }

  /** The machine's initial snapshot (shared by every actor of that machine). */
  start(m: AnyStateMachine): AnyMachineSnapshot {
    let snap = this.initial.get(m);
    if (!snap) {
      const s = this.scopeFor(m);
      snap = this.canon(m, m.getInitialSnapshot(s.scope, undefined) as AnyMachineSnapshot);
      s.out.length = 0;
      this.initial.set(m, snap);
    }
    return snap;
  }

  /** Computes (or recalls) the transition of `snap` on an event of type `type`. */
  transition(m: AnyStateMachine, snap: AnyMachineSnapshot, type: string): XResult {
    this.stats.calls++;
    let byEvent = this.memo.get(snap);
    const hit = byEvent?.get(type);
    if (hit) return hit;
    const node = m.root.states[stateName(snap)];
    if (!node?.ownEvents.includes(type)) throw new Error(`machine ${m.id} in state ${stateName(snap)} does not accept event ${type}`);
    const s = this.scopeFor(m);
    s.out.length = 0;
    const t0 = this.clock?.() ?? 0;
    const next = m.transition(snap, { type }, s.scope) as AnyMachineSnapshot;
    if (this.clock) this.stats.timeInTransition += this.clock() - t0;
    this.stats.computed++;
    const res: XResult = { snapshot: this.canon(m, next), actions: s.out.filter((a) => !a.type.startsWith('xstate.')) };
    if (!byEvent) {
      byEvent = new Map();
      this.memo.set(snap, byEvent);
    }
    byEvent.set(type, res);
    return res;
  }
}

/** The flat state name of a snapshot. */
export function stateName(s: AnyMachineSnapshot): string {
  return typeof s.value === 'string' ? s.value : JSON.stringify(s.value);
}
