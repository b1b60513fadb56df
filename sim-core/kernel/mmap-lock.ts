// mmap_lock and per-VMA locks (mm/mmap_lock.c, include/linux/mmap_lock.h), reduced to ranges:
// readers share, a writer excludes readers and writers whose ranges overlap its own.
import type { Message } from '../engine/types';
import type { ActorId } from '../model/ids';
import type { LockHold, Mm } from '../model/mm';
import { vmasInRange } from '../model/mm';
import type { World } from '../model/world';
import type { Plan } from './plan';

/** Whole-address-space range (mmap_write_lock without per-VMA precision). */
export const WHOLE_MM: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

function conflicts(w: World, a: LockHold, b: LockHold): boolean {
  if (!a.write && !b.write) return false;
  if (!w.cfg.features.perVmaLock) return true;
  return a.start < b.end && b.start < a.end;
}

/** The range a writer locks: every VMA touching [start, end) in full (they may be split or merged). */
export function writeRange(mm: Mm, start: number, end: number): [number, number] {
  let lo = start;
  let hi = end;
  for (const v of vmasInRange(mm, Math.max(0, start - 1), end + 1)) {
    lo = Math.min(lo, v.start);
    hi = Math.max(hi, v.end);
  }
  return [lo, hi];
}

/** Takes the lock if nothing held or queued before conflicts (rwsem FIFO fairness), else queues. */
export function acquire(w: World, mm: Mm, hold: LockHold, plan: Plan): boolean {
  const l = mm.mmapLock;
  const blocked = l.holders.some((h) => h.actor !== hold.actor && conflicts(w, h, hold)) || l.waiters.some((h) => conflicts(w, h, hold));
  plan.add({ op: blocked ? 'lock_wait' : 'lock_hold', mm: mm.id, hold });
  return !blocked;
}

/**
 * Releases what `actor` holds and grants waiters in FIFO order while they do not conflict with the
 * remaining holders or with a waiter still queued ahead of them. Returns the wake-ups to send.
 */
export function release(w: World, mm: Mm, actor: ActorId, now: number, plan: Plan, keep?: LockHold): { actor: ActorId; msg: Message }[] {
  const holders = mm.mmapLock.holders.filter((h) => h.actor !== actor);
  if (keep) holders.push(keep);
  plan.add({ op: 'lock_drop', mm: mm.id, actor });
  if (keep) plan.add({ op: 'lock_hold', mm: mm.id, hold: keep });
  const wake: { actor: ActorId; msg: Message }[] = [];
  const stillWaiting: LockHold[] = [];
  for (const h of mm.mmapLock.waiters) {
    if (holders.some((x) => conflicts(w, x, h)) || stillWaiting.some((x) => conflicts(w, x, h))) {
      stillWaiting.push(h);
      continue;
    }
    holders.push(h);
    plan.add({ op: 'lock_hold', mm: mm.id, hold: h });
    wake.push({ actor: h.actor, msg: { type: 'WAKE', at: now } });
  }
  return wake;
}

/** True if `actor` holds a lock on this mm. */
export const holds = (mm: Mm, actor: ActorId): boolean => mm.mmapLock.holders.some((h) => h.actor === actor);
