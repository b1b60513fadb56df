// The step loop: pick an actor, run its kernel handler, apply the plan, advance its machine with the
// pure transition function, and interpret the machine's actions. The only code that mutates state.
import { holds, release } from '../kernel/mmap-lock';
import { switchBack } from '../kernel/sched';
import { Plan, type PlanOp } from '../kernel/plan';
import { RunError, taskData } from '../kernel/task-data';
import { type ActorId, actorId, cpuId, type TaskId } from '../model/ids';
import type { Program } from '../scenarios/program';
import { applyPlan, resolveText } from './apply';
import { splitSpinKey } from '../kernel/split-folio';
import { ReadyQueue } from './ready';
import { type Defs, resolveDataRefs, type StepRecord } from './record';
import { type Candidate, candidates, chooseOverride, hasWork } from './scheduler';
import { type SimState, taskActorOf } from './state';
import type { Actor, MachineDef, Message, RunView, StepOut } from './types';
import { MARK } from './types';
import { stateName, type XRunner } from './xrun';

/** Drives one run. */
export class Engine {
  /** Actors that may be runnable (not waiting, or waiting with mail), per CPU: a cache derived from `state`. */
  private readonly ready: ReadyQueue;

  constructor(
    readonly program: Program,
    readonly defs: Defs,
    readonly xr: XRunner,
    readonly state: SimState,
    readonly choices: ReadonlyMap<number, ActorId> = new Map(),
  ) {
    this.ready = new ReadyQueue(state.world.cpus.length);
    for (const a of state.actors.values()) this.refresh(a);
  }

  // Re-derives whether an actor belongs in the ready set after its state or inbox changed.
  private refresh(a: Actor): void {
    const def = this.defs.get(a.kind);
    const live = a.snapshot.status === 'active' && this.state.actors.has(a.id);
    this.ready.set(a.id, a.cpu, live && def !== undefined && hasWork(a, def));
  }

  private post(to: ActorId, msg: Message): void {
    const a = this.state.actors.get(to);
    if (!a) return;
    // try_to_wake_up on a task that is already being woken is a no-op: several wakers racing to wake
    // one sleeper (faults queuing messages for one poll()ing handler) give it one WAKE, the earliest.
    const i = msg.type === 'WAKE' ? a.inbox.findIndex((m) => m.type === 'WAKE') : -1;
    const prev = a.inbox[i];
    if (prev) a.inbox[i] = prev.at <= msg.at ? prev : msg;
    else a.inbox.push(msg);
    this.refresh(a);
  }

  // Built once: it reads this.state at call time, so it follows checkpoint restores.
  private readonly view: RunView = {
    opsDone: (t) => this.state.opsDone[t] ?? 0,
    region: (name) => this.state.world.regions.get(name),
    taskActor: (t) => taskActorOf(this.state, t),
    actor: (id) => this.state.actors.get(id),
    flushInFlight: (mm) => [...this.state.actors.values()].some((a) => a.kind === 'flush_tlb_mm_range' && (a.data as { mm: number }).mm === mm),
    waitersOn: (key) => [...this.state.actors.values()].filter((a) => (a.data as { waitOn?: string }).waitOn === key),
    actorsOfKind: (kind) => [...this.state.actors.values()].filter((a) => a.kind === kind),
    readyTaskOn: (cpu, except) => {
      for (const a of this.state.actors.values()) {
        if (a.task === null || a.task === except || a.cpu !== cpu || a.snapshot.status !== 'active') continue;
        const def = this.defs.get(a.kind);
        if (def && hasWork(a, def)) return a.task;
      }
      return null;
    },
  };

  /** Creates an actor in its machine's initial state. */
  spawn(kind: string, cpu: number, parent: ActorId | null, task: TaskId | null, data: unknown, readyAt: number): Actor {
    const def = this.defs.get(kind);
    if (!def) throw new Error(`no machine '${kind}'`);
    const a: Actor = { id: actorId(this.state.nextActor++), kind, cpu: cpuId(cpu), parent, task, snapshot: this.xr.start(def.machine), data, inbox: [], readyAt };
    this.state.actors.set(a.id, a);
    this.refresh(a);
    return a;
  }

  /** Starts a task's root actor. */
  startTask(t: TaskId, at: number): Actor {
    const cpu = this.program.tasks[t]?.cpu ?? 0;
    const a = this.spawn('task', cpu, null, t, taskData(t), at);
    this.state.taskActors[t] = a.id;
    return a;
  }

