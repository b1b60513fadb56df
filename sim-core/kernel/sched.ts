// Scheduling a task in and out of its CPU (kernel/sched/core.c context_switch), which is where
// lazy TLB mode begins (enter_lazy_tlb) and ends (switch_mm_irqs_off).
import { CONTEXT_SWITCH } from '../engine/costs';
import type { TaskStatus, World } from '../model/world';
import { enterLazyTlb, switchMmIrqsOff } from './tlb';
import { Plan } from './plan';
import type { TCtx } from './task-data';

/** context_switch onto the task's CPU: load its mm (switch_mm_irqs_off). */
export function scheduleIn(c: TCtx, wasWaiting: boolean): { plan: Plan; say: string; cost: number } {
  const w = c.world;
  const t = w.tasks[c.actor.data.task];
  if (!t) throw new Error('no task');
  const plan = new Plan().add({ op: 'cpu_task', cpu: t.cpu, task: t.id }).add({ op: 'task_status', task: t.id, status: 'running' });
  const mm = t.mm === null ? undefined : w.mms.get(t.mm);
  if (!mm) return { plan, say: `${t.name} runs on CPU${t.cpu}`, cost: CONTEXT_SWITCH };
  const s = switchMmIrqsOff(w, t.cpu, mm, plan);
  return { plan, say: `${t.name} ${wasWaiting ? 'wakes' : 'is scheduled'} on CPU${t.cpu}: switch_mm_irqs_off ${s.say}`, cost: CONTEXT_SWITCH + s.cost };
}

/** The task stops running: the CPU idles in lazy TLB mode with the task's mm still loaded. */
export function scheduleOut(w: World, c: TCtx, status: TaskStatus): Plan {
  const t = w.tasks[c.actor.data.task];
  if (!t) throw new Error('no task');
  const plan = new Plan().add({ op: 'task_status', task: t.id, status }).add({ op: 'cpu_task', cpu: t.cpu, task: null });
  return enterLazyTlb(w, t.cpu, plan);
}
