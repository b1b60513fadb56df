// Scheduling a task in and out of its CPU (kernel/sched/core.c context_switch), which is where
// lazy TLB mode begins (enter_lazy_tlb) and ends (switch_mm_irqs_off).
import { CONTEXT_SWITCH } from '../engine/costs';
import type { Actor, Message, RunView, StepCtx } from '../engine/types';
import type { ActorId, TaskId } from '../model/ids';
import type { TaskStatus, World } from '../model/world';
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

/** The task stops running: the CPU idles in lazy TLB mode with the task's mm still loaded. */
export function scheduleOut(w: World, c: TCtx, status: TaskStatus): Plan {
  return sleepTask(w, c.actor.data.task, status);
}

/** A task blocks (schedule() to idle): its CPU enters lazy TLB mode with the mm still loaded. */
export function sleepTask(w: World, task: TaskId, status: TaskStatus): Plan {
  const t = w.tasks[task];
  if (!t) throw new Error('no task');
  const plan = new Plan().add({ op: 'task_status', task: t.id, status }).add({ op: 'cpu_task', cpu: t.cpu, task: null });
  return enterLazyTlb(w, t.cpu, plan);
}