  /** The actors that could run now, in default order (the first runs unless a person chooses). */
  runnable(): Candidate[] {
    return candidates(this.state, this.defs);
  }

  /** True when no actor can run. */
  get finished(): boolean {
    return this.state.halted !== null || this.ready.pick(this.state, this.defs).best === undefined;
  }

  /**
   * Runs one step; returns null when nothing can run. `detail` keeps the plan in the record and
   * resolves the narration's {ref} placeholders; without it (runs, recording, replays to a seek
   * target) the record's `say` is the raw template, which no fast-mode caller reads.
   */
  step(detail = true): StepRecord | null {
    const s = this.state;
    if (s.halted !== null) return null;
    const override = this.choices.size ? this.choices.get(s.step) : undefined;
    let pick: Candidate | undefined;
    let runnable: number;
    if (override === undefined) {
      ({ best: pick, runnable } = this.ready.pick(s, this.defs));
    } else {
      const list = candidates(s, this.defs);
      const c = chooseOverride(list, override);
      if (typeof c === 'string') {
        s.halted = `choice at step ${s.step}: ${c}`;
        return null;
      }
      pick = c;
      runnable = list.length;
    }
    if (pick === undefined) return null;
    const a = pick.actor;
    const def = this.defs.get(a.kind) as MachineDef<unknown>;
    const from = stateName(a.snapshot);
    const waiting = def.waiting.has(from);
    const msg: Message | null = waiting ? (a.inbox.shift() ?? null) : null;
    const cpu = s.world.cpus[a.cpu];
    if (!cpu) throw new Error(`actor on missing CPU ${a.cpu}`);
    const start = pick.at;
    const spin = waiting && def.spinning?.has(from) ? start - cpu.clock : 0;
    const handler = def.handlers[from];
    if (!handler) throw new Error(`machine ${a.kind} has no handler for state ${from}`);
    const sw = this.contextSwitch(a);
    let out: StepOut<unknown>;
    try {
      out = handler({ world: s.world, actor: a, msg, now: start + (sw?.cost ?? 0), program: this.program, run: this.view });
    } catch (e) {
      if (e instanceof RunError) { s.halted = e.message; return null; }
      throw e;
    }
    if (sw) out = { ...out, cost: sw.cost + out.cost, say: `${sw.say}; ${out.say}` };
    const applied = applyPlan(s.world, out.plan ?? []);
    if (sw) applied.violations.unshift(...sw.violations);
    // A task retrying a split_folio that references refused (-EAGAIN) tries again once one goes.
    for (const pfn of applied.largeRefDrops) for (const w of this.view.waitersOn(splitSpinKey(pfn))) this.post(w.id, { type: 'WAKE', at: start + out.cost });
    const x = this.xr.transition(def.machine, a.snapshot, out.event);
    a.snapshot = x.snapshot;
    const released = a.snapshot.status === 'done' ? this.releaseLocks(a, start + out.cost) : [];
    if (released.length) applied.violations.push(...applyPlan(s.world, released).violations);
    if (out.data !== undefined) a.data = resolveDataRefs(out.data, applied.refs);
    cpu.clock = start + out.cost;
    s.world.counters.values['cost.ns'] += out.cost + spin;
    const spawned = this.interpret(a, x.actions.map((t) => t.type), out, cpu.clock);
    this.record(a, out, applied.violations);
    this.finish(a, cpu.clock);
    this.refresh(a);
    this.ready.touch(a.cpu);
    const rec: StepRecord = {
      step: s.step, actor: a.id, kind: a.kind, cpu: a.cpu, task: a.task, from, to: stateName(a.snapshot), event: out.event,
      fn: out.fn, say: detail ? resolveText(out.say, applied.refs) : out.say, cost: out.cost + spin, at: start, plan: detail ? [...(sw?.plan ?? []), ...(out.plan ?? []), ...released] : [],
      marks: (out.marks ?? 0) | (applied.violations.length || out.violations?.length ? MARK.violation : 0) | (runnable > 1 ? MARK.choice : 0),
      violations: out.violations?.length ? [...applied.violations, ...out.violations] : applied.violations, runnable, spawned,
    };
    s.step++;
    return rec;
  }

