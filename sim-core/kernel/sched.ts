// Scheduling a task in and out of its CPU (kernel/sched/core.c context_switch), which is where
// lazy TLB mode begins (enter_lazy_tlb) and ends (switch_mm_irqs_off).
import { CONTEXT_SWITCH } from '../engine/costs';
import type { Actor, Message, RunView, StepCtx } from '../engine/types';
import type { ActorId, CpuId, TaskId } from '../model/ids';
import type { Task, TaskStatus, World } from '../model/world';
import { enterLazyTlb, switchMmIrqsOff } from './tlb';
import { Plan } from './plan';
import type { TCtx } from './task-data';

/** Wakes every actor sleeping (or spinning) on the wait queue `key`: the wake list of a step's `out`. */
export function wakeAll(run: RunView, key: string, at: number): { actor: ActorId; msg: Message }[] {
  return run.waitersOn(key).map((a) => ({ actor: a.id, msg: { type: 'WAKE' as const, at } }));
}

/** folio_unlock's wake-up: the actors asleep on the folio's lock (migration_entry_wait, folio_lock_or_retry). */
export const wakeFolioWaiters = (run: RunView, pfn: number, at: number): { actor: ActorId; msg: Message }[] => wakeAll(run, `folio:${pfn}`, at);

/** Another live actor of machine `kind` for which `holds` is true (e.g. the one holding a page-table lock). */
export function otherActor<D>(c: StepCtx<unknown>, kind: string, holds: (a: Actor<D>) => boolean): Actor<D> | undefined {
  return c.run.actorsOfKind(kind).find((a) => a.id !== c.actor.id && holds(a as Actor<D>)) as Actor<D> | undefined;
}

/** context_switch onto the task's CPU: load its mm (switch_mm_irqs_off). */
export function scheduleIn(c: TCtx, wasWaiting: boolean): { plan: Plan; say: string; cost: number } {
  return wakeTask(c.world, c.actor.data.task, wasWaiting);
}

/** The task runs again on its CPU (try_to_wake_up + context_switch), leaving lazy TLB mode. */
export function wakeTask(w: World, task: TaskId, wasWaiting: boolean): { plan: Plan; say: string; cost: number } {
  const t = w.tasks[task];
  if (!t) throw new Error('no task');
  const plan = new Plan().add({ op: 'cpu_task', cpu: t.cpu, task: t.id }).add({ op: 'task_status', task: t.id, status: 'running' });
  const mm = t.mm === null ? undefined : w.mms.get(t.mm);
  if (!mm) return { plan, say: `${t.name} runs on CPU${t.cpu}`, cost: CONTEXT_SWITCH };
  const s = switchMmIrqsOff(w, t.cpu, mm, plan);
  return { plan, say: `${t.name} ${wasWaiting ? 'wakes' : 'is scheduled'} on CPU${t.cpu}: switch_mm_irqs_off ${s.say}`, cost: CONTEXT_SWITCH + s.cost };
}

/**
 * Tasks sharing a CPU: a machine of `task` that waited in the kernel without leaving its CPU (an
 * rwsem wait: engine/scheduler.ts lets others run meanwhile) is about to run while another task
 * holds the CPU. The context switch back to `task` comes first; null when none is needed. Tasks
 * woken from a real sleep (status blocked) switch themselves in (wakeTask).
 */
export function switchBack(w: World, task: TaskId | null, cpu: CpuId): { plan: Plan; say: string; cost: number } | null {
  const holder = w.cpus[cpu]?.task ?? null;
  if (task === null || holder === null || holder === task || w.tasks[task]?.status !== 'running') return null;
  return wakeTask(w, task, false);
}

/** A task leaving its CPU: the plan, and what the CPU does next in words (`then(idle)`: the successor, else `idle`). */
export interface Leave { readonly plan: Plan; then(idle: string): string }

/** The task stops running (schedule()): its CPU goes to another task there, else idles in lazy TLB mode. */
export function scheduleOut(w: World, c: TCtx, status: TaskStatus): Leave {
  return sleepTask(w, c.actor.data.task, status, c.run);
}

/** A task blocks (schedule()): its CPU goes to another task there, else idles in lazy TLB mode with the mm still loaded. */
export function sleepTask(w: World, task: TaskId, status: TaskStatus, run?: RunView, waking: readonly ActorId[] = []): Leave {
  const t = w.tasks[task];
  if (!t) throw new Error('no task');
  return leaveCpu(w, t, new Plan().add({ op: 'task_status', task: t.id, status }), run, waking);
}

/**
 * Who gets `t`'s CPU when it stops (__schedule's pick_next_task). Several tasks may share a CPU: one
 * this very step wakes (`waking`, actor ids) or that is ready (woken, or not yet started) comes
 * first, then one still running in user space (its ops done, not asleep); with none, the CPU idles.
 */
function successor(w: World, t: Task, run?: RunView, waking: readonly ActorId[] = []): Task | undefined {
  for (const id of waking) {
    const a = run?.actor(id);
    if (a && a.task !== null && a.task !== t.id && a.cpu === t.cpu) return w.tasks[a.task];
  }
  const ready = run?.readyTaskOn(t.cpu, t.id) ?? null;
  if (ready !== null) return w.tasks[ready];
  return w.tasks.find((x) => x.id !== t.id && x.cpu === t.cpu && x.status === 'user');
}

/**
 * `t` gives up its CPU: to its successor, loading that task's mm (switch_mm_irqs_off, nothing to do
 * for the same mm), or to idle in lazy TLB mode (enter_lazy_tlb). A task woken while another holds
 * its CPU waits for it (engine/scheduler.ts readyTime). A task not on its CPU leaves it as it is.
 */
export function leaveCpu(w: World, t: Task, plan: Plan, run?: RunView, waking: readonly ActorId[] = []): Leave {
  const c = w.cpus[t.cpu];
  const onCpu = c !== undefined && (c.task === null || c.task === t.id);
  const next = onCpu ? successor(w, t, run, waking) : undefined;
  if (onCpu) {
    const mm = next?.mm == null ? undefined : w.mms.get(next.mm);
    plan.add({ op: 'cpu_task', cpu: t.cpu, task: next?.id ?? null });
    if (mm) switchMmIrqsOff(w, t.cpu, mm, plan);
    else enterLazyTlb(w, t.cpu, plan);
  }
  return { plan, then: (idle) => (next ? `CPU${t.cpu} switches to ${next.name}` : idle) };
}
