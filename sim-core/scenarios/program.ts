// A validated scenario compiled for the engine: tasks by id, resolved dependencies and addresses.
import type { TaskId } from '../model/ids';
import type { AddrSpec } from './address';
import type { ParamValue } from './expr';
import type { ParamDecl } from './params';
import type { Scenario, ScenarioOp } from './schema';

/** A dependency of an op: op `op` of task `task` must have completed. */
export interface Dep { readonly task: TaskId; readonly op: number }

/** One op with its parsed addresses. */
export interface CompiledOp {
  readonly op: ScenarioOp;
  readonly after: Dep | null;
  /** Parsed address fields by name (addr, dst, src, at). */
  readonly addrs: Readonly<Record<string, AddrSpec>>;
  readonly repeat: number;
  readonly stride: number;
}

/** One task of the program. */
export interface TaskProgram {
  readonly id: TaskId;
  readonly name: string;
  readonly process: string;
  readonly cpu: number;
  readonly forkedBy: TaskId | null;
  readonly ops: readonly CompiledOp[];
}

/** The parameters a program was compiled with. */
export interface ProgramParams {
  /** The scenario's declarations, in document order (empty when it declares none). */
  readonly paramDecls: readonly ParamDecl[];
  /** The value of every declared parameter in this run: its default unless overridden. */
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** No parameters: a scenario that declares none. */
export const NO_PARAMS: ProgramParams = { paramDecls: [], params: {} };

/** A runnable scenario. */
export interface Program extends ProgramParams {
  /** The expanded v1 document: references replaced, instances spelt out, no "params". */
  readonly scenario: Scenario;
  readonly kernel: string;
  readonly tasks: readonly TaskProgram[];
  readonly taskByName: ReadonlyMap<string, TaskId>;
}
