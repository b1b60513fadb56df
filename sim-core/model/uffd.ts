// userfaultfd contexts (fs/userfaultfd.c struct userfaultfd_ctx): the fault messages a handler has
// not read yet (fault_pending_wqh), the ones it has read but not resolved (fault_wqh), and the
// features UFFDIO_API enabled. The faulting tasks themselves sleep in their fault machines.
import type { ActorId, MmId, TaskId, UffdId } from './ids';

/** UFFD_PAGEFAULT_FLAG_* (include/uapi/linux/userfaultfd.h). */
export const UFFD_PAGEFAULT_FLAG = { WRITE: 1 << 0, WP: 1 << 1, MINOR: 1 << 2 } as const;

/** One UFFD_EVENT_PAGEFAULT message and the fault waiting for it (struct userfaultfd_wait_queue). */
export interface UffdMsg {
  readonly id: number;
  /** msg.arg.pagefault.address: the page-aligned fault address (no UFFD_FEATURE_EXACT_ADDRESS). */
  readonly addr: number;
  readonly flags: number;
  readonly task: TaskId;
  /** The fault machine asleep in handle_userfault. */
  readonly actor: ActorId;
}

/** The UFFD_FEATURE_* bits a context may enable, in the scenario language's lower-case names. */
export type UffdFeature = 'sigbus' | 'wp_unpopulated' | 'thread_id' | 'exact_address';

/** struct userfaultfd_ctx, reduced to what the simulation needs. */
export interface UffdCtx {
  readonly id: UffdId;
  /** The scenario's name for it (`userfaultfd {as}`). */
  readonly name: string;
  readonly mm: MmId;
  /** The file descriptor number userfaultfd(2) returned. */
  readonly fd: number;
  readonly features: readonly UffdFeature[];
  /** fault_pending_wqh: faults queued, not yet read, oldest first (read() takes the oldest). */
  pending: UffdMsg[];
  /** fault_wqh: faults read by the handler, waiting for a wake. */
  read: UffdMsg[];
  nextMsg: number;
}

/** True if the context enabled a feature. */
export const uffdHas = (ctx: UffdCtx, f: UffdFeature): boolean => ctx.features.includes(f);

/** Every queued or read message whose page lies in [start, end) (what wake_userfault would wake). */
export function messagesIn(ctx: UffdCtx, start: number, end: number): UffdMsg[] {
  return [...ctx.pending, ...ctx.read].filter((m) => m.addr >= start && m.addr < end);
}

/** Deep copy of the mutable queues (messages themselves are immutable). */
export function cloneUffd(c: UffdCtx): UffdCtx {
  return { ...c, pending: c.pending.slice(), read: c.read.slice() };
}

/** The flags of a message as the kernel prints them (e.g. "WRITE|WP"). */
export function flagNames(flags: number): string {
  const out: string[] = [];
  if (flags & UFFD_PAGEFAULT_FLAG.WRITE) out.push('WRITE');
  if (flags & UFFD_PAGEFAULT_FLAG.WP) out.push('WP');
  if (flags & UFFD_PAGEFAULT_FLAG.MINOR) out.push('MINOR');
  return out.length ? out.join('|') : '0';
}

/** The context a scenario names, if its userfaultfd call has returned. */
export function uffdByName(uffds: ReadonlyMap<number, UffdCtx>, name: string): UffdCtx | undefined {
  for (const c of uffds.values()) if (c.name === name) return c;
  return undefined;
}
