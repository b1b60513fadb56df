// move_pages(2) (mm/migrate.c kernel_move_pages → do_pages_move): look each page up and queue it
// (add_folio_for_migration); a page that is not queued gets its status at once and first has the
// batch queued before it migrated (move_pages_and_store_status), as does the end of the array. A
// batch that migrated whole gets the node as status; one with failures leaves its entries unwritten
// and ends the call, returning the failures plus the pages never looked at; -ENOMEM fails the call.
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { PG } from '../model/folio';
import type { MmId, Pfn, TaskId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { vmaLookup } from '../model/mm';
import { findLeaf } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { Plan } from '../kernel/plan';
import { folioMaybeMappedShared } from '../kernel/rmap-walk';
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
    wait_migrate: { description: 'migrate_pages(MIGRATE_SYNC, MR_SYSCALL) the batch', on: { NEXT: 'add_folio_for_migration', DONE: 'done' } },
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
// Order as in 6.18: the zero folios (EFAULT), already on the node, shared (EACCES), isolation.
function lookup(c: C, addr: number): { status: string | number | null; why: string; pfn?: Pfn } {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm || !vmaLookup(mm, addr)) return { status: 'EFAULT', why: 'no VMA there' };
  const pte = findLeaf(c.world.tables, mm.pgd, addr)?.entry;
  if (!pte || (pte.kind !== 'present' && pte.kind !== 'huge')) return { status: 'ENOENT', why: 'nothing is mapped there' };
  if (pte.special) return { status: 'EFAULT', why: pte.kind === 'huge' ? 'it is the huge zero folio' : 'it is the shared zero page' };
  const f = folioOf(c.world.mem, pte.pfn);
  if (!f) return { status: 'ENOENT', why: 'no folio behind the PTE' };
  const what = f.order > 0 ? `the ${2 ** f.order}-page folio ${f.pfn}` : `folio ${f.pfn}`;
  if (f.node === d.node) return { status: d.node, why: `${what} is already on node ${d.node}` };
  if (folioMaybeMappedShared(c.world, f)) return { status: 'EACCES', why: `${what} is mapped by more than one process (folio_maybe_mapped_shared) and MPOL_MF_MOVE_ALL is not set` };
  if ((f.flags & PG.lru) === 0) return { status: 'EBUSY', why: `${what} is not on the LRU (already isolated: queued by an earlier page, or by someone else)` };
  if (f.order > 0) return { status: 'EBUSY', why: `${what} would migrate whole (PMD or PTE migration entries for every page), which is not modelled yet` };
  return { status: null, why: `${what} on node ${f.node} is isolated from the LRU (folio_isolate_lru takes a reference) and queued`, pfn: f.pfn };
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
  // do_pages_move migrates what is queued before a page it could not queue, and at the end.
  const flush = queued.length > 0 && (r.pfn === undefined || i === d.pages);
  if (flush) {
    return {
      event: 'MIGRATE', fn, cost: 200, plan: plan.ops, data, marks: MARK.syscall, say: `${say}; move_pages_and_store_status: migrate_pages for the ${plural(queued.length, 'queued folio')}`,
      out: { spawn: { kind: 'migrate_pages', data: migrateData(d.task, queued.map((q) => q.pfn), d.node, 'MR_SYSCALL') } },
    };
  }
  if (i < d.pages) return { event: 'NEXT', fn, cost: 200, plan: plan.ops, data, say };
  return { event: 'DONE', fn, cost: 200, plan: plan.ops, data: { ...data, result: { ret: 0, errno: null, status } }, say: `${say}; move_pages returns 0` };
}

function finish(c: C): O {
  const d = c.actor.data;
  const res = c.msg?.type === 'CHILD_DONE' ? c.msg.result : null;
  const failed = typeof res?.ret === 'number' ? res.ret : 0;
  const plan = new Plan();
  // putback_movable_pages: folios left behind go back on the LRU and drop the isolation reference.
  for (const q of d.queued) {
    const f = folioOf(c.world.mem, q.pfn);
    if (f && (f.flags & PG.lru) === 0 && f.mapcount > 0) plan.add({ op: 'folio_flags', pfn: q.pfn, set: PG.lru, clear: 0 }).add({ op: 'folio_ref', pfn: q.pfn, delta: -1 });
  }
  const fn = { file: MIG, name: 'move_pages_and_store_status' };
  if (res?.errno) {
    return { event: 'DONE', fn, cost: 100, plan: plan.ops, data: { ...d, queued: [], result: { ret: null, errno: res.errno, status: d.status } }, say: `migrate_pages failed with -${res.errno}: move_pages fails with ${res.errno}, the batch's status entries unwritten` };
  }
  if (failed) {
    // err += nr_pages - i, less the page whose status was just stored: the pages never looked at.
    const ret = failed + d.pages - d.i;
    return {
      event: 'DONE', fn, cost: 100, plan: plan.ops, data: { ...d, queued: [], result: { ret, errno: null, status: d.status } },
      say: `${plural(failed, 'folio')} could not be migrated: the batch's status entries stay unwritten and move_pages stops, returning ${ret}${ret > failed ? ` (with the ${plural(ret - failed, 'page')} it never looked at)` : ''}`,
    };
  }
  const status = d.status.map((x, j) => (d.queued.some((q) => q.index === j) ? d.node : x));
  const data = { ...d, queued: [], status };
  const say = `the ${plural(d.queued.length, 'queued page')} moved: status node ${d.node}`;
  if (d.i < d.pages) return { event: 'NEXT', fn, cost: 100, plan: plan.ops, data, say: `${say}; on to page ${d.i}` };
  return { event: 'DONE', fn, cost: 100, plan: plan.ops, data: { ...data, result: { ret: 0, errno: null, status } }, say: `${say}; move_pages returns 0` };
}

/** The move_pages machine. */
export const movePagesDef: MachineDef<MovePagesData> = {
  kind: 'move_pages', machine, waiting: states('wait_migrate'),
  handlers: { kernel_move_pages: start, add_folio_for_migration: add, wait_migrate: finish },
};
