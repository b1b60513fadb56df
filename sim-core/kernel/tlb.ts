// x86 TLB management (arch/x86/mm/tlb.c, 6.13+ semantics unless the kernel era says otherwise).
import { ACCESS_TLB_HIT, FLUSH_SETUP, FULL_FLUSH, INVLPG, SWITCH_MM } from '../engine/costs';
import { asidOf, type Cpu, TLB_NR_DYN_ASIDS } from '../model/cpu';
import type { OpResult } from '../engine/types';
import type { CpuId, MmId } from '../model/ids';
import { PAGE_SHIFT, PAGE_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import type { World } from '../model/world';
import { Plan } from './plan';
import { plural } from './words';

/** TLB_FLUSH_ALL as an end address. */
export const TLB_FLUSH_ALL = Number.POSITIVE_INFINITY;

/** TLB_GENERATION_INVALID: a batched flush (arch_tlbbatch_flush) names no generation. */
export const TLB_GENERATION_INVALID = -1;

/** struct flush_tlb_info; mm is null for a batched flush of several mms (arch_tlbbatch_flush). */
export interface FlushInfo {
  readonly mm: MmId | null;
  readonly start: number;
  readonly end: number;
  readonly strideShift: number;
  readonly freedTables: boolean;
  readonly newTlbGen: number;
  readonly initiator: CpuId;
  readonly trimCpumask: boolean;
}

/** True when the info asks for a full flush (a range over tlb_single_page_flush_ceiling becomes TLB_FLUSH_ALL). */
export function isFullFlush(w: World, start: number, end: number, strideShift: number): boolean {
  return end === TLB_FLUSH_ALL || (end - start) / 2 ** strideShift > w.cfg.flushCeiling;
}

/** choose_new_asid: reuse the slot holding this mm, or take the next slot round-robin (which needs a flush). */
export function chooseNewAsid(c: Cpu, mm: Mm): { asid: number; needFlush: boolean; nextAsid: number } {
  const slot = asidOf(c, mm.id);
  if (slot >= 0) return { asid: slot, needFlush: (c.asids[slot]?.tlbGen ?? 0) < mm.tlbGen, nextAsid: c.nextAsid };
  const asid = c.nextAsid >= TLB_NR_DYN_ASIDS ? 0 : c.nextAsid;
  return { asid, needFlush: true, nextAsid: asid + 1 };
}

/** Result of a context switch: the plan and a sentence about it. */
export interface SwitchOut { readonly plan: Plan; readonly say: string; readonly cost: number; readonly flushed: boolean }

/** switch_mm_irqs_off(prev, next): load `next` on a CPU, catching up a stale lazy TLB by tlb_gen. */
export function switchMmIrqsOff(w: World, cpu: CpuId, next: Mm, plan = new Plan()): SwitchOut {
  const c = w.cpus[cpu] as Cpu;
  if (c.loadedMm === next.id) {
    if (!c.isLazy) return { plan, say: 'same mm, already loaded: nothing to do', cost: 0, flushed: false };
    const gen = c.asids[c.asid]?.tlbGen ?? 0;
    const stale = gen < next.tlbGen;
    plan.add({ op: 'cpu_mm', cpu, mm: next.id, lazy: false, asid: c.asid, nextAsid: c.nextAsid });
    if (!stale) return { plan, say: `leaves lazy TLB mode; tlb_gen ${gen} is current, no flush`, cost: ACCESS_TLB_HIT, flushed: false };
    plan.add({ op: 'tlb_flush', cpu, asid: c.asid, range: null }).count('tlb.flushes.full');
    plan.add({ op: 'asid_gen', cpu, asid: c.asid, mm: next.id, tlbGen: next.tlbGen });
    return { plan, say: `leaves lazy TLB mode; its tlb_gen ${gen} is behind the mm's ${next.tlbGen}, so it flushes the ASID (the skipped IPIs are paid back here)`, cost: SWITCH_MM + FULL_FLUSH, flushed: true };
  }
  const prev = c.loadedMm;
  if (prev !== null && !w.cfg.features.cpumaskLazyTrim) plan.add({ op: 'cpumask', mm: prev, cpu, set: false });
  if (!next.cpumask[cpu]) plan.add({ op: 'cpumask', mm: next.id, cpu, set: true });
  const a = chooseNewAsid(c, next);
  if (a.needFlush) plan.add({ op: 'tlb_flush', cpu, asid: a.asid, range: null }).count('tlb.flushes.full');
  plan.add({ op: 'asid_gen', cpu, asid: a.asid, mm: next.id, tlbGen: next.tlbGen });
  plan.add({ op: 'cpu_mm', cpu, mm: next.id, lazy: false, asid: a.asid, nextAsid: a.nextAsid });
  const how = a.needFlush ? `takes ASID ${a.asid} and flushes it` : `reuses ASID ${a.asid}, whose TLB contents are current (CR3_NOFLUSH)`;
  return { plan, say: `loads mm '${next.process}', sets its bit in mm_cpumask, ${how}`, cost: SWITCH_MM + (a.needFlush ? FULL_FLUSH : 0), flushed: a.needFlush };
}

/** enter_lazy_tlb: the CPU goes idle but keeps the old mm loaded (no CR3 write, stays in mm_cpumask). */
export function enterLazyTlb(w: World, cpu: CpuId, plan = new Plan()): Plan {
  const c = w.cpus[cpu] as Cpu;
  if (c.loadedMm !== null && !c.isLazy) plan.add({ op: 'cpu_mm', cpu, mm: c.loadedMm, lazy: true, asid: c.asid, nextAsid: c.nextAsid });
  return plan;
}

/** Why a CPU in mm_cpumask does or does not get a flush IPI. */
export interface TargetChoice { readonly cpu: CpuId; readonly ipi: boolean; readonly reason: string }

/** native_flush_tlb_multi's choice: on_each_cpu_mask (freed_tables) or on_each_cpu_cond_mask(should_flush_tlb). */
export function chooseTargets(w: World, mm: Mm, initiator: CpuId, freedTables: boolean, trim: boolean): TargetChoice[] {
  const out: TargetChoice[] = [];
  const all = freedTables || !w.cfg.features.lazyTlbSkip;
  mm.cpumask.forEach((set, i) => {
    if (!set || i === initiator) return;
    const c = w.cpus[i] as Cpu;
    const cpu = c.id;
    if (all) out.push({ cpu, ipi: true, reason: freedTables ? 'page tables are being freed (freed_tables): every CPU in mm_cpumask' : 'this kernel IPIs lazy CPUs too' });
    else if (c.isLazy) out.push({ cpu, ipi: false, reason: 'lazy TLB: will catch up by tlb_gen at its next switch_mm' });
    else if (c.loadedMm === mm.id) out.push({ cpu, ipi: true, reason: 'runs this mm' });
    else if (trim) out.push({ cpu, ipi: true, reason: 'stale mm_cpumask bit; trim_cpumask sends one IPI so it drops out' });
    else out.push({ cpu, ipi: false, reason: 'runs another mm: no IPI (tlb_gen is compared when it switches back)' });
  });
  return out;
}

/** should_trim_cpumask: at most once per second (jiffies + HZ) per mm. */
export function shouldTrimCpumask(w: World, mm: Mm, now: number): boolean {
  return w.cfg.features.cpumaskLazyTrim && now > mm.nextTrimCpumask;
}

/** What flush_tlb_func did on one CPU. */
export interface FlushFuncOut { readonly plan: Plan; readonly say: string; readonly cost: number }

/** flush_tlb_func(info) on `cpu`, local (the initiator) or in the IPI handler. */
export function flushTlbFunc(w: World, cpu: CpuId, f: FlushInfo, plan = new Plan()): FlushFuncOut {
  const c = w.cpus[cpu] as Cpu;
  const local = cpu === f.initiator;
  if (!local) plan.add({ op: 'count_shootdown', cpu });
  const fmm = f.mm === null ? undefined : w.mms.get(f.mm);
  if (f.mm !== null && c.loadedMm !== f.mm) {
    if (w.cfg.features.cpumaskLazyTrim && fmm?.cpumask[cpu]) plan.add({ op: 'cpumask', mm: f.mm, cpu, set: false });
    return { plan, say: `runs another mm: clears its stale mm_cpumask bit and returns`, cost: FLUSH_SETUP };
  }
  if (c.loadedMm === null) return { plan, say: 'has init_mm loaded: nothing to flush', cost: FLUSH_SETUP };
  const mm = w.mms.get(c.loadedMm);
  if (c.isLazy) {
    plan.add({ op: 'cpu_mm', cpu, mm: null, lazy: false, asid: c.asid, nextAsid: c.nextAsid });
    return { plan, say: 'is lazy: switches to init_mm so it stops using the page tables being freed', cost: SWITCH_MM };
  }
  const localGen = c.asids[c.asid]?.tlbGen ?? 0;
  const mmGen = mm?.tlbGen ?? 0;
  if (f.newTlbGen !== TLB_GENERATION_INVALID && f.newTlbGen <= localGen) return { plan, say: `already flushed up to tlb_gen ${localGen}: nothing to do`, cost: FLUSH_SETUP };
  if (localGen === mmGen) return { plan, say: `its mm's tlb_gen ${mmGen} has not moved: nothing to flush`, cost: FLUSH_SETUP };
  const partial = !isFullFlush(w, f.start, f.end, f.strideShift) && f.newTlbGen === localGen + 1 && f.newTlbGen === mmGen;
  if (partial) {
    const pages = Math.max(1, Math.ceil((f.end - f.start) / 2 ** f.strideShift));
    const first = Math.floor(f.start / PAGE_SIZE);
    plan.add({ op: 'tlb_flush', cpu, asid: c.asid, range: [first, first + Math.ceil((f.end - f.start) / PAGE_SIZE)] });
    plan.add({ op: 'asid_gen', cpu, asid: c.asid, mm: c.loadedMm, tlbGen: mmGen });
    if (local) plan.count('tlb.flushes.local');
    return { plan, say: `INVLPG × ${pages} (range of ${plural(pages, 'page')}, under the ${w.cfg.flushCeiling}-page ceiling)`, cost: pages * INVLPG };
  }
  plan.add({ op: 'tlb_flush', cpu, asid: c.asid, range: null }).count('tlb.flushes.full');
  plan.add({ op: 'asid_gen', cpu, asid: c.asid, mm: c.loadedMm, tlbGen: mmGen });
  if (local) plan.count('tlb.flushes.local');
  const why = f.end === TLB_FLUSH_ALL || isFullFlush(w, f.start, f.end, f.strideShift)
    ? `the range is over the ${w.cfg.flushCeiling}-page ceiling` : `this CPU is more than one tlb_gen behind`;
  return { plan, say: `full flush of ASID ${c.asid} (${why})`, cost: FULL_FLUSH };
}

/** Pages covered by [start, end) in flush strides. */
export function flushPages(start: number, end: number): number {
  return end === TLB_FLUSH_ALL ? Infinity : Math.ceil((end - start) / 2 ** PAGE_SHIFT);
}

/** What a caller asks to flush, and the progress of the flush. */
export interface ShootdownData {
  /** The mm, or null for a batched flush of the CPUs in `batch` (try_to_unmap_flush). */
  readonly mm: MmId | null;
  readonly batch: readonly boolean[] | null;
  /** For a batch: the mms whose tlb_flush_batched this flush settles. */
  readonly batchMms: readonly MmId[];
  readonly start: number;
  readonly end: number;
  readonly strideShift: number;
  readonly freedTables: boolean;
  /** The kernel path that asked for it, e.g. "tlb_finish_mmu" or "ptep_clear_flush". */
  readonly caller: string;
  readonly info: FlushInfo | null;
  readonly targets: readonly TargetChoice[];
  readonly localRun: boolean;
  readonly acked: number;
  readonly result: OpResult | null;
}

/** A flush through x86 flush_tlb_range (arch/x86/include/asm/tlbflush.h): freed_tables by era. */
export function flushTlbRange(w: World, mm: MmId, start: number, end: number, caller: string): ShootdownData {
  return shootdownData(mm, start, end, w.cfg.features.flushRangeFreesTables, caller);
}

/** Data for a new shootdown. */
export function shootdownData(mm: MmId, start: number, end: number, freedTables: boolean, caller: string): ShootdownData {
  return { mm, batch: null, batchMms: [], start, end, strideShift: 12, freedTables, caller, info: null, targets: [], localRun: false, acked: 0, result: null };
}

/** Data for arch_tlbbatch_flush of a deferred batch (info->mm == NULL, TLB_FLUSH_ALL). */
export function batchFlushData(cpus: readonly boolean[], mms: readonly MmId[], caller: string): ShootdownData {
  return { mm: null, batch: cpus, batchMms: mms, start: 0, end: TLB_FLUSH_ALL, strideShift: 12, freedTables: false, caller, info: null, targets: [], localRun: false, acked: 0, result: null };
}

/** should_flush_tlb for a batched flush: every CPU of the mask but lazy ones (!info->mm is true). */
export function chooseBatchTargets(w: World, cpus: readonly boolean[], initiator: CpuId): TargetChoice[] {
  const out: TargetChoice[] = [];
  cpus.forEach((set, i) => {
    if (!set || i === initiator) return;
    const c = w.cpus[i] as Cpu;
    if (c.isLazy) out.push({ cpu: c.id, ipi: false, reason: 'lazy TLB: will catch up by tlb_gen at its next switch_mm' });
    else out.push({ cpu: c.id, ipi: true, reason: 'in the batch cpumask and not lazy (a batched flush names no mm)' });
  });
  return out;
}

