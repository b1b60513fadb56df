// migrate_pages (mm/migrate.c) for a list of isolated folios: in MIGRATE_SYNC, first
// migrate_pages_batch in ASYNC mode (3 passes: unmap all with batched flushes, one
// try_to_unmap_flush, move all), then each folio still failing alone in SYNC mode (7 passes,
// immediate flushes). A folio that stays mapped (a pinned page) fails with -EAGAIN each time.
import { FOLIO_COPY, MIGRATE_FOLIO } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { PG } from '../model/folio';
import type { Pfn, TaskId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import { folioOf, nodeFreePages } from '../model/physmem';
import { Plan } from '../kernel/plan';
import { batchFlushData } from '../kernel/tlb';
import { plural } from '../kernel/words';
import { wakeFolioWaiters } from '../kernel/sched';
import { machineSetup, states } from './common';
import { rmapWalkData } from './rmap-walk';

/** One folio on migrate_pages' list. */
export interface MigFolio { readonly src: Pfn; readonly dst: Pfn | null; readonly state: 'queued' | 'unmapped' | 'done' | 'failed'; readonly tries: number }

/** A migrate_pages call. */
export interface MigrateData {
  readonly task: TaskId;
  readonly node: number;
  readonly mode: 'async' | 'sync';
  readonly pass: number;
  readonly stage: 'unmap' | 'flush' | 'move';
  readonly cursor: number;
  readonly folios: readonly MigFolio[];
  readonly reason: string;
  /** The target folio just allocated (a top-level field so the engine can resolve its PFN). */
  readonly newDst: Pfn | null;
  /** A target allocation failed: no other folio is tried, and migrate_pages returns -ENOMEM. */
  readonly enomem: boolean;
  readonly result: OpResult | null;
}

/** Data for migrating `pfns` (already isolated) to `node`. */
export function migrateData(task: TaskId, pfns: readonly Pfn[], node: number, reason: string): MigrateData {
  return { task, node, mode: 'async', pass: 1, stage: 'unmap', cursor: 0, folios: pfns.map((src) => ({ src, dst: null, state: 'queued', tries: 0 })), reason, newDst: null, enomem: false, result: null };
}

type C = StepCtx<MigrateData>;
type O = StepOut<MigrateData>;
const MIG = 'mm/migrate.c';
/** NR_MAX_MIGRATE_ASYNC_RETRY and NR_MAX_MIGRATE_SYNC_RETRY: 3 async passes, then 7 sync ones. */
const PASSES = { async: 3, sync: 7 } as const;

const machine = machineSetup.createMachine({
  id: 'migrate_pages',
  initial: 'next',
  states: {
    next: { description: 'pick the next folio or phase', on: { UNMAP: 'migrate_folio_unmap', FLUSH: { target: 'try_to_unmap_flush', actions: 'spawn' }, MOVE: 'migrate_folio_move', NEXT: 'next', FINISH: 'done' } },
    migrate_folio_unmap: { description: 'lock the folio, allocate the target, try_to_migrate', on: { WALK: { target: 'wait_unmap', actions: 'spawn' }, NEXT: 'next' } },
    wait_unmap: { description: 'rmap walk installing migration entries', on: { UNMAPPED: 'next', EAGAIN: { target: 'next', actions: 'wake' } } },
    try_to_unmap_flush: { description: 'one IPI round for the whole batch', on: { FLUSHED: 'next' } },
    migrate_folio_move: { description: 'copy, then remove_migration_ptes', on: { WALK: { target: 'wait_remove', actions: 'spawn' } } },
    wait_remove: { description: 'rmap walk restoring PTEs to the new folio', on: { MOVED: { target: 'next', actions: 'wake' } } },
    done: { type: 'final' },
  },
});

const set = (d: MigrateData, i: number, f: Partial<MigFolio>): readonly MigFolio[] => d.folios.map((x, j) => (j === i ? { ...x, ...f } : x));

// What comes after the current position: the next folio of this stage, the next stage, pass or mode.
function next(c: C): O {
  const d = c.actor.data;
  const fn = { file: MIG, name: d.mode === 'async' ? 'migrate_pages_batch' : 'migrate_pages_sync' };
  const find = (st: MigFolio['state']) => d.folios.findIndex((f, i) => i >= d.cursor && f.state === st && (d.mode === 'async' || i === syncIndex(d)));
  if (d.stage === 'unmap') {
    const i = d.enomem ? -1 : find('queued');
    if (i >= 0) return { event: 'UNMAP', fn, cost: 0, data: { ...d, cursor: i }, say: `pass ${d.pass} (${d.mode}): unmap folio ${d.folios[i]?.src}` };
    const batch = c.world.tlbUbc.get(d.task);
    if (batch) return { event: 'FLUSH', fn: { file: 'mm/rmap.c', name: 'try_to_unmap_flush' }, cost: 0, data: { ...d, stage: 'move', cursor: 0 }, marks: MARK.flush, say: 'every folio of the batch is unmapped: try_to_unmap_flush sends one IPI round for all the deferred PTE clears', out: { spawn: { kind: 'flush_tlb_mm_range', data: batchFlushData(batch.cpus, batch.mms as never, 'migrate_pages_batch (try_to_unmap_flush)') } } };
    return { event: 'NEXT', fn, cost: 0, data: { ...d, stage: 'move', cursor: 0 }, say: 'no flush is pending: on to the move phase' };
  }
  const m = find('unmapped');
  if (m >= 0) return { event: 'MOVE', fn, cost: 0, data: { ...d, cursor: m }, say: `move folio ${d.folios[m]?.src} to its new frame` };
  return endOfPass(d, fn);
}

// The first folio still queued, which the sync phase retries alone.
const syncIndex = (d: MigrateData): number => d.folios.findIndex((f) => f.state === 'queued');

function endOfPass(d: MigrateData, fn: { file: string; name: string }): O {
  const left = d.folios.filter((f) => f.state === 'queued').length;
  if (d.enomem) return finish(d, `out of memory on node ${d.node}: ${left ? `${plural(left, 'folio')} never tried, ` : ''}no further pass`);
  if (left && d.pass < PASSES[d.mode]) return { event: 'NEXT', fn, cost: 0, data: { ...d, pass: d.pass + 1, stage: 'unmap', cursor: 0 }, say: `${plural(left, 'folio')} failed with -EAGAIN: pass ${d.pass + 1}` };
  if (left && d.mode === 'async') return { event: 'NEXT', fn: { file: MIG, name: 'migrate_pages_sync' }, cost: 0, data: { ...d, mode: 'sync', pass: 1, stage: 'unmap', cursor: 0 }, say: `the async passes are done; ${plural(left, 'folio')} ${left === 1 ? 'is' : 'are'} retried one at a time in MIGRATE_SYNC (immediate flushes)` };
  if (left && d.mode === 'sync' && syncIndex(d) >= 0) {
    const i = syncIndex(d);
    const folios = set(d, i, { state: 'failed' });
    const more = folios.some((f) => f.state === 'queued');
    const say = `folio ${d.folios[i]?.src} still fails after 10 attempts: it is counted as not migrated`;
    if (more) return { event: 'NEXT', fn, cost: 0, data: { ...d, folios, pass: 1, stage: 'unmap', cursor: 0 }, say };
    return finish({ ...d, folios }, say);
  }
  return finish(d, 'every folio is either migrated or given up');
}

function finish(d: MigrateData, why: string): O {
  const failed = d.folios.filter((f) => f.state !== 'done').length;
  // migrate_pages_batch: rc = rc_saved ? : nr_failed, and migrate_pages hands a negative rc back.
  if (d.enomem) return { event: 'FINISH', fn: { file: MIG, name: 'migrate_pages' }, cost: 0, data: { ...d, result: { ret: null, errno: 'ENOMEM' } }, say: `${why}; migrate_pages returns -ENOMEM` };
  return { event: 'FINISH', fn: { file: MIG, name: 'migrate_pages' }, cost: 0, data: { ...d, result: { ret: failed, errno: null } }, say: `${why}; migrate_pages returns ${failed} (folios not migrated)` };
}

function unmap(c: C): O {
  const d = c.actor.data;
  const mf = d.folios[d.cursor];
  const src = mf ? folioOf(c.world.mem, mf.src) : undefined;
  const fn = { file: MIG, name: 'migrate_folio_unmap' };
  if (!mf || !src) return { event: 'NEXT', fn, cost: 0, data: { ...d, folios: set(d, d.cursor, { state: 'done' }), cursor: d.cursor + 1 }, say: 'the folio was freed meanwhile: nothing to migrate' };
  if (nodeFreePages(c.world.mem, d.node) < 2 ** src.order) {
    return {
      event: 'NEXT', fn, cost: 100, data: { ...d, folios: set(d, d.cursor, { state: 'failed' }), cursor: d.cursor + 1, enomem: true },
      say: `node ${d.node} has no free memory for the target folio (alloc_migration_target uses __GFP_THISNODE): -ENOMEM, so migrate_pages_batch tries no other folio ("when memory is low, don't bother"), moves those already unmapped, and gives up`,
    };
  }
  const plan = new Plan();
  const dst = plan.ref('dst');
  plan.add({ op: 'alloc_folio', node: d.node, order: src.order, as: dst, content: { tag: '' }, anon: null, thisNode: true })
    .add({ op: 'folio_flags', pfn: src.pfn, set: PG.locked, clear: 0 }).add({ op: 'folio_flags', pfn: { ref: dst }, set: PG.locked, clear: 0 });
  const data = { ...d, newDst: { ref: dst } as never, folios: set(d, d.cursor, { tries: mf.tries + 1 }) };
  if (src.mapcount === 0) {
    return { event: 'WALK', fn, cost: MIGRATE_FOLIO, plan: plan.ops, data, say: `folio ${src.pfn} is locked and the target {${dst}} allocated; it is not mapped, so there is nothing to unmap`, out: { spawn: { kind: 'rmap_walk', data: rmapWalkData('try_to_migrate', src.pfn, d.task, { batch: false }) } } };
  }
  return {
    event: 'WALK', fn, cost: MIGRATE_FOLIO, plan: plan.ops, data,
    say: `folio_lock(${src.pfn}); the target folio {${dst}} is allocated on node ${d.node}; try_to_migrate walks the rmap${d.mode === 'async' ? ' with TTU_BATCH_FLUSH' : ''}`,
    out: { spawn: { kind: 'rmap_walk', data: rmapWalkData('try_to_migrate', src.pfn, d.task, { batch: d.mode === 'async' }) } },
  };
}


function afterUnmap(c: C): O {
  const d = c.actor.data;
  const mf = d.folios[d.cursor];
  const src = mf ? folioOf(c.world.mem, mf.src) : undefined;
  const dst = d.newDst;
  if (!mf || !src || dst === null) throw new Error('migration lost its folio');
  if (src.mapcount === 0) {
    return { event: 'UNMAPPED', fn: { file: MIG, name: 'migrate_folio_unmap' }, cost: 0, data: { ...d, newDst: null, folios: set(d, d.cursor, { state: 'unmapped', dst }), cursor: d.cursor + 1 }, say: `folio ${src.pfn} is fully unmapped: every mapping is a migration entry now (MIGRATEPAGE_UNMAP)` };
  }
  // migrate_folio_undo_src + the new folio freed: -EAGAIN, retried in a later pass.
  const plan = new Plan().add({ op: 'folio_flags', pfn: src.pfn, set: 0, clear: PG.locked }).add({ op: 'folio_ref', pfn: dst, delta: -1 });
  return {
    event: 'EAGAIN', fn: { file: MIG, name: 'migrate_folio_undo_src' }, cost: 100, plan: plan.ops, out: { wake: wakeFolioWaiters(c.run, src.pfn, c.now) },
    data: { ...d, newDst: null, cursor: d.cursor + 1 },
    say: `folio ${src.pfn} is still mapped (the walk was refused), so the unmap fails with -EAGAIN: unlock it, free the target (attempt ${mf.tries} of 10)`,
  };
}

function move(c: C): O {
  const d = c.actor.data;
  const mf = d.folios[d.cursor];
  const src = mf ? folioOf(c.world.mem, mf.src) : undefined;
  if (!mf || !src || mf.dst === null) throw new Error('move without a target');
  const plan = new Plan().add({ op: 'folio_copy', from: src.pfn, to: mf.dst }).count('pages.copied', 2 ** src.order).count('bytes.copied', PAGE_SIZE * 2 ** src.order);
  return {
    event: 'WALK', fn: { file: MIG, name: 'move_to_new_folio' }, cost: FOLIO_COPY * 2 ** src.order, plan: plan.ops,
    say: `migrate_folio: refcount is the expected 1 (the isolation reference), so folio_mc_copy copies pfn ${src.pfn} → ${mf.dst} and the new folio takes its mapping and index; then remove_migration_ptes`,
    out: { spawn: { kind: 'rmap_walk', data: rmapWalkData('remove_migration_ptes', mf.dst, d.task, { src: src.pfn }) } },
  };
}

function afterMove(c: C): O {
  const d = c.actor.data;
  const mf = d.folios[d.cursor];
  if (!mf || mf.dst === null) throw new Error('migration lost its folio');
  const plan = new Plan()
    .add({ op: 'folio_flags', pfn: mf.dst, set: PG.lru, clear: PG.locked })
    .add({ op: 'folio_ref', pfn: mf.dst, delta: -1 })
    .add({ op: 'folio_flags', pfn: mf.src, set: 0, clear: PG.locked })
    .add({ op: 'folio_ref', pfn: mf.src, delta: -1 })
    .count('pages.migrated');
  const wake = wakeFolioWaiters(c.run, mf.src, c.now);
  return {
    event: 'MOVED', fn: { file: MIG, name: 'migrate_folio_move' }, cost: 200, plan: plan.ops, out: { wake }, marks: MARK.free,
    data: { ...d, folios: set(d, d.cursor, { state: 'done' }), cursor: d.cursor + 1 },
    say: `the PTEs map pfn ${mf.dst} now; folio_unlock(${mf.src})${wake.length ? ` wakes ${plural(wake.length, 'task')} sleeping in migration_entry_wait` : ''}; the old folio's last reference goes and it is freed`,
  };
}

/** The migrate_pages machine. */
export const migrateDef: MachineDef<MigrateData> = {
  kind: 'migrate_pages', machine, waiting: states('wait_unmap', 'try_to_unmap_flush', 'wait_remove'),
  handlers: {
    next, migrate_folio_unmap: unmap, wait_unmap: afterUnmap,
    try_to_unmap_flush: () => ({ event: 'FLUSHED', fn: { file: 'mm/rmap.c', name: 'try_to_unmap_flush' }, cost: 0, say: 'the batched flush is complete: no CPU can still write to the old folios' }),
    migrate_folio_move: move, wait_remove: afterMove,
  },
};
