// Pieces every userfaultfd ioctl machine shares: its context, and the ioctl's result as userspace sees
// it (the return value and the result field the kernel writes: bytes done, or -errno).
import type { OpResult, StepCtx } from '../engine/types';
import { negErrno } from '../model/errno';
import type { MmId, UffdId } from '../model/ids';
import { hex } from '../model/layout';
import type { World } from '../model/world';
import type { UffdCtx } from '../model/uffd';
import { type UffdError, validateRange } from '../kernel/uffd-fill';

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

// mmget_not_zero (include/linux/sched/mm.h): the mm still has a user (mm_users > 0), a task whose mm it is.
const mmgetNotZero = (w: World, mm: MmId): boolean => w.mms.has(mm) && w.tasks.some((t) => t.mm === mm);

/**
 * The checks fs/userfaultfd.c makes before it touches memory (6.18 userfaultfd_copy, userfaultfd_zeropage,
 * userfaultfd_move): validate_range on each [start, len) range (EINVAL), then mmget_not_zero (ESRCH).
 */
export function preflight(w: World, mm: MmId, ranges: readonly (readonly [number, number])[]): UffdError | null {
  for (const [start, len] of ranges) {
    const bad = validateRange(start, len);
    if (bad) return { errno: bad, why: `validate_range refuses [${hex(start)}, +${len})` };
  }
  return mmgetNotZero(w, mm) ? null : { errno: 'ESRCH', why: 'the context\'s mm has exited (mmget_not_zero fails)' };
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
