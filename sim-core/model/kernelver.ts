// The `kernel` field of a scenario selects the era whose behaviour a run follows where it changed.

/** A parsed kernel version. */
export interface KernelVersion { readonly major: number; readonly minor: number; readonly text: string }

/** The newest kernel mmscope models, and the oldest (2.6.x is numbered by its third component). */
export const NEWEST = { major: 6, minor: 18 } as const;
const RANGE = '(2.6.0 to 6.18)';
/**
 * The last minor each series released (kernel.org): 2.6.39, 3.19, 4.20, 5.19; 6.x is open, and
 * mmscope models it up to 6.18.
 */
const LAST_MINOR: Readonly<Record<number, number>> = { 3: 19, 4: 20, 5: 19, 6: NEWEST.minor };
const LAST_26 = 39;

// "6.18", "6.18.44" (a stable patch level), "2.6.24" or "2.6.32.27"; no leading zeros.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?$/;

/** Why `text` is not a kernel version mmscope models (a Linux release from 2.6.0 to 6.18), or null when it is. */
export function kernelProblem(text: string): string | null {
  const m = VERSION.exec(text);
  const a = Number(m?.[1]);
  const b = Number(m?.[2]);
  if (!m || (m[4] !== undefined && !(a === 2 && b === 6))) return `'${text}' is not a kernel version: write major.minor such as "6.18" (or 2.6.x); mmscope models 2.6.0 to 6.18`;
  if (a < 2 || (a === 2 && b < 6)) return `'${text}' is older than the kernels mmscope models ${RANGE}`;
  if (a > NEWEST.major || (a === NEWEST.major && b > NEWEST.minor)) return `'${text}' is newer than the kernels mmscope models ${RANGE}`;
  if (a === 2) {
    if (b > 6) return `'${text}' is not a Linux release: 2.6 was followed by 3.0`;
    if (m[3] === undefined) return `'${text}' needs its third number: 2.6.0 to 2.6.${LAST_26}`;
    if (Number(m[3]) > LAST_26) return `'${text}' is not a Linux release: 2.6.x ran from 2.6.0 to 2.6.${LAST_26}`;
    return null;
  }
  const last = LAST_MINOR[a] ?? 0;
  return b > last ? `'${text}' is not a Linux release: ${a}.x ran from ${a}.0 to ${a}.${last}` : null;
}

/** Parses "6.18" or "2.6.24"; null when it is not a version we model (kernelProblem says why). */
export function parseKernel(text: string): KernelVersion | null {
  if (kernelProblem(text)) return null;
  const [a, b, c] = text.split('.').map(Number) as [number, number, number | undefined];
  // 2.6.x is numbered by its third component; fold it into the minor for ordering.
  return a === 2 ? { major: 2, minor: 600 + (c ?? 0), text } : { major: a, minor: b, text };
}

/** True when `k` is at least version major.minor. */
export function atLeast(k: KernelVersion, major: number, minor: number): boolean {
  return k.major > major || (k.major === major && k.minor >= minor);
}

