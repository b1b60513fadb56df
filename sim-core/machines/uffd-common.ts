// Pieces every userfaultfd ioctl machine shares: its context, and the ioctl's result as userspace sees
// it (the return value and the result field the kernel writes: bytes done, or -errno).
import type { Handler, OpResult, StepCtx, StepOut } from '../engine/types';
import { negErrno } from '../model/errno';
import type { MmId, UffdId } from '../model/ids';
import { atLeast } from '../model/kernelver';
import { hex } from '../model/layout';
import type { World } from '../model/world';
import type { UffdCtx } from '../model/uffd';
import type { PlanOp } from '../kernel/plan';
import { type UffdError, validateRange } from '../kernel/uffd-fill';
import { exitData } from './exit-mmap';

/** The context an ioctl machine works on. */
export function uffdCtx(c: StepCtx<{ readonly uffd: UffdId }>): UffdCtx {
  const ctx = c.world.uffds.get(c.actor.data.uffd);
  if (!ctx) throw new Error(`no userfaultfd context ${c.actor.data.uffd}`);
  return ctx;
}

/**
 * The result of a filling or moving ioctl: 0 with `bytes` = len when all was done; EAGAIN with the
 * bytes done when only part was (the caller resumes); else the error, with -errno in the result field.
 */
export function ioctlResult(done: number, len: number, errno: string | null): OpResult {
  if (done >= len) return { ret: 0, errno: null, bytes: done };
  if (done > 0) return { ret: null, errno: 'EAGAIN', bytes: done };
  const e = errno ?? 'EINVAL';
  return { ret: null, errno: e, bytes: negErrno(e) };
}

/** mmget_not_zero (include/linux/sched/mm.h): mm_users > 0, held by a task using the mm or by another ioctl. */
export function mmgetNotZero(w: World, mm: MmId): boolean {
  const m = w.mms.get(mm);
  return m !== undefined && (m.users > 0 || w.tasks.some((t) => t.mm === mm));
}

// What UFFDIO_COPY/ZEROPAGE return when the mm has no user left: ENOSPC from 4.7, when the context
// stopped pinning mm_users (d2005e3f41d4), and ESRCH from 4.13 ("userfaultfd: replace ENOSPC with ESRCH in case mm
// has gone during copy/zeropage", e86b298bebf7, merged 2017-08-10 for 4.13).
const mmGoneErrno = (w: World): string => (atLeast(w.cfg.kernel, 4, 13) ? 'ESRCH' : 'ENOSPC');

/**
 * The checks fs/userfaultfd.c makes before it touches memory (6.18 userfaultfd_copy, userfaultfd_zeropage,
 * userfaultfd_move): validate_range on each [start, len) range (EINVAL), then mmget_not_zero (ESRCH).
 */
export function preflight(w: World, mm: MmId, ranges: readonly (readonly [number, number])[]): UffdError | null {
  for (const [start, len] of ranges) {
    const bad = validateRange(start, len);
    if (bad) return { errno: bad, why: `validate_range refuses [${hex(start)}, +${len})` };
  }
  return mmgetNotZero(w, mm) ? null : { errno: mmGoneErrno(w), why: 'the context\'s mm has exited (mmget_not_zero fails)' };
}

/** The plan op of a successful mmget_not_zero: the ioctl holds an mm_users reference until its mmput. */
export const mmget = (mm: MmId): PlanOp => ({ op: 'mm_get', mm });

/** The state an ioctl machine waits in when its mmput runs exit_mmap (see withMmput). */
export const MMPUT_STATE = {
  mmput: { description: 'mmput dropped the last mm_users: __mmput runs exit_mmap, and the ioctl returns after it', on: { CHILD_DONE: 'done' } },
} as const;

/**
 * Wraps the handler of a state whose `ends` events end an ioctl that took mmget: that step also
 * drops the reference (mmput). When it was the mm's last user (every task exited during the ioctl)
 * the event becomes TEARDOWN, which spawns exit_mmap and waits for it in MMPUT_STATE, as
 * kernel/fork.c mmput → __mmput does in the ioctl's own context.
 */
export function withMmput<D extends { readonly uffd: UffdId }>(h: Handler<D>, ends: readonly string[]): Handler<D> {
  return (c) => {
    const o = h(c);
    if (!ends.includes(o.event)) return o;
    const mm = uffdCtx(c).mm;
    const plan = [...(o.plan ?? []), { op: 'mm_put', mm } as const];
    const m = c.world.mms.get(mm);
    if (!m || m.users !== 1 || c.world.tasks.some((t) => t.mm === mm)) return { ...o, plan };
    return {
      ...o, event: 'TEARDOWN', plan, out: { ...o.out, spawn: { kind: 'exit_mmap', data: exitData(mm) } },
      say: `${o.say}; its mmput drops the mm's last user (its tasks exited meanwhile), so __mmput runs exit_mmap before the ioctl returns`,
    };
  };
}

/** The handler of MMPUT_STATE: exit_mmap has finished. */
export function mmputDone<D>(): StepOut<D> {
  return { event: 'CHILD_DONE', fn: { file: 'kernel/fork.c', name: 'mmput' }, cost: 0, say: 'exit_mmap has torn the mm down; the ioctl returns' };
}

/**
 * An ioctl failure fs/userfaultfd.c returns before its put_user of the result field (preflight's, a
 * cross-mm UFFDIO_MOVE, an ioctl the kernel does not know): the field keeps whatever userspace put
 * there, so the result has no `bytes`.
 */
export function earlyError(errno: string): OpResult {
  return { ret: null, errno };
}

/** How an ioctl result reads in narration, e.g. "-1 (EAGAIN), copy = 8192". */
export function resultText(r: OpResult): string {
  const head = r.errno ? `-1 (${r.errno})` : String(r.ret);
  return r.bytes === undefined ? head : `${head}, result field ${r.bytes}`;
}
