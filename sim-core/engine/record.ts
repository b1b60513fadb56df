// What one step produced, as the trace and the views see it.
import type { PlanOp } from '../kernel/plan';
import type { ActorId, TaskId } from '../model/ids';
import type { KernelFn, MachineDef } from './types';

/** Everything one step did, for the trace, the narration and the views. */
export interface StepRecord {
  readonly step: number;
  readonly actor: ActorId;
  readonly kind: string;
  readonly cpu: number;
  readonly task: TaskId | null;
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly fn: KernelFn;
  readonly say: string;
  readonly cost: number;
  /** Simulated time at which the step started on its CPU. */
  readonly at: number;
  readonly plan: readonly PlanOp[];
  readonly marks: number;
  readonly violations: readonly string[];
  /** How many actors could have run at this step (a choice point when more than one). */
  readonly runnable: number;
  readonly spawned: readonly ActorId[];
}

/** Machine definitions by kind. */
export type Defs = ReadonlyMap<string, MachineDef<unknown>>;

/** Top-level fields of handler data that name a plan reference become the PFN it was bound to. */
export function resolveDataRefs(data: unknown, refs: ReadonlyMap<string, number>): unknown {
  if (refs.size === 0 || data === null || typeof data !== 'object') return data;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(data)) {
    if (v && typeof v === 'object' && 'ref' in v && typeof (v as { ref: unknown }).ref === 'string') {
      out ??= { ...(data as Record<string, unknown>) };
      out[k] = refs.get((v as { ref: string }).ref);
    }
  }
  return out ?? data;
}

