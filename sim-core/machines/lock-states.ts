// The lock-taking head every mm-changing syscall shares: take mmap_lock (and the VMA write locks)
// or queue for it, then continue at `next`. The engine releases what a machine holds when it ends.
import type { Handler, StepCtx } from '../engine/types';
import { acquire, WHOLE_MM, writeRange } from '../kernel/mmap-lock';
import { Plan } from '../kernel/plan';
import type { MmId } from '../model/ids';
import { hex } from '../model/layout';

/** xstate states: `mmap_lock` then `next`, or through `wait_mmap_lock`. */
export function lockStates(next: string) {
  return {
    mmap_lock: { description: 'mmap_write_lock / vma_start_write', on: { LOCKED: next, WAIT: 'wait_mmap_lock' } },
    wait_mmap_lock: { description: 'blocked on mmap_lock', on: { WAKE: next } },
  };
}

/** What to lock: which mm, read or write, over which addresses (null: the whole mm). */
export interface LockSpec { readonly mm: MmId; readonly write: boolean; readonly range: readonly [number, number] | null }

/** Handlers for lockStates. */
export function lockHandlers<D>(spec: (c: StepCtx<D>) => LockSpec, name: string): Record<string, Handler<D>> {
  return {
    mmap_lock: (c) => {
      const s = spec(c);
      const mm = c.world.mms.get(s.mm);
      if (!mm) throw new Error(`${name} on a dead mm`);
      const [start, end] = s.range ? (s.write ? writeRange(mm, s.range[0], s.range[1]) : s.range) : WHOLE_MM;
      const plan = new Plan();
      const got = acquire(c.world, mm, { actor: c.actor.id, write: s.write, start, end }, plan);
      const what = `${s.write ? 'mmap_write_lock' : 'mmap_read_lock'}${s.range && c.world.cfg.features.perVmaLock ? ` (VMAs over [${hex(start)}, ${end === Infinity ? 'top' : hex(end)}))` : ''}`;
      return {
        event: got ? 'LOCKED' : 'WAIT', fn: { file: 'include/linux/mmap_lock.h', name: s.write ? 'mmap_write_lock' : 'mmap_read_lock' }, cost: 40, plan: plan.ops,
        say: got ? `${name} takes ${what}` : `${name} must wait for ${what}: another task holds a conflicting lock`,
      };
    },
    wait_mmap_lock: () => ({ event: 'WAKE', fn: { file: 'kernel/locking/rwsem.c', name: 'rwsem_wake' }, cost: 0, say: `${name} gets the lock it was waiting for` }),
  };
}

/** The waiting state name every lock head uses. */
export const LOCK_WAIT = 'wait_mmap_lock';
