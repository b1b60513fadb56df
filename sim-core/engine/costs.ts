// The cost model, in nanoseconds. Every number says where it comes from. "LAB" is ../shared/LAB.md:
// Linux 6.18.44, x86-64 KVM guest, 2 vCPUs, AMD EPYC Zen 3, PCID, no INVLPGB. Times there are medians
// that move ±20–30 % with host load; the model aims to land within a factor of two of each of them.
// Where LAB has no figure, the number is an estimate and says what it is estimated from.

/** A user access that hits the TLB. LAB "VMAs": "an access that does not fault about 20 ns". */
export const ACCESS_TLB_HIT = 20;
/** A hardware page walk after a TLB miss, upper levels cached. Estimate: ~4 dependent loads that hit L1/L2. */
export const HW_PAGE_WALK = 30;

// --- Page fault. LAB "VMAs": first-touch write fault ~2.1 µs with 1 VMA, 2.3–2.7 µs with 60,000 VMAs;
// zero-page read fault ~0.9 µs. The parts below sum to 2.11 µs (write) and 0.91 µs (read) with 1 VMA.
/** #PF entry/exit, do_user_addr_fault, lock_vma_under_rcu with a one-node maple tree. */
export const FAULT_ENTRY = 425;
/** Extra per maple-tree level: (2.5 µs − 2.1 µs) / log2(60,000) ≈ 25 ns per doubling of VMAs. */
export const VMA_LOOKUP_PER_LEVEL = 25;
/** One level of the software walk in __handle_mm_fault (pgd_offset, pud_alloc, pmd_alloc) when present. */
export const WALK_LEVEL = 20;
/** Allocating and zeroing a page-table page (__pud_alloc/__pmd_alloc/pte_alloc). Estimate: clear_page ~150 ns + accounting. */
export const PGTABLE_ALLOC = 250;
/** handle_pte_fault: map the PTE, read it, take the PT lock. */
export const HANDLE_PTE_FAULT = 100;
/** do_anonymous_page mapping the zero page (read fault): 0.91 µs total − entry − walk − handle_pte_fault. */
export const MAP_ZERO_PAGE = 325;
/** do_anonymous_page allocating a zeroed folio (write fault): alloc, clear_page, memcg charge, rmap, LRU. */
export const ANON_FOLIO_FAULT = 1500;
/** do_wp_page deciding reuse vs copy (refcount checks, folio lock). */
export const WP_DECIDE = 100;
/** wp_page_reuse: upgrade the PTE to RW (no flush needed). */
export const WP_REUSE = 150;
/** wp_page_copy: allocate and copy 4 KiB. LAB "fork() snapshots": 3.4–4.6 µs per first write after fork, total. */
export const WP_COPY = 2600;
/** wp_page_copy installing the new PTE, rmap and LRU updates, dropping the old reference. */
export const WP_INSTALL = 300;
/** Delivering SIGSEGV/SIGBUS (force_sig_fault). Estimate. */
export const SIGNAL = 500;

// --- TLB flushes. LAB "TLB shootdowns": one synchronous flush IPI costs ~4 µs end to end (3.6–4.5 µs).
// Sender overhead + delivery + remote handler + ack below sum to 3.9 µs for a one-page flush.
/** flush_tlb_mm_range bookkeeping: inc_mm_tlb_gen, get_flush_tlb_info, target selection. */
export const FLUSH_SETUP = 150;
/** smp_call_function_many_cond: queue a csd and write the ICR, first target. */
export const IPI_SEND = 600;
/** Each additional target of the same IPI round (csd queueing, x2APIC ICR writes). Estimate. */
export const IPI_SEND_EXTRA = 60;
/** Interrupt delivery latency to the remote CPU (a KVM guest: a posted interrupt or a VM exit). */
export const IPI_DELIVERY = 1500;
/** flush_tlb_func in interrupt context on the receiver: entry, tlb_gen checks, exit. */
export const IPI_HANDLER = 650;
/** The initiator seeing the csd unlocked (cache-line transfer, spin loop exit). */
export const IPI_ACK = 900;
/** One INVLPG. Documentation/arch/x86/tlb.rst: "each single flush is about 100 ns". */
export const INVLPG = 100;
/** A full flush of one PCID (CR3 write); the 33-page ceiling caps INVLPG work at ~3,000 ns. Estimate. */
export const FULL_FLUSH = 200;
/** Reloading CR3 in switch_mm_irqs_off when a lazy CPU comes back with a stale tlb_gen. Estimate. */
export const SWITCH_MM = 250;

// --- Syscalls and mm operations (estimates unless noted).
/** Syscall entry/exit plus mmap_lock. */
export const SYSCALL = 300;
/** get_unmapped_area + vma_merge / vm_area_alloc in do_mmap. */
export const MMAP_REGION = 700;
/** __split_vma: vm_area_dup, maple-tree store, anon_vma_clone. */
export const SPLIT_VMA = 400;
/** Zapping one PTE in zap_pte_range (clear, rmap, rss, queue the page). */
export const ZAP_PTE = 30;
/** Freeing one page after the flush (free_pages_and_swap_cache, per page). */
export const FREE_PAGE = 60;
/** Freeing one page-table page (RCU-deferred in 6.x; the per-table work). */
export const FREE_PGTABLE = 150;
/** change_pte_range: rewriting one PTE for mprotect. */
export const CHANGE_PTE = 15;
/** fork copying one PTE. LAB "fork() snapshots": 10.8 ms for 131,072 PTEs ≈ 82 ns each. */
export const COPY_PTE = 82;
/** dup_mmap per VMA: vm_area_dup, anon_vma_fork, maple tree. Estimate. */
export const DUP_VMA = 800;
/** copy_process and dup_mm around dup_mmap (task struct, mm, PGD). Estimate. */
export const FORK_BASE = 30000;
/** Context switch into a task on an idle CPU. Estimate. */
export const CONTEXT_SWITCH = 1500;
/** pin_user_pages per page (GUP slow path, page already present). Estimate. */
export const PIN_PAGE = 80;

