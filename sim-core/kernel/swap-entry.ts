// do_swap_page (mm/memory.c): the entry point for every non-present, non-none PTE.
// Swap-in and migration waits arrive with the migration/reclaim issue; markers are handled here.
import { HANDLE_PTE_FAULT, SIGNAL } from '../engine/costs';
import { MARK } from '../engine/types';
import type { SwapPte } from '../model/pte';
import { linearPageIndex, vmaHas } from '../model/vma';
import { accountFault, atLevel, canAlloc, FAULT_OK, faultNode, faultSignal, faultWalk, type FCtx, type FOut, pageAddr } from './fault-common';
import { Plan } from './plan';
import { swapIn } from './swap';
import { sleepTask, wakeTask } from './sched';

const MEM = 'mm/memory.c';

/** do_swap_page: dispatch on the software entry kind. */
export function doSwapPage(c: FCtx): FOut {
  const o = c.actor.data.orig;
  const fn = { file: MEM, name: 'do_swap_page' };
  switch (o?.kind) {
    case 'marker':
      if (o.marker === 'uffd_wp') return uffdWpMarker(c);
      if (o.marker === 'guard') return faultSignal(c, 'SIGSEGV', 'handle_pte_marker: a guard marker (MADV_GUARD_INSTALL) → VM_FAULT_SIGSEGV', { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
      return faultSignal(c, 'SIGBUS', `handle_pte_marker: ${o.marker} marker`, { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
    case 'migration': return migrationEntryWait(c, o.pfn);
    case 'swap': return swapInFault(c, o);
    case 'file': case 'none': case 'present': case undefined:
      return faultSignal(c, 'SIGBUS', `do_swap_page: a ${o?.kind ?? 'missing'} entry, which this build does not model yet`, fn, SIGNAL, true);
  }
}

// pte_marker_handle_uffd_wp: a leftover marker in a VMA no longer registered for WP is cleared (the
// access then retries and faults normally); otherwise do_pte_missing treats it as a none PTE.
function uffdWpMarker(c: FCtx): FOut {
  const d = c.actor.data;
  const fn = { file: MEM, name: 'handle_pte_marker' };
  if (d.vma && vmaHas(d.vma, 'UFFD_WP')) return { event: 'MARKER_MISSING', fn, cost: HANDLE_PTE_FAULT, say: 'a uffd-wp PTE marker in a VM_UFFD_WP VMA: pte_marker_handle_uffd_wp → do_pte_missing → do_anonymous_page, keeping the protection' };
  const slot = atLevel(faultWalk(c.world, d), 1);
  if (!slot) throw new Error('marker fault without a PTE');
  const plan = accountFault(new Plan().add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'none' } }), d);
  return { event: 'DONE', fn: { file: MEM, name: 'pte_marker_clear' }, cost: HANDLE_PTE_FAULT, plan: plan.ops, data: { ...d, result: FAULT_OK }, say: 'a leftover uffd-wp marker in a VMA no longer registered for WP: pte_marker_clear, and the access retries' };
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
  accountFault(w.plan, d);
  return { event: 'DONE', fn: { file: 'mm/filemap.c', name: 'folio_wake_bit' }, cost: w.cost, plan: w.plan.ops, data: { ...d, waitOn: null, result: FAULT_OK }, say: `the old folio is unlocked: ${w.say}; the fault returns 0 and the access retries` };
}

function swapInFault(c: FCtx, entry: SwapPte): FOut {
  const d = c.actor.data;
  const slot = atLevel(faultWalk(c.world, d), 1);
  const vma = d.vma;
  if (!slot || !vma) throw new Error('do_swap_page without a PTE or VMA');
  if (!canAlloc(c.world, 1) && c.world.swap.slots.get(entry.slot)?.cache == null) return faultSignal(c, 'SIGKILL', 'do_swap_page: no memory to read the page into (VM_FAULT_OOM)', { file: MEM, name: 'do_swap_page' }, SIGNAL, true);
  const plan = new Plan();
  const r = swapIn(c.world, plan, slot, entry, d.write, faultNode(c.world, c.actor.cpu), d.mm, vma, linearPageIndex(vma, pageAddr(d)));
  accountFault(plan, d, r.major);
  return { event: 'DONE', fn: { file: MEM, name: 'do_swap_page' }, cost: HANDLE_PTE_FAULT + r.cost, plan: plan.ops, data: { ...d, result: FAULT_OK }, say: r.say, marks: MARK.fault | MARK.alloc };
}

/** do_fault: file-backed and shared faults (not modelled yet: such VMAs cannot be created). */
export function doFault(c: FCtx): FOut {
  return faultSignal(c, 'SIGBUS', 'do_fault: file-backed faults are not modelled yet', { file: MEM, name: 'do_fault' }, SIGNAL, true);
}
