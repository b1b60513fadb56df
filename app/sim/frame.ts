// The view model: a plain, structured-cloneable picture of the simulation after some step, built in
// the worker from the engine's state and posted to the UI. Views read only this.
import type { OpResult } from '../../sim-core/engine/types';
import type { UffdView } from './frame-uffd';

export type * from './frame-uffd';

/** One TLB entry as drawn. */
export interface TlbView {
  readonly vpn: number;
  readonly vaddr: number;
  readonly pfn: number;
  readonly writable: boolean;
  readonly dirty: boolean;
  readonly asid: number;
  readonly mm: number;
  readonly process: string;
  /** The entry no longer matches its PTE (a window the kernel allows only until the flush completes). */
  readonly stale: boolean;
  /** The CPU cannot use it now (another ASID is loaded, or lazy and behind tlb_gen). */
  readonly dormant: boolean;
}

/** A CPU. */
export interface CpuView {
  readonly id: number;
  readonly node: number;
  readonly task: string | null;
  readonly taskStatus: string | null;
  /** The other live tasks of this CPU (tasks may share one), each "name (status)". */
  readonly others: readonly string[];
  readonly mm: number | null;
  readonly process: string | null;
  readonly lazy: boolean;
  readonly asid: number;
  readonly asids: readonly { readonly mm: number | null; readonly process: string | null; readonly tlbGen: number }[];
  readonly tlb: readonly TlbView[];
  readonly clock: number;
}

/** A VMA. */
export interface VmaView {
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly pages: number;
  readonly prot: string;
  /** smaps VmFlags mnemonics. */
  readonly flags: string;
  readonly anonVma: number | null;
  readonly pgoff: number;
}

/** PTE kinds as small codes, for compact per-page arrays. */
export const PTE_KIND = { none: 0, present_ro: 1, present_rw: 2, zero: 3, swap: 4, migration: 5, marker: 6, file: 7, protnone: 8, table: 9, huge: 10 } as const;
export type PteKindName = keyof typeof PTE_KIND;

/** One page-table page: its level and its entries as compact columns. */
export interface TableView {
  readonly pfn: number;
  readonly level: number;
  readonly base: number;
  readonly used: number;
  /** PTE_KIND code per entry (512). */
  readonly kinds: Uint8Array;
  /** PFN (or next table) per entry, -1 when none. */
  readonly pfns: Int32Array;
  /** Bits per entry: 1 dirty, 2 accessed, 4 uffd-wp (on a present or swap PTE, a huge PMD, or PTE_MARKER_UFFD_WP), 8 soft-dirty. */
  readonly bits: Uint8Array;
}

/** An mm. */
export interface MmView {
  readonly id: number;
  readonly process: string;
  readonly pgd: number;
  readonly cpumask: readonly number[];
  readonly tlbGen: number;
  readonly flushPending: number;
  readonly rss: { readonly anon: number; readonly file: number; readonly shmem: number; readonly swapents: number };
  readonly pgtables: number;
  readonly hasPinned: boolean;
  readonly vmas: readonly VmaView[];
  readonly tables: readonly TableView[];
}

/** A folio. */
export interface FolioView {
  readonly pfn: number;
  readonly order: number;
  readonly node: number;
  readonly refcount: number;
  readonly mapcount: number;
  readonly pincount: number;
  readonly flags: readonly string[];
  readonly anonVma: number | null;
  readonly index: number;
  /** Content tag of each page (first 16 pages of a large folio). */
  readonly content: readonly string[];
  /** PageAnonExclusive of the first page. */
  readonly exclusive: boolean;
}

/** Physical memory. */
export interface MemoryView {
  readonly nodes: number;
  readonly framesPerNode: number;
  /** FRAME kind per PFN (0 free, 1 head, 2 tail, 3 page table, 4 reserved). */
  readonly kind: Uint8Array;
  readonly folios: readonly FolioView[];
  /** Page-table pages: pfn, level, owning mm. */
  readonly pagetables: readonly { readonly pfn: number; readonly level: number; readonly mm: number }[];
}