  // Tasks sharing a CPU: the switch back to the actor's task, applied before its handler runs (sched.ts
  // switchBack). A CPU changing hands changes which actors may run there; every cpu_task op is for the
  // stepping actor's own CPU, which the step marks for re-examination anyway (ready.touch(a.cpu)).
  private contextSwitch(a: Actor): { plan: PlanOp[]; say: string; cost: number; violations: string[] } | null {
    const sw = switchBack(this.state.world, a.task, a.cpu);
    if (!sw) return null;
    return { plan: sw.plan.ops, say: sw.say, cost: sw.cost, violations: applyPlan(this.state.world, sw.plan.ops).violations };
  }

  // A machine that ends drops the mmap/VMA locks it holds (mmap_write_unlock, vma_end_read); the
  // waiters it unblocks get their WAKE in the same step.
  private releaseLocks(a: Actor, now: number): PlanOp[] {
    const plan = new Plan();
    for (const mm of this.state.world.mms.values()) {
      if (!holds(mm, a.id)) continue;
      for (const wk of release(this.state.world, mm, a.id, now, plan)) this.post(wk.actor, wk.msg);
    }
    return plan.ops;
  }

  private interpret(a: Actor, actions: readonly string[], out: StepOut<unknown>, now: number): ActorId[] {
    const spawned: ActorId[] = [];
    const p = out.out ?? {};
    for (const type of actions) {
      switch (type) {
        case 'spawn': {
          if (!p.spawn) throw new Error(`${a.kind}: spawn action without a payload`);
          spawned.push(this.spawn(p.spawn.kind, a.cpu, a.id, a.task, p.spawn.data, now).id);
          break;
        }
        case 'sendIpis':
          if (!p.ipis) throw new Error(`${a.kind}: sendIpis without targets`);
          for (const t of p.ipis.targets) spawned.push(this.spawn('flush_tlb_func', t, null, null, { info: p.ipis.data, initiator: a.id, result: null }, now + p.ipis.latency).id);
          break;
        case 'ack':
          if (p.ack) this.post(p.ack.to, { type: 'IPI_ACK', at: now + p.ack.latency, cpu: a.cpu });
          break;
        case 'wake':
          for (const wk of p.wake ?? []) this.post(wk.actor, wk.msg);
          break;
        case 'startTask':
          if (p.startTask !== undefined) spawned.push(this.startTask(p.startTask, now).id);
          break;
        default:
          throw new Error(`unknown machine action ${type}`);
      }
    }
    return spawned;
  }

  private record(a: Actor, out: StepOut<unknown>, applied: readonly string[]): void {
    const s = this.state;
    for (const v of [...applied, ...(out.violations ?? [])]) s.violations.push({ step: s.step, message: v });
    if (a.task === null) return;
    if (out.result) {
      const t = a.task;
      const index = s.resultCount[t] ?? 0;
      s.resultCount[t] = index + 1;
      const op = this.program.tasks[t]?.ops[(a.data as { op?: number }).op ?? 0]?.op.op ?? '?';
      s.results.push({ ...out.result, task: this.program.tasks[t]?.name ?? '?', index, op: out.opDone !== undefined ? (this.program.tasks[t]?.ops[out.opDone]?.op.op ?? op) : op, step: s.step });
    }
    if (out.opDone !== undefined) {
      s.opsDone[a.task] = out.opDone + 1;
      this.wakeDependents(a.task);
    }
  }

  // An op completed: tasks blocked on it (their current op's "after") get a WAKE.
  private wakeDependents(done: TaskId): void {
    const s = this.state;
    for (const id of s.taskActors) {
      const t = id === null ? undefined : s.actors.get(id);
      if (!t || stateName(t.snapshot) !== 'blocked' || t.inbox.length) continue;
      const d = t.data as { task: TaskId; op: number };
      const dep = this.program.tasks[d.task]?.ops[d.op]?.after;
      if (dep?.task === done && (s.opsDone[done] ?? 0) > dep.op) this.post(t.id, { type: 'WAKE', at: s.world.cpus[this.program.tasks[done]?.cpu ?? 0]?.clock ?? 0 });
    }
  }

  private finish(a: Actor, now: number): void {
    if (a.snapshot.status !== 'done') return;
    const s = this.state;
    s.actors.delete(a.id);
    if (a.parent !== null) {
      const r = (a.data as { result?: unknown }).result ?? null;
      this.post(a.parent, { type: 'CHILD_DONE', at: now, from: a.id, result: r as never });
    } else if (a.task !== null && s.taskActors[a.task] === a.id) {
      s.taskActors[a.task] = null;
    }
  }
}

export type { Defs, StepRecord };
