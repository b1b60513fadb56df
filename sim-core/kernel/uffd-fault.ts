// handle_userfault (fs/userfaultfd.c, 6.18): a fault in a registered range becomes a message on the
// context's fault_pending_wqh; the faulting task drops its mm locks (release_fault_lock) and sleeps
// until an ioctl resolving the page wakes it, then the fault returns VM_FAULT_RETRY and is retried
// from the top with FAULT_FLAG_TRIED (so mm_account_fault counts it as a major fault).
import { HANDLE_USERFAULT, SIGNAL, WAKE_REMOTE } from '../engine/costs';
import type { Message } from '../engine/types';
import { MARK } from '../engine/types';
import type { ActorId } from '../model/ids';
import { hex } from '../model/layout';
import { flagNames, UFFD_PAGEFAULT_FLAG, type UffdCtx, uffdHas, type UffdMsg } from '../model/uffd';
import { faultMm, faultSignal, type FCtx, type FOut, pageAddr } from './fault-common';
import { release } from './mmap-lock';
import { Plan } from './plan';
import { sleepTask, wakeTask } from './sched';

const FS = 'fs/userfaultfd.c';

/** The wait-queue key of a fault asleep on message `msg` of context `ctx`. */
export const faultWaitKey = (ctx: number, msg: number): string => `uffd:${ctx}:msg:${msg}`;
/** The wait-queue key of handlers blocked in read(2) on the context (fd_wqh). */
export const readerWaitKey = (ctx: number): string => `uffd:${ctx}:read`;

/** Why the fault reached userspace: VM_UFFD_MISSING or VM_UFFD_WP. */
export type UserfaultReason = 'missing' | 'wp';

function ctxOf(c: FCtx): UffdCtx {
  const id = c.actor.data.vma?.uffd;
  const ctx = id == null ? undefined : c.world.uffds.get(id);
  if (!ctx) throw new Error('handle_userfault on a VMA without a userfaultfd context');
  return ctx;
}

/** Wake-ups for the handlers blocked in read(2) on `ctx` (wake_up_poll(&ctx->fd_wqh, EPOLLIN)). */
export function wakeReaders(c: { run: FCtx['run']; now: number; actor: { cpu: number } }, ctx: number): { actor: ActorId; msg: Message }[] {
  return c.run.waitersOn(readerWaitKey(ctx)).map((a) => ({ actor: a.id, msg: { type: 'WAKE' as const, at: c.now + (a.cpu === c.actor.cpu ? 0 : WAKE_REMOTE) } }));
}

/**
 * handle_userfault: queue the message, drop the locks, sleep; SIGBUS with UFFD_FEATURE_SIGBUS.
 * `plan` holds what the handler did before (a PTE table allocated, an anon_vma prepared), `data` its data.
 */
export function handleUserfault(c: FCtx, reason: UserfaultReason, before: string, plan = new Plan(), data = c.actor.data): FOut {
  const d = data;
  const ctx = ctxOf(c);
  const fn = { file: FS, name: 'handle_userfault' };
  if (d.gup) {
    const why = `${before}; but this fault comes from pin_user_pages, whose caller holds mmap_lock: without FAULT_FLAG_ALLOW_RETRY handle_userfault cannot sleep and returns VM_FAULT_SIGBUS (GUP turns it into -EFAULT)`;
    const sig = faultSignal(c, 'SIGBUS', why, fn, HANDLE_USERFAULT, true);
    return { ...sig, plan: [...plan.ops, ...(sig.plan ?? [])], say: why };
  }
  if (uffdHas(ctx, 'sigbus')) {
    const sig = faultSignal(c, 'SIGBUS', `${before}; the context has UFFD_FEATURE_SIGBUS, so handle_userfault returns VM_FAULT_SIGBUS without a message`, fn, HANDLE_USERFAULT + SIGNAL, true);
    return { ...sig, plan: [...plan.ops, ...(sig.plan ?? [])] };
  }
  const flags = (d.write ? UFFD_PAGEFAULT_FLAG.WRITE : 0) | (reason === 'wp' ? UFFD_PAGEFAULT_FLAG.WP : 0);
  const addr = uffdHas(ctx, 'exact_address') ? d.addr : pageAddr(d);
  const msg: UffdMsg = { id: ctx.nextMsg, addr, flags, task: d.task, actor: c.actor.id };
  plan.add({ op: 'uffd_queue', uffd: ctx.id, msg }).count('uffd.messages');
  const unlock = release(c.world, faultMm(c.world, d), c.actor.id, c.now, plan);
  const readers = wakeReaders(c, ctx.id);
  plan.ops.push(...sleepTask(c.world, d.task, 'blocked', c.run, readers.map((r) => r.actor)).plan.ops);
  const who = readers.length ? 'wakes the handler blocked in read()' : 'no handler is blocked in read() yet; the message waits in the queue';
  return {
    event: 'USERFAULT', fn, cost: HANDLE_USERFAULT, plan: plan.ops, marks: MARK.fault,
    data: { ...d, waitOn: faultWaitKey(ctx.id, msg.id) }, out: { wake: [...unlock, ...readers] },
    say: `${before}: handle_userfault queues UFFD_EVENT_PAGEFAULT #${msg.id} (address ${hex(addr)}, flags ${flagNames(flags)}) on uffd ${ctx.fd}, ${who}; the task drops its locks (release_fault_lock) and sleeps`,
  };
}

/** Woken by UFFDIO_COPY/ZEROPAGE/MOVE/WRITEPROTECT/WAKE: VM_FAULT_RETRY, and the fault starts over. */
export function userfaultWoken(c: FCtx): FOut {
  const d = c.actor.data;
  const w = wakeTask(c.world, d.task, true);
  return {
    event: 'RETRY', fn: { file: 'arch/x86/mm/fault.c', name: 'do_user_addr_fault' }, cost: w.cost, plan: w.plan.ops,
    data: { ...d, waitOn: null, tried: true, vma: null, orig: null },
    say: `the handler resolved the page: ${w.say}; handle_userfault returns VM_FAULT_RETRY and do_user_addr_fault retries the fault with FAULT_FLAG_TRIED`,
  };
}
