// do_swap_page (mm/memory.c): the entry point for every non-present, non-none PTE.
// Swap-in and migration waits arrive with the migration/reclaim issue; markers are handled here.
import { HANDLE_PTE_FAULT, SIGNAL } from '../engine/costs';
import { accountFault, FAULT_OK, faultSignal, type FCtx, type FOut } from './fault-common';
import { sleepTask, wakeTask } from './sched';

const MEM = 'mm/memory.c';

/** do_swap_page: dispatch on the software entry kind. */
export function doSwapPage(c: FCtx): FOut {
  const o = c.actor.data.orig;
  const fn = { file: MEM, name: 'do_swap_page' };
  switch (o?.kind) {
    case 'marker':
      if (o.marker === 'guard') return faultSignal(c, 'SIGSEGV', 'handle_pte_marker: a guard marker (MADV_GUARD_INSTALL) → VM_FAULT_SIGSEGV', { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
      return faultSignal(c, 'SIGBUS', `handle_pte_marker: ${o.marker} marker`, { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
    case 'migration': return migrationEntryWait(c, o.pfn);
    case 'swap': case 'file': case 'none': case 'present': case undefined:
      return faultSignal(c, 'SIGBUS', `do_swap_page: a ${o?.kind ?? 'missing'} entry, which this build does not model yet`, fn, SIGNAL, true);
  }
}

// migration_entry_wait (mm/migrate.c) → migration_entry_wait_on_locked (mm/filemap.c): sleep on the
// OLD folio's PG_locked without taking a reference; the fault then returns 0 and the access retries.
function migrationEntryWait(c: FCtx, pfn: number): FOut {
  const d = c.actor.data;
  const plan = sleepTask(c.world, d.task, 'blocked');
  return {
    event: 'MIGRATION_WAIT', fn: { file: 'mm/migrate.c', name: 'migration_entry_wait' }, cost: HANDLE_PTE_FAULT, plan: plan.ops, data: { ...d, waitOn: `folio:${pfn}` },
    say: `the PTE is a migration entry for pfn ${pfn}: migration_entry_wait sleeps on that folio's lock (TASK_UNINTERRUPTIBLE); the CPU idles in lazy TLB mode`,
  };
}

/** Woken by folio_unlock at the end of the migration: the fault returns 0 and the access is retried. */
export function migrationWoken(c: FCtx): FOut {
  const d = c.actor.data;
  const w = wakeTask(c.world, d.task, true);
  accountFault(w.plan);
  return { event: 'DONE', fn: { file: 'mm/filemap.c', name: 'folio_wake_bit' }, cost: w.cost, plan: w.plan.ops, data: { ...d, waitOn: null, result: FAULT_OK }, say: `the old folio is unlocked: ${w.say}; the fault returns 0 and the access retries` };
}

/** do_fault: file-backed and shared faults (not modelled yet: such VMAs cannot be created). */
export function doFault(c: FCtx): FOut {
  return faultSignal(c, 'SIGBUS', 'do_fault: file-backed faults are not modelled yet', { file: MEM, name: 'do_fault' }, SIGNAL, true);
}
