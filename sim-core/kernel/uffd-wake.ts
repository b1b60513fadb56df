// wake_userfault (fs/userfaultfd.c): after an ioctl resolved [start, start + len), every fault asleep
// on a message for a page in that range is woken, whether or not the handler read its message;
// woken messages leave both queues (userfaultfd_wake_function's list_del_init).
import { WAKE_REMOTE } from '../engine/costs';
import type { Message, RunView } from '../engine/types';
import type { ActorId, CpuId } from '../model/ids';
import { messagesIn, type UffdCtx } from '../model/uffd';
import { Plan } from './plan';
import { faultWaitKey } from './uffd-fault';

/** The plan and wake-ups of wake_userfault over [start, end). */
export interface WakeOut { readonly plan: Plan; readonly wake: { actor: ActorId; msg: Message }[]; readonly woken: number }

/** Wakes the faults waiting on messages for pages in [start, end); `cpu` is the waker's CPU. */
export function wakeUserfault(run: RunView, now: number, cpu: CpuId, ctx: UffdCtx, start: number, end: number): WakeOut {
  const msgs = messagesIn(ctx, start, end);
  const plan = new Plan();
  if (msgs.length) plan.add({ op: 'uffd_dequeue', uffd: ctx.id, msgs: msgs.map((m) => m.id) });
  const wake: { actor: ActorId; msg: Message }[] = [];
  for (const m of msgs) {
    for (const a of run.waitersOn(faultWaitKey(ctx.id, m.id))) {
      wake.push({ actor: a.id, msg: { type: 'WAKE', at: now + (a.cpu === cpu ? 0 : WAKE_REMOTE) } });
    }
  }
  return { plan, wake, woken: wake.length };
}