/** Behaviour switches that depend on the kernel era. */
export interface KernelFeatures {
  /** 4.19, "x86/mm/tlb: Only send page table free TLB flush to lazy TLB CPUs" (Rik van Riel). */
  readonly lazyTlbSkip: boolean;
  /** ~6.13: switch_mm_irqs_off no longer clears prev's mm_cpumask bit; stale bits are trimmed by flush IPIs. */
  readonly cpumaskLazyTrim: boolean;
  /** 6.4: page faults first try lock_vma_under_rcu (per-VMA lock). */
  readonly perVmaLock: boolean;
  /** 5.19: PageAnonExclusive; fork clears it, a pinned page is copied at fork. */
  readonly anonExclusive: boolean;
  /** 5.9: do_wp_page reuses a page only when its refcount says nobody else holds it. */
  readonly cowReuseByRefcount: boolean;
  /** 5.8: a write to a PMD-mapped THP after fork splits the PMD and copies 4 KiB instead of 2 MiB. */
  readonly thpCowSplit: boolean;
  /** 4.3: userfaultfd(2) exists (MISSING mode, UFFDIO_COPY/ZEROPAGE/WAKE). */
  readonly uffd: boolean;
  /** 5.7: uffd-wp on anonymous memory (UFFDIO_REGISTER_MODE_WP, UFFDIO_WRITEPROTECT). */
  readonly uffdWp: boolean;
  /** 6.8: UFFDIO_MOVE exists. */
  readonly uffdMove: boolean;
  /**
   * 6.18: move_present_ptes batches contiguous exclusive pages of one PTE table and flushes them with
   * one flush_tlb_range ("userfaultfd: opportunistic TLB-flush batching for present pages in MOVE",
   * Lokesh Gidra, 2025); 6.8–6.17 flush each page with ptep_clear_flush.
   */
  readonly uffdMoveBatch: boolean;
  /** Before 4.0: remap_file_pages builds nonlinear VMAs. */
  readonly nonlinearVmas: boolean;
  /** 6.14: PT_RECLAIM, MADV_DONTNEED frees a PTE table it empties entirely. */
  readonly ptReclaim: boolean;
  /** 5.11: fork copies a pinned anonymous page for the child at once (page_needs_cow_for_dma). */
  readonly forkCopiesPinned: boolean;
  /** ~6.13: a write to the huge zero page allocates a THP instead of splitting (do_huge_zero_wp_pmd). */
  readonly hugeZeroWpAlloc: boolean;
  /** ~6.15: try_to_unmap_one flushes with flush_tlb_range, not ptep_clear_flush. */
  readonly unmapFlushRange: boolean;
  /**
   * 6.15: x86 flush_tlb_range passes freed_tables = true ("x86/mm: Fix flush_tlb_range() when used
   * for zapping normal PMDs", Jann Horn, CVE-2025-22045), so every flush through it (THP splits,
   * pmdp_huge_clear_flush, try_to_unmap_one, UFFDIO_MOVE's batch) IPIs lazy CPUs too.
   */
  readonly flushRangeFreesTables: boolean;
  /** 4.14: PCID (per-CPU dynamic ASIDs) and the tlb_gen scheme. */
  readonly pcid: boolean;
  /**
   * 6.15: do_wp_page reuses a page of a PTE-mapped large folio that only this mm maps with no extra
   * reference (__wp_can_reuse_large_anon_folio, "mm: Copy-on-Write (COW) reuse support for
   * PTE-mapped THP", David Hildenbrand, CONFIG_MM_ID); before, such a page was always copied.
   */
  readonly largeCowReuse: boolean;
  /**
   * 6.12: a successful split of an anonymous folio maps each zero-filled page back as the shared zero
   * page (remap_page with RMP_USE_SHARED_ZEROPAGE → try_to_map_unused_to_zeropage, "mm: remap unused
   * subpages to shared zeropage when splitting isolated thp", Yu Zhao and Usama Arif), freeing it.
   */
  readonly splitZeropage: boolean;
}

/** Feature switches for a kernel version. */
export function kernelFeatures(k: KernelVersion): KernelFeatures {
  return {
    lazyTlbSkip: atLeast(k, 4, 19),
    cpumaskLazyTrim: atLeast(k, 6, 13),
    perVmaLock: atLeast(k, 6, 4),
    anonExclusive: atLeast(k, 5, 19),
    cowReuseByRefcount: atLeast(k, 5, 9),
    thpCowSplit: atLeast(k, 5, 8),
    uffd: atLeast(k, 4, 3),
    uffdWp: atLeast(k, 5, 7),
    uffdMove: atLeast(k, 6, 8),
    uffdMoveBatch: atLeast(k, 6, 18),
    nonlinearVmas: !atLeast(k, 4, 0),
    pcid: atLeast(k, 4, 14),
    ptReclaim: atLeast(k, 6, 14),
    forkCopiesPinned: atLeast(k, 5, 11),
    unmapFlushRange: atLeast(k, 6, 15),
    flushRangeFreesTables: atLeast(k, 6, 15),
    hugeZeroWpAlloc: atLeast(k, 6, 13),
    largeCowReuse: atLeast(k, 6, 15),
    splitZeropage: atLeast(k, 6, 12),
  };
}

/** Where split_vma, mmap_region and the VMA merge code live: mm/vma.c since 6.12 (Lorenzo Stoakes), mm/mmap.c before. */
export const vmaFile = (k: KernelVersion): string => (atLeast(k, 6, 12) ? 'mm/vma.c' : 'mm/mmap.c');
