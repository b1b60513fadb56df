// do_swap_page (mm/memory.c): the entry point for every non-present, non-none PTE.
// Swap-in and migration waits arrive with the migration/reclaim issue; markers are handled here.
import { HANDLE_PTE_FAULT, SIGNAL } from '../engine/costs';
import { MARK } from '../engine/types';
import { folioTest } from '../model/folio';
import { folioOf } from '../model/physmem';
import type { SwapPte } from '../model/pte';
import { linearPageIndex, vmaHas } from '../model/vma';
import { accountFault, atLevel, canAlloc, FAULT_OK, faultMm, faultNode, faultSignal, faultWalk, type FCtx, type FOut, pageAddr } from './fault-common';
import { release } from './mmap-lock';
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
  const out = sleepTask(c.world, d.task, 'blocked', c.run);
  return {
    event: 'MIGRATION_WAIT', fn: { file: 'mm/migrate.c', name: 'migration_entry_wait' }, cost: HANDLE_PTE_FAULT, plan: out.plan.ops, data: { ...d, waitOn: `folio:${pfn}` },
    say: `the PTE is a migration entry for pfn ${pfn}: migration_entry_wait sleeps on that folio's lock (TASK_UNINTERRUPTIBLE); ${out.then('the CPU idles in lazy TLB mode')}`,
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
  const cached = c.world.swap.slots.get(entry.slot)?.cache;
  const folio = cached == null ? undefined : folioOf(c.world.mem, cached);
  if (folio && folioTest(folio, 'locked')) return folioLockWait(c, folio.pfn);
  if (!canAlloc(c.world, 1) && cached == null) return faultSignal(c, 'SIGKILL', 'do_swap_page: no memory to read the page into (VM_FAULT_OOM)', { file: MEM, name: 'do_swap_page' }, SIGNAL, true);
  const plan = new Plan();
  const r = swapIn(c.world, plan, slot, entry, d.write, faultNode(c.world, c.actor.cpu), d.mm, vma, linearPageIndex(vma, pageAddr(d)));
  accountFault(plan, d, r.major);
  return { event: 'DONE', fn: { file: MEM, name: 'do_swap_page' }, cost: HANDLE_PTE_FAULT + r.cost, plan: plan.ops, data: { ...d, result: FAULT_OK }, say: r.say, marks: MARK.fault | MARK.alloc };
}

// A swap-cache hit on a locked folio (reclaim holds it from folio_trylock in shrink_folio_list to
// pageout and __remove_mapping): folio_lock_or_retry → __folio_lock_or_retry drops the fault's lock
// (release_fault_lock) and sleeps in folio_wait_locked, holding the reference swap_cache_get_folio
// took, so __remove_mapping cannot free the folio under it; then VM_FAULT_RETRY (mm/memory.c, mm/filemap.c).
function folioLockWait(c: FCtx, pfn: number): FOut {
  const d = c.actor.data;
  const plan = new Plan().add({ op: 'folio_ref', pfn: pfn as never, delta: 1 });
  const unlock = release(c.world, faultMm(c.world, d), c.actor.id, c.now, plan);
  plan.ops.push(...sleepTask(c.world, d.task, 'blocked', c.run).plan.ops);
  return {
    event: 'FOLIO_LOCK', fn: { file: 'mm/filemap.c', name: '__folio_lock_or_retry' }, cost: HANDLE_PTE_FAULT, plan: plan.ops, out: { wake: unlock }, data: { ...d, waitOn: `folio:${pfn}` },
    say: `the swap cache still holds folio ${pfn}, but it is locked (reclaim is writing it out): folio_lock_or_retry takes a reference, drops the fault's lock and sleeps until folio_unlock`,
  };
}

/** Woken by folio_unlock: the reference goes, VM_FAULT_RETRY, and the fault starts over with FAULT_FLAG_TRIED. */
export function folioLockWoken(c: FCtx): FOut {
  const d = c.actor.data;
  const pfn = Number(d.waitOn?.slice('folio:'.length));
  const w = wakeTask(c.world, d.task, true);
  w.plan.add({ op: 'folio_ref', pfn: pfn as never, delta: -1 });
  return {
    event: 'RETRY', fn: { file: 'arch/x86/mm/fault.c', name: 'do_user_addr_fault' }, cost: w.cost, plan: w.plan.ops,
    data: { ...d, waitOn: null, tried: true, vma: null, orig: null },
    say: `folio ${pfn} is unlocked: ${w.say}; do_swap_page drops its reference and returns VM_FAULT_RETRY, and do_user_addr_fault retries with FAULT_FLAG_TRIED`,
  };
}

/** do_fault: file-backed and shared faults (not modelled yet: such VMAs cannot be created). */
export function doFault(c: FCtx): FOut {
  return faultSignal(c, 'SIGBUS', 'do_fault: file-backed faults are not modelled yet', { file: MEM, name: 'do_fault' }, SIGNAL, true);
}