/** Cost of a VMA lookup in a maple tree of n VMAs, in whole nanoseconds like every other cost. */
export function vmaLookupCost(n: number): number {
  return FAULT_ENTRY + Math.round(VMA_LOOKUP_PER_LEVEL * Math.log2(n + 1));
}

// --- Migration and reclaim (estimates).
/** migrate_folio_unmap/move bookkeeping per folio: folio lock, target allocation, LRU, anon_vma pin. */
export const MIGRATE_FOLIO = 1000;
/** folio_mc_copy of one 4 KiB page (copy_mc_highpage). Estimate: ~4 GB/s machine-check-safe copy. */
export const FOLIO_COPY = 1000;
/** Writing one page to swap (pageout → swap_writeout), CPU side only; the I/O itself is asynchronous. */
export const SWAP_WRITE = 2000;
/** Reading one page back from swap on a major fault (a fast SSD or zram). Estimate. */
export const SWAP_READ = 20000;

// --- Transparent huge pages.
/** A THP write fault: allocate and clear 2 MiB (clear_huge_page). Estimate: ~20 GB/s clearing. */
export const THP_FAULT = 100_000;
/** copy_huge_pmd at fork: LAB "fork() snapshots": 0.5 ms for 256 PMD entries ≈ 2 µs each. */
export const COPY_HUGE_PMD = 2000;
/** __split_huge_pmd: withdraw the deposited table, write 512 PTEs. LAB: a THP COW after fork costs ~14 µs
 * (split plus a 4 KiB copy); minus the ~4 µs small COW this leaves ~10 µs for the split and its flush. */
export const SPLIT_HUGE_PMD = 8000;
/** split_folio per PTE and per phase (unmap_folio's migration entry, remap_page's PTE back) and per new
 * folio. Estimate: the same order as moving one PTE in a batch (LAB: bulk UFFDIO_MOVE, 0.093 µs per page). */
export const SPLIT_FOLIO_PTE = 100;
/** Copying a whole 2 MiB THP on COW (before 5.8, copy_user_huge_page). Estimate: ~10 GB/s. */
export const COPY_HUGE_PAGE = 200_000;

// --- userfaultfd. LAB "userfaultfd, 10,000 single 4 KiB pages": a fault resolved by a handler on the
// other CPU round-trips in 13.7 µs with UFFDIO_COPY (ioctl 4.3 µs), 16.2 µs with UFFDIO_MOVE (ioctl
// 6.3 µs), 15.4 µs with UFFDIO_ZEROPAGE (ioctl 2.8 µs); bulk ioctls cost 1.21 µs (COPY) and 0.093 µs
// (MOVE) per page. The parts below sum to ~13 µs for a COPY round trip across CPUs.
/** handle_userfault: build the message, queue it, wake_up_poll the reader, release_fault_lock, schedule(). Estimate. */
export const HANDLE_USERFAULT = 600;
/**
 * Waking a task asleep on another CPU (reschedule IPI, the idle vCPU leaving HLT). LAB: the same
 * round trip costs 8.5 µs with the handler on the faulting CPU and 13.7 µs across CPUs; the
 * difference is two such cross-CPU wake-ups, ~2.6 µs each.
 */
export const WAKE_REMOTE = 2600;
/** read(2) of one 32-byte uffd_msg: userfaultfd_ctx_read, refile to fault_wqh. Estimate. */
export const UFFD_READ = 700;
/** An ioctl on the uffd: entry, mmget, uffd_mfill_lock, map_changing_lock, wake_userfault. LAB: UFFDIO_ZEROPAGE of one page, 2.8 µs, minus its PTE install. */
export const UFFD_IOCTL = 2700;
/** mfill_atomic_pte_copy per page: allocate, copy_from_user 4 KiB, install. LAB: bulk UFFDIO_COPY, 1.21 µs per page. */
export const MFILL_COPY_PAGE = 1210;
/** mfill_atomic_pte_zeropage per page: map the shared zero page. LAB: ZEROPAGE ioctl 2.8 µs − UFFD_IOCTL. */
export const MFILL_ZERO_PAGE = 100;
/** move_pages_ptes for the first page of a batch: folio lock, anon_vma lock, folio_move_anon_rmap. LAB: MOVE ioctl 6.3 µs − UFFD_IOCTL − the local flush. */
export const MOVE_PAGE = 3300;
/** Each further page of a move_present_ptes batch. LAB: bulk UFFDIO_MOVE, 0.093 µs per page. */
export const MOVE_PTE_BATCHED = 93;
/** uffd_wp_range per PTE (change_protection with MM_CP_UFFD_WP). LAB: protecting 10,000 pages, ~0.1 µs per page. */
export const UFFD_WP_PTE = 100;
