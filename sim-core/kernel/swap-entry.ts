// do_swap_page (mm/memory.c): the entry point for every non-present, non-none PTE.
// Swap-in and migration waits arrive with the migration/reclaim issue; markers are handled here.
import { HANDLE_PTE_FAULT, SIGNAL } from '../engine/costs';
import { faultSignal, type FCtx, type FOut } from './fault-common';

const MEM = 'mm/memory.c';

/** do_swap_page: dispatch on the software entry kind. */
export function doSwapPage(c: FCtx): FOut {
  const o = c.actor.data.orig;
  const fn = { file: MEM, name: 'do_swap_page' };
  switch (o?.kind) {
    case 'marker':
      if (o.marker === 'guard') return faultSignal(c, 'SIGSEGV', 'handle_pte_marker: a guard marker (MADV_GUARD_INSTALL) → VM_FAULT_SIGSEGV', { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
      return faultSignal(c, 'SIGBUS', `handle_pte_marker: ${o.marker} marker`, { file: MEM, name: 'handle_pte_marker' }, HANDLE_PTE_FAULT + SIGNAL, true);
    case 'swap': case 'migration': case 'file': case 'none': case 'present': case undefined:
      return faultSignal(c, 'SIGBUS', `do_swap_page: a ${o?.kind ?? 'missing'} entry, which this build does not model yet`, fn, SIGNAL, true);
  }
}

/** do_fault: file-backed and shared faults (not modelled yet: such VMAs cannot be created). */
export function doFault(c: FCtx): FOut {
  return faultSignal(c, 'SIGBUS', 'do_fault: file-backed faults are not modelled yet', { file: MEM, name: 'do_fault' }, SIGNAL, true);
}
