// mm_struct: VMAs (sorted, as the maple tree orders them), the PGD, mm_cpumask and tlb_gen.
import type { ActorId, MmId, Pfn } from './ids';
import type { Vma } from './vma';

/** RSS counters (mm->rss_stat). */
export interface Rss { anon: number; file: number; shmem: number; swapents: number }

/**
 * Who holds mmap_lock or a per-VMA lock over an address range. Since 6.4 a fault only read-locks its
 * VMA (lock_vma_under_rcu), and a writer write-locks the VMAs it changes (vma_start_write), so a
 * fault elsewhere in the mm does not wait; before 6.4 every hold covers the whole mm.
 */
export interface LockHold { readonly actor: ActorId; readonly write: boolean; readonly start: number; readonly end: number }

/** mmap_lock and the VMA locks: holders, and waiters in FIFO order (rwsem fairness). */
export interface MmapLock { holders: LockHold[]; waiters: LockHold[] }

/** struct mm_struct. */
export interface Mm {
  readonly id: MmId;
  /** The scenario's process name. */
  readonly process: string;
  /** context.ctx_id (unique per mm, used by ASID slots). */
  readonly ctxId: number;
  vmas: Vma[];
  pgd: Pfn;
  /** mm_cpumask: CPUs that may hold TLB entries for this mm. */
  cpumask: boolean[];
  /** context.tlb_gen. */
  tlbGen: number;
  /** mm->tlb_flush_pending: flushes begun and not yet completed (the stale-TLB window). */
  tlbFlushPending: number;
  /** mm->tlb_flush_batched: an rmap walk cleared PTEs with their flush deferred to a batch not yet flushed. */
  tlbFlushBatched: boolean;
  /** context.next_trim_cpumask, in simulated ns. */
  nextTrimCpumask: number;
  rss: Rss;
  /** Page-table pages (PUD/PMD/PTE) charged to this mm: VmPTE / pgtables_bytes in pages. */
  nrPgtables: number;
  /** pgtable_trans_huge_deposit: the PTE table kept for each PMD-mapped THP, by its 2 MiB address. */
  deposits: Map<number, Pfn>;
  /** MMF_HAS_PINNED: set by the first FOLL_PIN, never cleared. */
  hasPinned: boolean;
  mmapLock: MmapLock;
  dead: boolean;
  /**
   * mm_users held beyond its tasks': in-flight userfaultfd ioctls from any process take one with
   * mmget_not_zero and drop it with mmput (fs/userfaultfd.c), so the last of them, not the last
   * task, runs exit_mmap.
   */
  users: number;
}

/** Copies an mm for a checkpoint (VMAs are immutable and shared). */
export function cloneMm(m: Mm): Mm {
  return { ...m, deposits: new Map(m.deposits), vmas: m.vmas.slice(), cpumask: m.cpumask.slice(), rss: { ...m.rss }, mmapLock: { holders: m.mmapLock.holders.slice(), waiters: m.mmapLock.waiters.slice() } };
}

/** Index of the first VMA whose end is above `addr` (the maple-tree lookup behind find_vma). */
export function vmaLowerBound(m: Mm, addr: number): number {
  let lo = 0;
  let hi = m.vmas.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((m.vmas[mid] as Vma).end <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** vma_lookup: the VMA containing `addr`, if any. */
export function vmaLookup(m: Mm, addr: number): Vma | undefined {
  const v = m.vmas[vmaLowerBound(m, addr)];
  return v && v.start <= addr ? v : undefined;
}

/** VMAs intersecting [start, end). */
export function vmasInRange(m: Mm, start: number, end: number): Vma[] {
  const out: Vma[] = [];
  if (start >= end) return out;
  for (let i = vmaLowerBound(m, start); i < m.vmas.length; i++) {
    const v = m.vmas[i] as Vma;
    if (v.start >= end) break;
    out.push(v);
  }
  return out;
}

/** CPUs set in mm_cpumask. */
export function cpumaskCpus(m: Mm): number[] {
  const out: number[] = [];
  m.cpumask.forEach((b, i) => { if (b) out.push(i); });
  return out;
}
