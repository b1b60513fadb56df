// Every machine the engine can run, by kind.
import type { MachineDef } from '../engine/types';
import { exitMmapDef } from './exit-mmap';
import { faultDef } from './fault';
import { forkDef } from './fork';
import { pinDef, unpinDef } from './gup';
import { madviseDef } from './madvise';
import { migrateDef } from './migrate';
import { movePagesDef } from './move-pages';
import { reclaimDef } from './reclaim';
import { rmapWalkDef } from './rmap-walk';
import { mprotectDef } from './mprotect';
import { flushIpiDef } from './flush-ipi';
import { mmapDef } from './mmap';
import { munmapDef } from './munmap';
import { shootdownDef } from './shootdown';
import { taskHandlers, taskMachine, taskWaiting } from './task';
import { syscallErrorDef, uffdApiDef, uffdRegisterDef, uffdWakeDef } from './uffd';
import { mfillDef } from './uffd-fill';
import { uffdMoveDef } from './uffd-move';
import { uffdServeDef } from './uffd-serve';
import { uffdWpDef } from './uffd-wp';

const taskDef: MachineDef<unknown> = { kind: 'task', machine: taskMachine, handlers: taskHandlers as never, waiting: taskWaiting };

/** All machine definitions, keyed by kind. */
export const MACHINES: ReadonlyMap<string, MachineDef<unknown>> = new Map(
  ([taskDef, faultDef, shootdownDef, flushIpiDef, mmapDef, munmapDef, mprotectDef, madviseDef, forkDef, pinDef, unpinDef, exitMmapDef, rmapWalkDef, migrateDef, movePagesDef, reclaimDef,
    syscallErrorDef, uffdApiDef, uffdRegisterDef, uffdWakeDef, mfillDef, uffdMoveDef, uffdWpDef, uffdServeDef] as MachineDef<unknown>[]).map((d) => [d.kind, d]),
);
