// move_pages(2) (mm/migrate.c kernel_move_pages → do_pages_move): look each page up and queue it
// (add_folio_for_migration), then migrate_pages(MIGRATE_SYNC, MR_SYSCALL) the batch, then report
// a status per page, exactly as the syscall does: a node, an errno, or nothing when the batch failed.
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { PG } from '../model/folio';
import type { MmId, Pfn, TaskId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { vmaLookup } from '../model/mm';
import { findLeaf } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { Plan } from '../kernel/plan';
import { plural } from '../kernel/words';
import { machineSetup, states } from './common';
import { migrateData } from './migrate';

/** A move_pages call. */
export interface MovePagesData {
  readonly mm: MmId;
  readonly task: TaskId;
  readonly start: number;
  readonly pages: number;
  readonly node: number;
  readonly i: number;
  readonly status: readonly (string | number | null)[];
  readonly queued: readonly { readonly index: number; readonly pfn: Pfn }[];
  readonly result: OpResult | null;
}

/** Data for move_pages of `pages` pages at `start` to `node`. */
export function movePagesData(mm: MmId, task: TaskId, start: number, pages: number, node: number): MovePagesData {
  return { mm, task, start, pages, node, i: 0, status: new Array<null>(pages).fill(null), queued: [], result: null };
}

type C = StepCtx<MovePagesData>;
type O = StepOut<MovePagesData>;
const MIG = 'mm/migrate.c';

const machine = machineSetup.createMachine({
  id: 'move_pages',
  initial: 'kernel_move_pages',
  states: {
    kernel_move_pages: { description: 'check the target node', on: { LOOKUP: 'add_folio_for_migration', ERROR: 'done' } },
    add_folio_for_migration: { description: 'look the page up; isolate it from the LRU', on: { NEXT: 'add_folio_for_migration', MIGRATE: { target: 'wait_migrate', actions: 'spawn' }, DONE: 'done' } },
    wait_migrate: { description: 'migrate_pages(MIGRATE_SYNC, MR_SYSCALL)', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

function start(c: C): O {
  const d = c.actor.data;
  const fn = { file: MIG, name: 'kernel_move_pages' };
  // do_pages_move: a node outside [0, MAX_NUMNODES) or without memory fails the whole call.
  if (d.node >= c.world.cfg.nodes) return { event: 'ERROR', fn, cost: 300, data: { ...d, result: { ret: null, errno: 'ENODEV' } }, say: `node ${d.node} does not exist (the machine has ${plural(c.world.cfg.nodes, 'node')}): move_pages fails with ENODEV` };
  return { event: 'LOOKUP', fn, cost: 300, say: `move_pages of ${plural(d.pages, 'page')} to node ${d.node} (MPOL_MF_MOVE: pages mapped by one process only)` };
}

// __add_folio_for_migration: the status a page gets, or null when it is queued for migration.
function lookup(c: C, addr: number): { status: string | number | null; why: string; pfn?: Pfn } {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm || !vmaLookup(mm, addr)) return { status: 'EFAULT', why: 'no VMA there' };
  const pte = findLeaf(c.world.tables, mm.pgd, addr)?.entry;
  if (pte?.kind === 'huge') return { status: pte.special ? 'EFAULT' : 'EBUSY', why: pte.special ? 'it is the huge zero folio' : 'a PMD-mapped THP (migrating it whole with a PMD migration entry is not modelled yet)' };
  if (!pte || pte.kind !== 'present') return { status: 'ENOENT', why: 'nothing is mapped there' };
  if (pte.special) return { status: 'EFAULT', why: 'it is the shared zero page' };
  const f = folioOf(c.world.mem, pte.pfn);
  if (!f) return { status: 'ENOENT', why: 'no folio behind the PTE' };
  if (f.node === d.node) return { status: d.node, why: `folio ${f.pfn} is already on node ${d.node}` };
  if (f.mapcount > 1) return { status: 'EACCES', why: `folio ${f.pfn} is mapped by ${f.mapcount} page tables (folio_maybe_mapped_shared) and MPOL_MF_MOVE_ALL is not set` };
  if ((f.flags & PG.lru) === 0) return { status: 'EBUSY', why: `folio ${f.pfn} is not on the LRU (someone else isolated it)` };
  return { status: null, why: `folio ${f.pfn} on node ${f.node} is isolated from the LRU (folio_isolate_lru takes a reference) and queued`, pfn: f.pfn };
}

function add(c: C): O {
  const d = c.actor.data;
  const addr = d.start + d.i * PAGE_SIZE;
  const r = lookup(c, addr);
  const plan = new Plan();
  let queued = d.queued;
  let status = d.status;
  if (r.pfn !== undefined) {
    plan.add({ op: 'folio_flags', pfn: r.pfn, set: 0, clear: PG.lru }).add({ op: 'folio_ref', pfn: r.pfn, delta: 1 });
    queued = [...queued, { index: d.i, pfn: r.pfn }];
  } else status = status.map((x, j) => (j === d.i ? r.status : x));
  const i = d.i + 1;
  const data = { ...d, i, queued, status };
  const fn = { file: MIG, name: 'add_folio_for_migration' };
  const say = `page ${d.i} at ${hex(addr)}: ${r.why}${r.status === null ? '' : ` → status ${String(r.status)}`}`;
  if (i < d.pages) return { event: 'NEXT', fn, cost: 200, plan: plan.ops, data, say };
  if (queued.length === 0) return { event: 'DONE', fn, cost: 200, plan: plan.ops, data: { ...data, result: { ret: 0, errno: null, status } }, say: `${say}; nothing to migrate: move_pages returns 0` };
  return {
    event: 'MIGRATE', fn, cost: 200, plan: plan.ops, data, marks: MARK.syscall, say: `${say}; migrate_pages for the ${plural(queued.length, 'queued folio')}`,
    out: { spawn: { kind: 'migrate_pages', data: migrateData(d.task, queued.map((q) => q.pfn), d.node, 'MR_SYSCALL') } },
  };
}

function finish(c: C): O {
  const d = c.actor.data;
  const failed = c.msg?.type === 'CHILD_DONE' && typeof c.msg.result?.ret === 'number' ? c.msg.result.ret : 0;
  const plan = new Plan();
  // putback_movable_pages: folios left behind go back on the LRU and drop the isolation reference.
  for (const q of d.queued) {
    const f = folioOf(c.world.mem, q.pfn);
    if (f && (f.flags & PG.lru) === 0 && f.mapcount > 0) plan.add({ op: 'folio_flags', pfn: q.pfn, set: PG.lru, clear: 0 }).add({ op: 'folio_ref', pfn: q.pfn, delta: -1 });
  }
  // move_pages_and_store_status writes the batch's status only when the whole batch migrated.
  const status = failed ? d.status : d.status.map((x, j) => (d.queued.some((q) => q.index === j) ? d.node : x));
  return {
    event: 'DONE', fn: { file: MIG, name: 'move_pages_and_store_status' }, cost: 100, plan: plan.ops, data: { ...d, result: { ret: failed, errno: null, status } },
    say: failed ? `${plural(failed, 'folio')} could not be migrated: move_pages returns ${failed} and leaves the batch's status entries unwritten` : `every queued page moved: their status is node ${d.node}; move_pages returns 0`,
  };
}

/** The move_pages machine. */
export const movePagesDef: MachineDef<MovePagesData> = {
  kind: 'move_pages', machine, waiting: states('wait_migrate'),
  handlers: { kernel_move_pages: start, add_folio_for_migration: add, wait_migrate: finish },
};
