// The ready queue: which actors may run, grouped by CPU, with each CPU's best candidate cached.
// A step changes one CPU's clock and touches a few actors, so only the CPUs marked dirty are
// re-examined; picking the next actor is then a scan over one cached entry per CPU.
import type { ActorId } from '../model/ids';
import { type Candidate, readyTime } from './scheduler';
import type { SimState } from './state';
import type { MachineDef } from './types';

interface CpuBest { best: Candidate | undefined; irq: boolean; runnable: number }

/** Ready actors per CPU and the cached best of each CPU. */
export class ReadyQueue {
  private readonly byCpu: Set<ActorId>[];
  private readonly cache: CpuBest[];
  private readonly dirty = new Set<number>();

  constructor(cpus: number) {
    this.byCpu = Array.from({ length: cpus }, () => new Set<ActorId>());
    this.cache = Array.from({ length: cpus }, () => ({ best: undefined, irq: false, runnable: 0 }));
  }

  /** Records whether an actor may run now; its CPU is re-examined at the next pick. */
  set(id: ActorId, cpu: number, ready: boolean): void {
    const s = this.byCpu[cpu];
    if (!s) return;
    if (ready) s.add(id);
    else s.delete(id);
    this.dirty.add(cpu);
  }

  /** Marks a CPU for re-examination (its clock moved). */
  touch(cpu: number): void {
    this.dirty.add(cpu);
  }

  private recompute(s: SimState, defs: ReadonlyMap<string, MachineDef<unknown>>, cpu: number): void {
    const c: CpuBest = { best: undefined, irq: false, runnable: 0 };
    let nonIrq = false;
    for (const id of this.byCpu[cpu] ?? []) {
      const a = s.actors.get(id);
      const def = a ? defs.get(a.kind) : undefined;
      if (!a || !def) continue;
      const at = readyTime(s, a, def, defs);
      if (at === null) continue;
      const irq = def.irq === true;
      if (irq) c.runnable++;
      else nonIrq = true;
      const cand = { actor: a, at };
      if (!c.best || before(cand, irq, c.best, c.irq)) { c.best = cand; c.irq = irq; }
    }
    c.runnable += nonIrq ? 1 : 0;
    this.cache[cpu] = c;
  }

  /** The default pick (earliest start, then CPU, interrupt first, then id) and how many could run. */
  pick(s: SimState, defs: ReadonlyMap<string, MachineDef<unknown>>): { best: Candidate | undefined; runnable: number } {
    for (const cpu of this.dirty) this.recompute(s, defs, cpu);
    this.dirty.clear();
    let best: CpuBest | undefined;
    let runnable = 0;
    for (const c of this.cache) {
      if (!c.best) continue;
      runnable += c.runnable;
      if (!best?.best || before(c.best, c.irq, best.best, best.irq)) best = c;
    }
    return { best: best?.best, runnable };
  }
}

/** a before b in the default order. */
export function before(a: Candidate, aIrq: boolean, b: Candidate, bIrq: boolean): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.actor.cpu !== b.actor.cpu) return a.actor.cpu < b.actor.cpu;
  if (aIrq !== bIrq) return aIrq;
  return a.actor.id < b.actor.id;
}
