// A task leaving: exit_mm drops its mm (the CPU keeps it lazily as active_mm); the last user tears it down.
import { SYSCALL } from '../engine/costs';
import { Plan } from '../kernel/plan';
import { leaveCpu } from '../kernel/sched';
import { advance, currentOp, prog, type TCtx, type TOut } from '../kernel/task-data';
import { exitData } from './exit-mmap';
import { plural } from '../kernel/words';

const EXIT = { file: 'kernel/exit.c', name: 'exit_mm' };

/** exit_mm: current->mm = NULL, enter_lazy_tlb; mmput runs exit_mmap when it was the last user. */
export function exitMm(c: TCtx): TOut {
  const w = c.world;
  const d = c.actor.data;
  const t = w.tasks[d.task];
  if (!t) throw new Error('no task');
  const status = d.killed ? 'killed' : 'exited';
  const plan = leaveCpu(w, t, new Plan().add({ op: 'task_status', task: t.id, status }), c.run).plan.add({ op: 'task_mm', task: t.id, mm: null });
  const mm = t.mm;
  const others = w.tasks.filter((x) => x.id !== t.id && x.mm === mm && x.status !== 'exited' && x.status !== 'killed');
  const asOp = !d.killed && currentOp(c)?.op.op === 'exit';
  const n = asOp ? advance(c) : null;
  const base = { fn: EXIT, cost: SYSCALL, plan: plan.ops, data: n?.data, opDone: n?.opDone, result: asOp ? { ret: null, errno: null } : undefined };
  const held = mm === null ? 0 : (w.mms.get(mm)?.users ?? 0);
  if (mm !== null && others.length === 0 && held === 0) {
    return { ...base, event: 'TEARDOWN', out: { spawn: { kind: 'exit_mmap', data: exitData(mm) } }, say: `${prog(c).name} ${d.killed ? 'dies' : 'exits'}: it was the last user of its mm, so mmput → exit_mmap` };
  }
  if (others.length === 0 && held > 0) {
    return { ...base, event: 'EXITED', say: `${prog(c).name} ${d.killed ? 'dies' : 'exits'}, the last task of its mm; ${plural(held, 'userfaultfd ioctl')} in flight still ${held === 1 ? 'holds' : 'hold'} mm_users (mmget_not_zero), so the last mmput, at the end of the ioctl, will run exit_mmap` };
  }
  return { ...base, event: 'EXITED', say: `${prog(c).name} ${d.killed ? 'dies' : 'exits'}; ${plural(others.length, 'other task')} still ${others.length === 1 ? 'uses' : 'use'} the mm` };
}

/** The teardown finished. */
export function waitExit(c: TCtx): TOut {
  return { event: 'CHILD_DONE', fn: { file: 'kernel/exit.c', name: 'do_exit' }, cost: 0, say: `${prog(c).name} is gone` };
}
