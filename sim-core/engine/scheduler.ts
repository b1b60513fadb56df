// Picks the next actor. Default policy: the runnable actor that can start earliest in simulated time
// (an interrupt that has arrived goes first on its CPU), ties broken by CPU, then interrupt first,
// then actor id. A person may override any choice point; the overrides are part of the run's identity.
import type { ActorId, CpuId, TaskId } from '../model/ids';
import type { SimState } from './state';
import { before } from './ready';
import type { Actor, MachineDef } from './types';
import { stateName } from './xrun';

type Defs = ReadonlyMap<string, MachineDef<unknown>>;

/** A runnable actor and the time it could start. */
export interface Candidate { readonly actor: Actor; readonly at: number }

/** True when an actor has something to do: it is not in a waiting state, or mail has come. */
export function hasWork(a: Actor, def: MachineDef<unknown>): boolean {
  return !def.waiting.has(stateName(a.snapshot)) || a.inbox.length > 0;
}

/**
 * True when task `t` occupies CPU `cpu`: one of its machines there can run or busy-waits. A task
 * whose ops are done (it only spins in user space) or whose machines all sleep in the kernel (an
 * rwsem whose owner is not running puts its waiter to sleep) leaves the CPU to the others.
 */
function occupies(s: SimState, t: TaskId, cpu: CpuId, defs: Defs): boolean {
  if (s.world.tasks[t]?.status === 'user') return false;
  for (const x of s.actors.values()) {
    if (x.task !== t || x.cpu !== cpu || x.snapshot.status !== 'active') continue;
    const d = defs.get(x.kind);
    if (!d || hasWork(x, d) || d.spinning?.has(stateName(x.snapshot))) return true;
  }
  return false;
}

/** The earliest time an actor can run, or null if it is not runnable. */
export function readyTime(s: SimState, a: Actor, def: MachineDef<unknown>, defs: Defs): number | null {
  if (a.snapshot.status !== 'active') return null;
  const cpu = s.world.cpus[a.cpu];
  // Tasks may share a CPU: a task's machines wait while another task occupies it (interrupts do not).
  if (a.task !== null && cpu && cpu.task !== null && cpu.task !== a.task && occupies(s, cpu.task, cpu.id, defs)) return null;
  const clock = cpu ? cpu.clock : 0;
  if (def.waiting.has(stateName(a.snapshot))) {
    const m = a.inbox[0];
    return m ? Math.max(clock, a.readyAt, m.at) : null;
  }
  return Math.max(clock, a.readyAt);
}

/**
 * Runnable actors: interrupts, and the earliest non-interrupt actor of each CPU (one CPU runs one
 * thing at a time). Sorted in the default order: the first is what runs when nobody chooses.
 */
export function candidates(s: SimState, defs: Defs): Candidate[] {
  const perCpu: (Candidate | undefined)[] = [];
  const out: { c: Candidate; irq: boolean }[] = [];
  for (const a of s.actors.values()) {
    const def = defs.get(a.kind);
    if (!def) throw new Error(`no machine for actor kind ${a.kind}`);
    const at = readyTime(s, a, def, defs);
    if (at === null) continue;
    if (def.irq) { out.push({ c: { actor: a, at }, irq: true }); continue; }
    const cur = perCpu[a.cpu];
    if (!cur || at < cur.at || (at === cur.at && a.id < cur.actor.id)) perCpu[a.cpu] = { actor: a, at };
  }
  for (const c of perCpu) if (c) out.push({ c, irq: false });
  out.sort((x, y) => (before(x.c, x.irq, y.c, y.irq) ? -1 : 1));
  return out.map((x) => x.c);
}

/** The person's override for this step, or an explanation of why it cannot run. */
export function chooseOverride(list: readonly Candidate[], override: ActorId): Candidate | string {
  const c = list.find((x) => x.actor.id === override);
  return c ?? `actor ${override} is not runnable at this step (runnable: ${list.map((x) => x.actor.id).join(', ') || 'none'})`;
}
