// Engine vocabulary: actors, messages between them, machine definitions and what one step produces.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { PlanOp } from '../kernel/plan';
import type { ActorId, CpuId, TaskId } from '../model/ids';
import type { World } from '../model/world';
import type { Program } from '../scenarios/program';

/** The kernel code a step models, e.g. { file: 'mm/memory.c', name: 'do_anonymous_page' }. */
export interface KernelFn { readonly file: string; readonly name: string }

/** What an operation returned, in the CLI's result vocabulary. */
export interface OpResult {
  readonly ret: string | number | null;
  readonly errno: string | null;
  readonly signal?: string;
  readonly bytes?: number;
  /** move_pages: per page a node, an errno name, or null where the kernel left the entry unwritten. */
  readonly status?: readonly (string | number | null)[];
}

/** A message waiting in an actor's inbox; `at` is its arrival time in ns. */
export type Message =
  | { readonly type: 'CHILD_DONE'; readonly at: number; readonly from: ActorId; readonly result: OpResult | null }
  | { readonly type: 'IPI_ACK'; readonly at: number; readonly cpu: CpuId }
  | { readonly type: 'WAKE'; readonly at: number }
  | { readonly type: 'KILL'; readonly at: number; readonly signal: string };

/** A running state machine with its engine-side data. */
export interface Actor<D = unknown> {
  readonly id: ActorId;
  readonly kind: string;
  readonly cpu: CpuId;
  readonly parent: ActorId | null;
  /** The task on whose behalf it runs (null for interrupt handlers). */
  readonly task: TaskId | null;
  snapshot: AnyMachineSnapshot;
  data: D;
  inbox: Message[];
  /** Earliest simulated time at which it may run. */
  readyAt: number;
}

/** Payloads for the actions a machine may emit on a transition. */
export interface ActionPayloads {
  /** `spawn`: start a child machine on the same CPU; the parent waits for CHILD_DONE. */
  readonly spawn?: { readonly kind: string; readonly data: unknown };
  /** `sendIpis`: start a flush_tlb_func handler on each target CPU. */
  readonly ipis?: { readonly targets: readonly CpuId[]; readonly data: unknown; readonly latency: number };
  /** `ack`: csd unlock, seen by the initiator after `latency` ns. */
  readonly ack?: { readonly to: ActorId; readonly latency: number };
  /** `wake`: wake blocked actors (a lock released, a process killed). */
  readonly wake?: readonly { readonly actor: ActorId; readonly msg: Message }[];
  /** `startTask`: a fork child begins running. */
  readonly startTask?: TaskId;
}

/** Everything one step of one actor produces. */
export interface StepOut<D> {
  /** The event fed to the machine's transition. */
  readonly event: string;
  readonly fn: KernelFn;
  /** One line of narration: what this step does and why. `{ref}` placeholders name allocated PFNs. */
  readonly say: string;
  /** Modelled cost in ns (see engine/costs.ts for the sources). */
  readonly cost: number;
  readonly plan?: readonly PlanOp[];
  readonly data?: D;
  readonly out?: ActionPayloads;
  /** A task finished one run of an op with this result. */
  readonly result?: OpResult;
  /** A task completed op number `opDone` (all its runs): dependents may proceed. */
  readonly opDone?: number;
  /** Trace markers for the scrubber. */
  readonly marks?: number;
  /** Invariant breaks the handler saw (e.g. a stale TLB entry used outside any flush window). */
  readonly violations?: readonly string[];
}

/** Read-only context a step handler sees. */
export interface StepCtx<D> {
  readonly world: World;
  readonly actor: Actor<D>;
  readonly msg: Message | null;
  readonly now: number;
  readonly program: Program;
  readonly run: RunView;
}

/** What handlers may ask the engine about (beyond the world). */
export interface RunView {
  /** Completed ops of a task (for `after`). */
  opsDone(task: TaskId): number;
  /** Start address and size of a named region, or undefined if its mmap has not returned. */
  region(name: string): { readonly addr: number | null; readonly pages: number } | undefined;
  /** The task's own (root) actor, if it is alive. */
  taskActor(task: TaskId): Actor | undefined;
  /** The actor with this id. */
  actor(id: ActorId): Actor | undefined;
  /** True while a flush_tlb_mm_range for this mm has not completed (the window stale TLB entries may live in). */
  flushInFlight(mm: number): boolean;
  /** Actors sleeping on a wait queue (their data's `waitOn` equals `key`, e.g. "folio:12"). */
  waitersOn(key: string): readonly Actor[];
  /** A task other than `except` on `cpu` with an actor ready to run (woken, or not yet started), or null. */
  readyTaskOn(cpu: CpuId, except: TaskId): TaskId | null;
  /** The live actors running machine `kind` (e.g. the other UFFDIO_MOVE calls, for their page-table locks). */
  actorsOfKind(kind: string): readonly Actor[];
}

/** A step handler: pure, reads the world, returns a plan and an event. */
export type Handler<D> = (ctx: StepCtx<D>) => StepOut<D>;

/** One kind of actor: its statechart and the kernel handler for each non-final state. */
export interface MachineDef<D> {
  readonly kind: string;
  readonly machine: AnyStateMachine;
  readonly handlers: Readonly<Record<string, Handler<D>>>;
  /** States that proceed only when a message arrives. */
  readonly waiting: ReadonlySet<string>;
  /** Waiting states in which the CPU busy-waits (the wait counts as CPU time). */
  readonly spinning?: ReadonlySet<string>;
  /** Interrupt handlers run before anything else queued on their CPU. */
  readonly irq?: boolean;
}

/** Trace marker bits. */
export const MARK = { fault: 1, ipi: 2, violation: 4, flush: 8, syscall: 16, choice: 32, alloc: 64, free: 128 } as const;
