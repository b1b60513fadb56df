// Every machine the engine can run, by kind.
import type { MachineDef } from '../engine/types';
import { faultDef } from './fault';
import { flushIpiDef } from './flush-ipi';
import { mmapDef } from './mmap';
import { munmapDef } from './munmap';
import { shootdownDef } from './shootdown';
import { taskHandlers, taskMachine, taskWaiting } from './task';

const taskDef: MachineDef<unknown> = { kind: 'task', machine: taskMachine, handlers: taskHandlers as never, waiting: taskWaiting };

/** All machine definitions, keyed by kind. */
export const MACHINES: ReadonlyMap<string, MachineDef<unknown>> = new Map(
  ([taskDef, faultDef, shootdownDef, flushIpiDef, mmapDef, munmapDef] as MachineDef<unknown>[]).map((d) => [d.kind, d]),
);
