// Plans: what a kernel step asks the engine to change. Kernel functions build them; engine/apply.ts applies them.
import type { CounterName } from '../model/counters';
import type { TlbEntry } from '../model/cpu';
import type { ActorId, AnonVmaId, CpuId, MmId, Pfn, TaskId, UffdId, VmaId } from '../model/ids';
import type { Level } from '../model/layout';
import type { LockHold, Rss } from '../model/mm';
import type { HugePmd, Pte, TableEntry } from '../model/pte';
import type { UffdFeature, UffdMsg } from '../model/uffd';
import type { Vma } from '../model/vma';
import type { Pin, Seq, TaskStatus, World } from '../model/world';

/** A PFN, or a name bound by an earlier alloc op of the same plan. */
export type PfnRef = Pfn | { readonly ref: string };
/** An entry whose PFN may still be a reference. */
export type EntryRef = Pte | TableEntry | { readonly kind: 'table'; readonly pfn: { readonly ref: string } }
  | (Omit<Extract<Pte, { kind: 'present' }>, 'pfn'> & { readonly pfn: { readonly ref: string } })
  | (Omit<HugePmd, 'pfn'> & { readonly pfn: { readonly ref: string } });

/** Where a content tag comes from. */
export type ContentSource = { readonly tag: string } | { readonly copyFrom: Pfn };

/** One world change. */
export type PlanOp =
  | { op: 'alloc_pgtable'; mm: MmId; level: Level; base: number; parent: { table: PfnRef; index: number } | null; node: number; as: string }
  | { op: 'free_pgtable'; pfn: Pfn }
  | { op: 'set_entry'; table: PfnRef; index: number; entry: EntryRef }
  | { op: 'alloc_folio'; node: number; order: number; as: string; content: ContentSource; anon: { anonVma: AnonVmaId; index: number } | null; thisNode?: boolean }
  | { op: 'folio_ref'; pfn: PfnRef; delta: number }
  | { op: 'folio_mapcount'; pfn: PfnRef; delta: number }
  | { op: 'folio_pincount'; pfn: Pfn; delta: number }
  | { op: 'folio_flags'; pfn: PfnRef; set: number; clear: number }
  | { op: 'folio_anon'; pfn: Pfn; anonVma: AnonVmaId; index?: number }
  | { op: 'page_exclusive'; pfn: PfnRef; value: boolean }
  | { op: 'folio_copy'; from: Pfn; to: Pfn }
  | { op: 'split_folio'; pfn: Pfn }
  | { op: 'write_content'; pfn: Pfn; tag: string }
  | { op: 'mm_create'; mm: MmId; process: string; ctxId: number; pgd: string; node: number }
  | { op: 'mm_destroy'; mm: MmId }
  | { op: 'mm_get'; mm: MmId }
  | { op: 'mm_put'; mm: MmId }
  | { op: 'vma_replace'; mm: MmId; remove: readonly VmaId[]; insert: readonly Vma[]; /** Where the removed VMAs start, when nothing is inserted (a lookup hint). */ at?: number }
  | { op: 'anon_vma_create'; id: AnonVmaId; parent: AnonVmaId | null }
  | { op: 'avc_link'; vma: VmaId; anonVma: AnonVmaId }
  | { op: 'avc_unlink_vma'; vma: VmaId }
  | { op: 'rss'; mm: MmId; delta: Partial<Rss> }
  | { op: 'mm_pgtables'; mm: MmId; delta: number }
  | { op: 'tlb_gen_inc'; mm: MmId }
  | { op: 'flush_pending'; mm: MmId; delta: number }
  | { op: 'trim_cpumask'; mm: MmId; next: number }
  | { op: 'cpumask'; mm: MmId; cpu: CpuId; set: boolean }
  | { op: 'lock_hold'; mm: MmId; hold: LockHold }
  | { op: 'lock_wait'; mm: MmId; hold: LockHold }
  | { op: 'lock_drop'; mm: MmId; actor: ActorId }
  | { op: 'has_pinned'; mm: MmId }
  | { op: 'tlb_fill'; cpu: CpuId; entry: TlbEntry }
  | { op: 'tlb_touch'; cpu: CpuId; index: number; entry: TlbEntry }
  | { op: 'tlb_flush'; cpu: CpuId; asid: number; range: readonly [number, number] | null }
  | { op: 'cpu_mm'; cpu: CpuId; mm: MmId | null; lazy: boolean; asid: number; nextAsid: number }
  | { op: 'asid_gen'; cpu: CpuId; asid: number; mm: MmId | null; tlbGen: number }
  | { op: 'cpu_task'; cpu: CpuId; task: TaskId | null }
  | { op: 'task_status'; task: TaskId; status: TaskStatus }
  | { op: 'task_mm'; task: TaskId; mm: MmId | null }
  | { op: 'region'; name: string; addr: number | null; pages: number }
  | { op: 'task_create'; task: TaskId; name: string; process: string; cpu: CpuId; mm: MmId | null }
  | { op: 'tlb_ubc_add'; task: TaskId; mm: MmId; writable: boolean }
  | { op: 'tlb_ubc_clear'; task: TaskId }
  | { op: 'deposit'; mm: MmId; addr: number; table: PfnRef | null }
  | { op: 'huge_zero'; pfn: PfnRef }
  | { op: 'flush_batched_done'; mm: MmId }
  | { op: 'swap_alloc'; slot: number; content: string; cache: PfnRef }
  | { op: 'swap_count'; slot: number; delta: number }
  | { op: 'swap_cache'; slot: number; cache: PfnRef | null }
  | { op: 'swap_write'; slot: number; content: string }
  | { op: 'pin_add'; pin: Pin }
  | { op: 'pin_release'; name: string }
  | { op: 'uffd_create'; id: UffdId; name: string; mm: MmId; fd: number; features: readonly UffdFeature[] }
  | { op: 'uffd_queue'; uffd: UffdId; msg: UffdMsg }
  | { op: 'uffd_read'; uffd: UffdId; msg: number }
  | { op: 'uffd_dequeue'; uffd: UffdId; msgs: readonly number[] }
  | { op: 'count'; name: CounterName; delta: number }
  | { op: 'count_shootdown'; cpu: CpuId };

/** Convenience builder so kernel code reads as a sequence of kernel actions. */
export class Plan {
  readonly ops: PlanOp[] = [];
  private refs = 0;
  private readonly pending: Seq = { vma: 0, anonVma: 0, mm: 0, ctx: 0, uffd: 0 };
  /** Appends an op. */
  add(op: PlanOp): this {
    this.ops.push(op);
    return this;
  }
  /** A fresh reference name for an allocation in this plan. */
  ref(prefix: string): string {
    return `${prefix}${this.refs++}`;
  }
  /** A new id of some kind, unique even before the plan is applied (the engine advances world.seq). */
  id(w: World, kind: keyof Seq): number {
    return w.seq[kind] + this.pending[kind]++;
  }
  /** Increments a counter. */
  count(name: CounterName, delta = 1): this {
    return this.add({ op: 'count', name, delta });
  }
}
