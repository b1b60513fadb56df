// rmap_walk as a machine: one visible step per VMA the anon_vma links, doing the caller's per-VMA
// work (try_to_migrate_one, remove_migration_pte, try_to_unmap_one).
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { Pfn, TaskId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import { folioOf } from '../model/physmem';
import type { MigrationPte, PresentPte } from '../model/pte';
import { clearPte, installMigrationEntry, removeMigrationPte, sharingRefused, shouldDeferFlush } from '../kernel/migrate';
import { Plan } from '../kernel/plan';
import { mappedPte, type RmapTarget, rmapTargets, targetText } from '../kernel/rmap-walk';
import { flushTlbRange, shootdownData } from '../kernel/tlb';
import { unmapToSwap } from '../kernel/swap';
import { plural } from '../kernel/words';
import { machineSetup, states } from './common';

/** What the walk does at each VMA. */
export type RmapPurpose = 'try_to_migrate' | 'remove_migration_ptes' | 'try_to_unmap';

/** An rmap walk in progress. */
export interface RmapWalkData {
  readonly purpose: RmapPurpose;
  /** The folio walked (for remove_migration_ptes, the new folio; entries point at `src`). */
  readonly folio: Pfn;
  readonly src: Pfn;
  /** TTU_BATCH_FLUSH: defer flushes to the task's batch when other CPUs may cache the mm. */
  readonly batch: boolean;
  readonly task: TaskId;
  readonly swapSlot: number;
  readonly targets: readonly RmapTarget[] | null;
  readonly index: number;
  /** A PTE cleared and waiting for its ptep_clear_flush to finish. */
  readonly flushing: { readonly table: number; readonly index: number; readonly pte: PresentPte } | null;
  readonly aborted: boolean;
  readonly result: OpResult | null;
}

/** Data for a walk. */
export function rmapWalkData(purpose: RmapPurpose, folio: Pfn, task: TaskId, opts: { src?: Pfn; batch?: boolean; swapSlot?: number } = {}): RmapWalkData {
  return { purpose, folio, src: opts.src ?? folio, batch: opts.batch ?? false, task, swapSlot: opts.swapSlot ?? -1, targets: null, index: 0, flushing: null, aborted: false, result: null };
}

type C = StepCtx<RmapWalkData>;
type O = StepOut<RmapWalkData>;
const RMAP = 'mm/rmap.c';

const machine = machineSetup.createMachine({
  id: 'rmap_walk',
  initial: 'rmap_walk_anon',
  states: {
    rmap_walk_anon: { description: 'folio_lock_anon_vma_read; list the VMAs', on: { VISIT: 'rmap_one', DONE: 'done' } },
    rmap_one: { description: 'the per-VMA callback', on: { NEXT: 'rmap_one', FLUSH: { target: 'wait_flush', actions: 'spawn' }, DONE: 'done' } },
    wait_flush: { description: 'ptep_clear_flush waits for the flush', on: { FLUSHED: 'finish_one' } },
    finish_one: { description: 'share the page and install the entry, or put the PTE back', on: { NEXT: 'rmap_one', DONE: 'done' } },
    done: { type: 'final' },
  },
});

const ONE: Record<RmapPurpose, string> = { try_to_migrate: 'try_to_migrate_one', remove_migration_ptes: 'remove_migration_pte', try_to_unmap: 'try_to_unmap_one' };

function walk(c: C): O {
  const d = c.actor.data;
  const f = folioOf(c.world.mem, d.purpose === 'remove_migration_ptes' ? d.folio : d.src);
  const targets = f ? rmapTargets(c.world, f) : [];
  const av = f?.anonVma ?? null;
  return {
    event: targets.length ? 'VISIT' : 'DONE', fn: { file: RMAP, name: 'rmap_walk_anon' }, cost: 100, data: { ...d, targets, result: targets.length ? null : { ret: 0, errno: null } },
    say: `rmap_walk_anon for ${d.purpose}: folio ${d.folio}'s mapping is anon_vma #${av ?? '?'}, whose interval tree links ${plural(targets.length, 'VMA')}`,
  };
}

const after = (d: RmapWalkData, index: number): 'NEXT' | 'DONE' => (d.targets && index < d.targets.length ? 'NEXT' : 'DONE');
const done = (d: RmapWalkData, index: number) => (after(d, index) === 'DONE' ? { ret: 0, errno: null } : null);

function one(c: C): O {
  const d = c.actor.data;
  const t = d.targets?.[d.index];
  const fn = { file: d.purpose === 'remove_migration_ptes' ? 'mm/migrate.c' : RMAP, name: ONE[d.purpose] };
  if (!t) return { event: 'DONE', fn, cost: 0, say: 'no more VMAs', data: { ...d, result: { ret: 0, errno: null } } };
  const next = d.index + 1;
  const where = targetText(c.world, t);
  const slot = t.addr === null ? null : mappedPte(c.world, t.mm, t.addr, d.purpose === 'remove_migration_ptes' ? d.src : d.folio, d.purpose === 'remove_migration_ptes');
  if (!slot) return { event: after(d, next), fn, cost: 50, data: { ...d, index: next, result: done(d, next) }, say: `VMA in ${where}: page_vma_mapped_walk finds no PTE mapping the folio there` };
  const plan = new Plan();
  if (d.purpose === 'remove_migration_ptes') {
    removeMigrationPte(plan, slot, slot.entry as MigrationPte, d.folio);
    return { event: after(d, next), fn, cost: 200, plan: plan.ops, data: { ...d, index: next, result: done(d, next) }, say: `VMA in ${where}: the migration entry becomes a PTE mapping the new pfn ${d.folio} (no flush: the old entry was not present)` };
  }
  const f = folioOf(c.world.mem, d.folio);
  if (!f) throw new Error('rmap walk lost its folio');
  const deferred = shouldDeferFlush(c.world, t.mm, c.actor.cpu, d.batch);
  const pte = slot.entry as PresentPte;
  clearPte(plan, slot, t.mm, d.task, deferred);
  if (!deferred) {
    const addr = t.addr as number;
    // try_to_unmap_one flushes with flush_tlb_range since ~6.15.
    const range = d.purpose === 'try_to_unmap' && c.world.cfg.features.unmapFlushRange;
    const caller = `${fn.name} (${range ? 'flush_tlb_range' : 'ptep_clear_flush'})`;
    const how = range ? 'get_and_clear_ptes + flush_tlb_range' : 'ptep_clear_flush';
    return {
      event: 'FLUSH', fn, cost: 100, plan: plan.ops, data: { ...d, flushing: { table: slot.table, index: slot.index, pte } }, marks: MARK.flush,
      say: `VMA in ${where}: ${how} clears the PTE and flushes it now (TTU_BATCH_FLUSH ${d.batch ? 'is set, but no other CPU has this mm' : 'is not set'})`,
      out: { spawn: { kind: 'flush_tlb_mm_range', data: range ? flushTlbRange(c.world, t.mm, addr, addr + PAGE_SIZE, caller) : shootdownData(t.mm, addr, addr + PAGE_SIZE, false, caller) } },
    };
  }
  if (sharingRefused(c.world, f, pte.pfn)) return refuse(d, plan, fn, { table: slot.table, index: slot.index, pte }, `VMA in ${where}: the PTE is cleared (flush deferred)`);
  finishUnmap(c, plan, { table: slot.table, index: slot.index, pte });
  return { event: after(d, next), fn, cost: 250, plan: plan.ops, data: { ...d, index: next, result: done(d, next) }, say: `VMA in ${where}: ${finishText(d)}; the flush is deferred to the batch (set_tlb_ubc_flush_pending)` };
}

// folio_try_share_anon_rmap_pte failed: set_pte_at(original) and stop the walk (the folio stays mapped).
function refuse(d: RmapWalkData, plan: Plan, fn: { file: string; name: string }, s: NonNullable<RmapWalkData['flushing']>, what: string): O {
  plan.add({ op: 'set_entry', table: s.table as Pfn, index: s.index, entry: s.pte });
  return {
    event: 'DONE', fn, cost: 200, plan: plan.ops, data: { ...d, flushing: null, aborted: true, result: { ret: null, errno: 'EBUSY' } },
    say: `${what}, but folio_try_share_anon_rmap_pte fails: the exclusive page may be DMA-pinned, so the original PTE is put back and the walk stops`,
  };
}

function finishUnmap(c: C, plan: Plan, s: NonNullable<RmapWalkData['flushing']>): void {
  const d = c.actor.data;
  const f = folioOf(c.world.mem, d.folio);
  if (!f) throw new Error('rmap walk lost its folio');
  const slot = { level: 1 as const, table: s.table as Pfn, index: s.index, entry: s.pte };
  if (d.purpose === 'try_to_migrate') installMigrationEntry(c.world, plan, slot, s.pte, f);
  else unmapToSwap(c.world, plan, slot, s.pte, f, d.swapSlot);
}

const finishText = (d: RmapWalkData): string => (d.purpose === 'try_to_migrate'
  ? 'a migration entry (holding the old pfn) replaces the PTE; mapcount and refcount drop by one'
  : `a swap entry for slot ${d.swapSlot} replaces the PTE; MM_ANONPAGES−1, MM_SWAPENTS+1`);

function finishOne(c: C): O {
  const d = c.actor.data;
  if (!d.flushing) throw new Error('finish_one without a cleared PTE');
  const plan = new Plan();
  const f = folioOf(c.world.mem, d.folio);
  if (f && sharingRefused(c.world, f, d.flushing.pte.pfn)) return refuse(d, plan, { file: RMAP, name: ONE[d.purpose] }, d.flushing, 'the PTE was cleared and flushed');
  finishUnmap(c, plan, d.flushing);
  const next = d.index + 1;
  return { event: after(d, next), fn: { file: RMAP, name: ONE[d.purpose] }, cost: 150, plan: plan.ops, data: { ...d, index: next, flushing: null, result: done(d, next) }, say: `the flush is complete: ${finishText(d)}` };
}

/** The rmap walk machine. */
export const rmapWalkDef: MachineDef<RmapWalkData> = {
  kind: 'rmap_walk', machine, waiting: states('wait_flush'),
  handlers: { rmap_walk_anon: walk, rmap_one: one, wait_flush: () => ({ event: 'FLUSHED', fn: { file: RMAP, name: 'ptep_clear_flush' }, cost: 0, say: 'the flush is complete' }), finish_one: finishOne },
};
