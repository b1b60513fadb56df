// A task's progress through its scenario ops, and how its addresses resolve.
import type { OpResult, StepCtx, StepOut } from '../engine/types';
import type { TaskId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import type { AddrSpec } from '../scenarios/address';
import type { CompiledOp, TaskProgram } from '../scenarios/program';

/** Where a task is: op index, repetition, page within an access range, tags read so far. */
export interface TaskData {
  readonly task: TaskId;
  readonly op: number;
  readonly run: number;
  readonly page: number;
  readonly tags: readonly string[];
  /** The tags read so far differ. */
  readonly mixed: boolean;
  /** A fatal signal arrived while the task was inside a fault or a syscall. */
  readonly killed: string | null;
  readonly result: OpResult | null;
}

/** Data for a task about to start. */
export const taskData = (task: TaskId): TaskData => ({ task, op: 0, run: 0, page: 0, tags: [], mixed: false, killed: null, result: null });

export type TCtx = StepCtx<TaskData>;
export type TOut = StepOut<TaskData>;

/** The task's program. */
export function prog(c: TCtx): TaskProgram {
  const t = c.program.tasks[c.actor.data.task];
  if (!t) throw new Error(`no program for task ${c.actor.data.task}`);
  return t;
}

/** The op the task is on, if any. */
export const currentOp = (c: TCtx): CompiledOp | undefined => prog(c).ops[c.actor.data.op];

/** Address of a MAP_FAILED pointer: nothing is ever mapped there. */
export const MAP_FAILED = 2 ** 53 - 1;

/** A scenario problem found while running (a region used before its mmap returned). */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}

/** Resolves an address field for this run of the op, `page` pages into it. */
export function resolveAddr(c: TCtx, field: string, page = 0): number {
  const cop = currentOp(c);
  const spec: AddrSpec | undefined = cop?.addrs[field];
  if (!cop || !spec) throw new Error(`op has no ${field}`);
  const shift = (c.actor.data.run * cop.stride + page) * PAGE_SIZE;
  if (spec.kind === 'raw') return spec.addr + shift;
  const r = c.run.region(spec.region);
  if (!r) {
    const t = prog(c);
    throw new RunError(`tasks[${t.id}].ops[${c.actor.data.op}].${field}: region '${spec.region}' is used before its mmap has returned (add an "after" dependency)`);
  }
  return r.addr === null ? MAP_FAILED : r.addr + spec.first * PAGE_SIZE + shift;
}

/** The data after one run of the current op: next run, or next op. */
export function advance(c: TCtx): { data: TaskData; opDone?: number } {
  const d = c.actor.data;
  const cop = currentOp(c);
  if (cop && d.run + 1 < cop.repeat) return { data: { ...d, run: d.run + 1, page: 0, tags: [], mixed: false } };
  return { data: { ...d, op: d.op + 1, run: 0, page: 0, tags: [], mixed: false }, opDone: d.op };
}
