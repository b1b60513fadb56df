// The x86-64 page fault as a machine: exception → VMA lookup → the walk level by level → the leaf
// handler (do_anonymous_page, do_wp_page, do_swap_page) → done or a signal.
import type { MachineDef } from '../engine/types';
import { doAnonymousPage } from '../kernel/anon';
import type { FaultData } from '../kernel/fault-common';
import { handlePteFault, lockVma, walkPgd, walkPmd, walkPud } from '../kernel/fault-walk';
import { doFault, doSwapPage, folioLockWoken, migrationWoken } from '../kernel/swap-entry';
import { doHugePmdAnonymousPage, doHugePmdWpPage, installHuge, pmdLockWoken, replaceHuge, splitForFault } from '../kernel/huge-fault';
import { doWpPage, ptepClearFlush, wpInstall, wpPageCopy, wpPageReuse } from '../kernel/wp';
import { userfaultWoken } from '../kernel/uffd-fault';
import { machineSetup, states } from './common';

const signals = { SEGV: 'sigsegv', SIGBUS: 'sigbus', OOM: 'oom' } as const;

const machine = machineSetup.createMachine({
  id: 'fault',
  initial: 'lock_vma',
  states: {
    lock_vma: { description: 'do_user_addr_fault: find the VMA, check access', on: { VMA: 'walk_pgd', WAIT: 'wait_lock', ...signals } },
    wait_lock: { description: 'blocked in mmap_read_lock behind a writer', on: { WAKE: 'lock_vma' } },
    walk_pgd: { description: 'pgd_offset', on: { NEXT: 'walk_pud' } },
    walk_pud: { description: 'pud_alloc', on: { NEXT: 'walk_pmd', ...signals } },
    walk_pmd: { description: 'pmd_alloc; a THP here?', on: { NEXT: 'handle_pte_fault', HUGE: 'do_huge_pmd_anonymous_page', HUGE_WP: 'do_huge_pmd_wp_page', HUGE_OK: 'done', ...signals } },
    do_huge_pmd_anonymous_page: { description: 'map a 2 MiB folio with one PMD', on: { DONE: 'done', FALLBACK: 'handle_pte_fault', PMD_LOCK_WAIT: 'pmd_lock_wait', USERFAULT: { target: 'userfault_wait', actions: 'wake' }, ...signals } },
    do_huge_pmd_wp_page: { description: 'reuse, split or copy the THP', on: { REUSE: 'done', DONE: 'done', SPLIT: 'split_huge_pmd', REPLACE: 'replace_huge', USERFAULT: { target: 'userfault_wait', actions: 'wake' }, ...signals } },
    split_huge_pmd: { description: 'PMD → 512 PTEs', on: { FLUSH: { target: 'wait_split', actions: 'spawn' }, FALLBACK: 'handle_pte_fault', PMD_LOCK_WAIT: 'pmd_lock_wait' } },
    pmd_lock_wait: { description: 'spinning on the PMD lock a THP replacement holds', on: { WAKE: 'walk_pgd' } },
    wait_split: { description: 'waiting for the split flush', on: { CHILD_DONE: 'handle_pte_fault' } },
    replace_huge: { description: 'a new THP replaces the old one', on: { FLUSH: { target: 'wait_replace', actions: 'spawn' }, DONE: 'done' } },
    wait_replace: { description: 'waiting for pmdp_huge_clear_flush', on: { CHILD_DONE: 'install_huge' } },
    install_huge: { description: 'map the new THP', on: { DONE: { target: 'done', actions: 'wake' } } },
    handle_pte_fault: {
      description: 'read the PTE and pick the leaf handler',
      on: { DO_ANON: 'do_anonymous_page', DO_FAULT: 'do_fault', SWAP: 'do_swap_page', WP: 'do_wp_page', SPURIOUS: 'done' },
    },
    do_anonymous_page: { description: 'zero page on read, new folio on write', on: { DONE: 'done', USERFAULT: { target: 'userfault_wait', actions: 'wake' }, ...signals } },
    do_fault: { description: 'file-backed fault', on: { DONE: 'done', ...signals } },
    do_swap_page: { description: 'non-present entry: swap, migration, marker', on: { DONE: 'done', MIGRATION_WAIT: 'migration_entry_wait', FOLIO_LOCK: { target: 'folio_lock_wait', actions: 'wake' }, MARKER_MISSING: 'do_anonymous_page', ...signals } },
    folio_lock_wait: { description: "folio_lock_or_retry: asleep on a swap-cache folio's lock", on: { RETRY: 'lock_vma' } },
    migration_entry_wait: { description: "asleep on the old folio's lock", on: { DONE: 'done' } },
    do_wp_page: { description: 'reuse or copy?', on: { REUSE: 'wp_page_reuse', COPY: 'wp_page_copy', USERFAULT: { target: 'userfault_wait', actions: 'wake' }, ...signals } },
    userfault_wait: { description: 'handle_userfault: asleep until the handler resolves the page', on: { RETRY: 'lock_vma' } },
    wp_page_reuse: { description: 'make the PTE writable in place', on: { DONE: 'done' } },
    wp_page_copy: { description: 'allocate and copy the page', on: { CLEAR: 'ptep_clear_flush', ...signals } },
    ptep_clear_flush: { description: 'pte_same? then clear the PTE, flush the TLBs', on: { FLUSH: { target: 'wait_flush', actions: 'spawn' }, CHANGED: 'done' } },
    wait_flush: { description: 'waiting for flush_tlb_page', on: { CHILD_DONE: 'wp_install' } },
    wp_install: { description: 'map the copy, drop the old page', on: { DONE: 'done' } },
    done: { type: 'final' },
    sigsegv: { type: 'final' },
    sigbus: { type: 'final' },
    oom: { type: 'final' },
  },
});

