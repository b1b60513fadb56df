// The userfaultfd part of the view model (frame.ts): contexts, their message queues, the tasks asleep
// in handle_userfault, the handler threads and the ioctls in flight. Plain data, structured-cloneable.

/** One UFFD_EVENT_PAGEFAULT message (struct uffd_msg) as the handler's read() returns it. */
export interface UffdMsgView {
  readonly id: number;
  /** msg.arg.pagefault.address (page aligned unless UFFD_FEATURE_EXACT_ADDRESS). */
  readonly addr: number;
  /** UFFD_PAGEFAULT_FLAG_* names without the prefix: "WRITE", "WP", "MINOR". */
  readonly flags: readonly string[];
  /** The faulting task. */
  readonly task: string;
  /** msg.arg.pagefault.feat.ptid (the simulated thread id) with UFFD_FEATURE_THREAD_ID, else null. */
  readonly tid: number | null;
}

/** A task asleep in handle_userfault on a context (its fault machine in userfault_wait). */
export interface UffdWaiterView {
  /** The fault machine. */
  readonly actor: number;
  readonly task: string;
  readonly cpu: number;
  readonly addr: number;
  readonly write: boolean;
  /** The message it sleeps on. */
  readonly msg: number;
  /** wake_userfault took its message off both queues: it runs again with VM_FAULT_RETRY. */
  readonly woken: boolean;
}

/** A userfaultfd ioctl (or registration) in flight on a context. */
export interface UffdIoctlView {
  readonly actor: number;
  /** UFFDIO_COPY, UFFDIO_ZEROPAGE, UFFDIO_MOVE (UFFDIO_REMAP), UFFDIO_WRITEPROTECT, UFFDIO_WAKE, UFFDIO_REGISTER. */
  readonly name: string;
  /** Mode words worth naming ("WP" to protect, "0" to un-protect, "DONTWAKE"). */
  readonly mode: string;
  readonly task: string;
  /** Its machine's state (the kernel function it is in). */
  readonly state: string;
  readonly start: number;
  readonly len: number;
  /** The handler loop (uffd_serve actor) that issued it; null for an ioctl a task calls itself. */
  readonly handler: number | null;
}

/** How a handler loop resolves each fault. */
export type UffdResolve = 'copy' | 'zeropage' | 'move' | 'unprotect';

/** What a handler thread (uffd_serve) is doing. */
export type UffdHandlerState = 'poll' | 'read' | 'resolve' | 'save' | 'ioctl' | 'done';

/** A handler loop reading this context (QEMU's postcopy thread, a snapshot thread). */
export interface UffdHandlerView {
  readonly actor: number;
  readonly task: string;
  readonly cpu: number;
  readonly state: UffdHandlerState;
  /** How it answers each fault (uffd_serve's `resolve`). */
  readonly resolve: UffdResolve;
  /** The ioctl that does it: UFFDIO_COPY, UFFDIO_ZEROPAGE, UFFDIO_MOVE (UFFDIO_REMAP before 6.8), UFFDIO_WRITEPROTECT. */
  readonly resolveWith: string;
  readonly served: number;
  readonly count: number;
  /** The message it read and is resolving. */
  readonly msg: UffdMsgView | null;
  /** The ioctl it is in (state "ioctl"). */
  readonly ioctl: UffdIoctlView | null;
}

/** A VMA registered with a context (vm_userfaultfd_ctx), with its VM_UFFD_* modes. */
export interface UffdRangeView {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
  /** "MISSING", "WP", "MINOR". */
  readonly modes: readonly string[];
}

/** A userfaultfd context (struct userfaultfd_ctx). */
export interface UffdView {
  readonly id: number;
  readonly fd: number;
  /** The scenario's name for it. */
  readonly name: string;
  readonly mm: number;
  readonly process: string;
  /** UFFD_FEATURE_* names UFFDIO_API enabled, without the prefix ("THREAD_ID"). */
  readonly features: readonly string[];
  readonly ranges: readonly UffdRangeView[];
  /** fault_pending_wqh: not read yet, oldest first. */
  readonly pending: readonly UffdMsgView[];
  /** fault_wqh: read by the handler, waiting for a wake. */
  readonly read: readonly UffdMsgView[];
  readonly waiters: readonly UffdWaiterView[];
  readonly handlers: readonly UffdHandlerView[];
  /** Every ioctl in flight on the context (a handler's too). */
  readonly ioctls: readonly UffdIoctlView[];
  /** Message ids the step that led here queued, moved to fault_wqh (read) and woke. */
  readonly moved: { readonly queued: readonly number[]; readonly read: readonly number[]; readonly woken: readonly number[] };
}
