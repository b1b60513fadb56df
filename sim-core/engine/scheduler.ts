// Picks the next actor. Default policy: the runnable actor that can start earliest in simulated time
// (interrupt handlers first on their CPU), ties broken by CPU then actor id. A person may override
// any choice point; the list of overrides is part of the run's identity.
import type { ActorId } from '../model/ids';
import type { SimState } from './state';
import type { Actor, MachineDef } from './types';
import { stateName } from './xrun';

/** A runnable actor and the time it could start. */
export interface Candidate { readonly actor: Actor; readonly at: number }

/** The earliest time an actor can run, or null if it is not runnable. */
export function readyTime(s: SimState, a: Actor, def: MachineDef<unknown>): number | null {
  if (a.snapshot.status !== 'active') return null;
  const cpu = s.world.cpus[a.cpu];
  const clock = cpu ? cpu.clock : 0;
  const waiting = def.waiting.has(stateName(a.snapshot));
  if (waiting) {
    const m = a.inbox[0];
    return m ? Math.max(clock, a.readyAt, m.at) : null;
  }
  return Math.max(clock, a.readyAt);
}

/** Runnable actors, at most one per CPU unless interrupts are pending, sorted best first. */
export function candidates(s: SimState, defs: ReadonlyMap<string, MachineDef<unknown>>): Candidate[] {
  const best = new Map<number, Candidate>();
  const irqs: Candidate[] = [];
  for (const a of s.actors.values()) {
    const def = defs.get(a.kind);
    if (!def) throw new Error(`no machine for actor kind ${a.kind}`);
    const at = readyTime(s, a, def);
    if (at === null) continue;
    if (def.irq) { irqs.push({ actor: a, at }); continue; }
    const cur = best.get(a.cpu);
    if (!cur || at < cur.at || (at === cur.at && a.id < cur.actor.id)) best.set(a.cpu, { actor: a, at });
  }
  const out = [...best.values()];
  for (const i of irqs) {
    const other = best.get(i.actor.cpu);
    // An interrupt that has arrived preempts its CPU's next kernel or user step.
    if (other && i.at <= other.at) out.splice(out.indexOf(other), 1, i, other);
    else out.push(i);
  }
  return out.sort((x, y) => x.at - y.at || x.actor.cpu - y.actor.cpu || (irqFirst(defs, y.actor) - irqFirst(defs, x.actor)) || x.actor.id - y.actor.id);
}

function irqFirst(defs: ReadonlyMap<string, MachineDef<unknown>>, a: Actor): number {
  return defs.get(a.kind)?.irq ? 1 : 0;
}

/** The default choice, or the person's override when one is recorded for this step. */
export function choose(list: readonly Candidate[], override: ActorId | undefined): Candidate | string | undefined {
  if (override === undefined) return list[0];
  const c = list.find((x) => x.actor.id === override);
  return c ?? `actor ${override} is not runnable at this step (runnable: ${list.map((x) => x.actor.id).join(', ') || 'none'})`;
}