/** The page-fault machine. */
export const faultDef: MachineDef<FaultData> = {
  kind: 'fault',
  machine,
  handlers: {
    lock_vma: lockVma,
    wait_lock: () => ({ event: 'WAKE', fn: { file: 'kernel/locking/rwsem.c', name: 'rwsem_wake' }, cost: 0, say: 'the writer is done: the fault looks the VMA up again' }),
    walk_pgd: walkPgd, walk_pud: walkPud, walk_pmd: walkPmd, handle_pte_fault: handlePteFault,
    do_anonymous_page: doAnonymousPage, do_fault: doFault, do_swap_page: doSwapPage, do_wp_page: doWpPage,
    wp_page_reuse: wpPageReuse, wp_page_copy: wpPageCopy, ptep_clear_flush: ptepClearFlush,
    wait_flush: () => ({ event: 'CHILD_DONE', fn: { file: 'mm/memory.c', name: 'wp_page_copy' }, cost: 0, say: 'the flush is complete: no CPU can reach the old page through its TLB' }),
    wp_install: wpInstall,
    migration_entry_wait: migrationWoken,
    folio_lock_wait: folioLockWoken,
    pmd_lock_wait: pmdLockWoken,
    userfault_wait: userfaultWoken,
    do_huge_pmd_anonymous_page: doHugePmdAnonymousPage, do_huge_pmd_wp_page: doHugePmdWpPage, split_huge_pmd: splitForFault, replace_huge: replaceHuge, install_huge: installHuge,
    wait_split: () => ({ event: 'CHILD_DONE', fn: { file: 'mm/huge_memory.c', name: '__split_huge_pmd' }, cost: 0, say: 'the split is flushed: the fault continues at PTE level (VM_FAULT_FALLBACK)' }),
    wait_replace: () => ({ event: 'CHILD_DONE', fn: { file: 'mm/huge_memory.c', name: 'pmdp_huge_clear_flush' }, cost: 0, say: 'the old PMD is cleared and flushed' }),
  },
  waiting: states('wait_flush', 'wait_lock', 'migration_entry_wait', 'folio_lock_wait', 'pmd_lock_wait', 'wait_split', 'wait_replace', 'userfault_wait'),
  // spin_lock on the PMD lock busy-waits: the wait is CPU time.
  spinning: states('pmd_lock_wait'),
};