/** A running machine (an xstate actor). */
export interface ActorView {
  readonly id: number;
  readonly kind: string;
  readonly cpu: number;
  readonly task: string | null;
  readonly state: string;
  readonly waiting: boolean;
  /** A short status line, e.g. "waiting for acks (1 of 3)". */
  readonly detail: string;
  readonly parent: number | null;
}

/** An IPI on its way or being handled. */
export interface IpiView {
  readonly from: number;
  readonly to: number;
  readonly initiator: number;
  readonly state: 'in-flight' | 'handled';
}

/** The step that led to a frame, fully narrated. */
export interface StepView {
  readonly step: number;
  readonly actor: number;
  readonly kind: string;
  readonly cpu: number;
  readonly task: string | null;
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly file: string;
  readonly fn: string;
  readonly say: string;
  readonly cost: number;
  readonly at: number;
  readonly marks: number;
  readonly violations: readonly string[];
  readonly runnable: number;
  /** What changed: the plan ops, one line each. */
  readonly diff: readonly string[];
  /** Objects the step touched, for highlighting: "pfn:12", "vma:3", "cpu:1", "pt:40". */
  readonly touched: readonly string[];
}

/** An rmap walk in progress (mm/rmap.c rmap_walk_anon): folio → anon_vma → VMAs → PTEs. */
export interface RmapWalkView {
  readonly actor: number;
  /** The per-VMA callback: try_to_migrate, remove_migration_ptes or try_to_unmap. */
  readonly purpose: string;
  /** The folio walked (for remove_migration_ptes the new folio; its entries name `src`). */
  readonly folio: number;
  readonly src: number;
  readonly anonVma: number | null;
  /** The machine's state: rmap_walk_anon, rmap_one, wait_flush, finish_one or done. */
  readonly state: string;
  /** The VMAs the anon_vma links, in visiting order, and where the folio sits in each. */
  readonly targets: readonly { readonly vma: number; readonly mm: number; readonly addr: number | null }[];
  /** Targets before this index are done. */
  readonly index: number;
  /** TTU_BATCH_FLUSH: flushes deferred to the task's batch. */
  readonly batch: boolean;
  /** A PTE is cleared and its ptep_clear_flush is in flight. */
  readonly flushing: boolean;
}

/** A migrate_pages call in progress. */
export interface MigrationView {
  readonly actor: number;
  readonly node: number;
  readonly mode: 'async' | 'sync';
  readonly pass: number;
  readonly stage: string;
  readonly reason: string;
  readonly folios: readonly { readonly src: number; readonly dst: number | null; readonly state: 'queued' | 'unmapped' | 'done' | 'failed' }[];
}

/** A reclaim pass in progress (shrink_folio_list). */
export interface ReclaimView {
  readonly actor: number;
  readonly folios: readonly { readonly pfn: number; readonly slot: number; readonly state: 'isolated' | 'unmapped' | 'kept' | 'freed' }[];
}

/** Everything the views draw for one position of the cursor. */
export interface Frame {
  /** Number of steps executed (0 = the initial state). */
  readonly step: number;
  readonly total: number;
  readonly time: number;
  readonly record: StepView | null;
  readonly cpus: readonly CpuView[];
  readonly mms: readonly MmView[];
  readonly memory: MemoryView;
  readonly anonVmas: readonly { readonly id: number; readonly root: number; readonly parent: number | null; readonly vmas: readonly number[] }[];
  readonly actors: readonly ActorView[];
  readonly rmapWalks: readonly RmapWalkView[];
  readonly migrations: readonly MigrationView[];
  readonly reclaims: readonly ReclaimView[];
  readonly ipis: readonly IpiView[];
  readonly counters: Readonly<Record<string, number | readonly number[]>>;
  readonly results: readonly (OpResult & { readonly task: string; readonly index: number; readonly op: string; readonly step: number })[];
  readonly violations: readonly { readonly step: number; readonly message: string }[];
  readonly regions: readonly { readonly name: string; readonly addr: number | null; readonly pages: number }[];
  /** userfaultfd contexts, in creation order. */
  readonly uffds: readonly UffdView[];
}
