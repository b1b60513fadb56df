// CPUs with their TLBs and lazy-TLB state (arch/x86/mm/tlb.c: struct tlb_state).
import type { CpuId, MmId, Pfn, TaskId } from './ids';

/** TLB_NR_DYN_ASIDS: each CPU caches the contexts of its last 6 mms. */
export const TLB_NR_DYN_ASIDS = 6;

/** One cached translation. Immutable. */
export interface TlbEntry {
  readonly asid: number;
  readonly mm: MmId;
  readonly vpn: number;
  readonly pfn: Pfn;
  readonly writable: boolean;
  readonly dirty: boolean;
  /** A 2 MiB entry from a PMD leaf: covers vpn .. vpn + 511 (vpn is 512-aligned). */
  readonly huge?: boolean;
}

/** Pages an entry translates. */
export const tlbSpan = (e: TlbEntry): number => (e.huge ? 512 : 1);

/** True when the entry translates `vpn`. */
export const tlbCovers = (e: TlbEntry, vpn: number): boolean => (e.huge ? vpn >= e.vpn && vpn < e.vpn + 512 : e.vpn === vpn);

/** cpu_tlbstate.ctxs[asid]: which mm an ASID slot holds and how far its TLB contents are flushed. */
export interface AsidSlot { mm: MmId | null; tlbGen: number }

/** A logical CPU. */
export interface Cpu {
  readonly id: CpuId;
  readonly node: number;
  /** The task running on it, or null when idle. */
  task: TaskId | null;
  /** cpu_tlbstate.loaded_mm; null means init_mm (no user address space). */
  loadedMm: MmId | null;
  /** cpu_tlbstate_shared.is_lazy: idle or in a kernel thread with the old mm still loaded. */
  isLazy: boolean;
  asids: AsidSlot[];
  /** loaded_mm_asid. */
  asid: number;
  /** next_asid: the round-robin victim for choose_new_asid. */
  nextAsid: number;
  /** The TLB, least recently used first. */
  tlb: TlbEntry[];
  /** Simulated time on this CPU, in ns. */
  clock: number;
}

/** An idle CPU with init_mm loaded and an empty TLB. */
export function newCpu(id: CpuId, node: number): Cpu {
  return {
    id, node, task: null, loadedMm: null, isLazy: false,
    asids: Array.from({ length: TLB_NR_DYN_ASIDS }, () => ({ mm: null, tlbGen: 0 })),
    asid: 0, nextAsid: 1, tlb: [], clock: 0,
  };
}

/** Copies a CPU for a checkpoint (TLB entries are immutable and shared). */
export function cloneCpu(c: Cpu): Cpu {
  return { ...c, asids: c.asids.map((a) => ({ ...a })), tlb: c.tlb.slice() };
}

/** Index of the TLB entry translating `vpn` in the CPU's current ASID, or -1. */
export function tlbFind(c: Cpu, vpn: number): number {
  const t = c.tlb;
  for (let i = t.length - 1; i >= 0; i--) {
    const e = t[i] as TlbEntry;
    if (e.asid === c.asid && tlbCovers(e, vpn)) return i;
  }
  return -1;
}

/** The ASID slot holding `mm` on this CPU, or -1. */
export function asidOf(c: Cpu, mm: MmId): number {
  return c.asids.findIndex((a) => a.mm === mm);
}
