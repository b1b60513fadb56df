// The whole simulated machine: plain data, no hidden state. Only engine/apply.ts mutates it.
import { cloneCounters, type Counters, newCounters } from './counters';
import { cloneCpu, type Cpu, newCpu } from './cpu';
import { type CpuId, cpuId, type MmId, type TaskId } from './ids';
import { type KernelFeatures, type KernelVersion, kernelFeatures } from './kernelver';
import { cloneMm, type Mm } from './mm';
import { cloneTable, type PageTable } from './pagetable';
import { clonePhysMem, createPhysMem, type PhysMem } from './physmem';
import { cloneRmap, createRmap, type Rmap } from './rmap';
import { cloneUffd, type UffdCtx } from './uffd';

/** Machine shape and tunables fixed for a run. */
export interface WorldConfig {
  readonly cpus: number;
  readonly nodes: number;
  readonly framesPerNode: number;
  /** TLB entries per CPU (a small LRU; real L1 dTLBs hold 64). */
  readonly tlbEntries: number;
  readonly kernel: KernelVersion;
  readonly features: KernelFeatures;
  /** vm.max_map_count (DEFAULT_MAX_MAP_COUNT = 65530). */
  readonly maxMapCount: number;
  /** tlb_single_page_flush_ceiling (arch/x86/mm/tlb.c): 33 pages. */
  readonly flushCeiling: number;
  /** Swap slots (4 KiB each); 0 means no swap device. */
  readonly swapPages: number;
}

/** Where a task is in its life. */
export type TaskStatus = 'new' | 'running' | 'blocked' | 'sleeping' | 'user' | 'exited' | 'killed';

/** A thread of a scenario. */
export interface Task {
  readonly id: TaskId;
  readonly name: string;
  readonly process: string;
  mm: MmId | null;
  readonly cpu: CpuId;
  status: TaskStatus;
}

/** A pin_user_pages handle: the pages it pins and how. */
export interface Pin {
  readonly name: string;
  readonly mm: MmId;
  readonly pfns: readonly number[];
  readonly longterm: boolean;
  released: boolean;
}

/** A named region of the scenario (the result of `mmap ... "as"`); addr is null when the mmap failed. */
export interface Region { readonly addr: number | null; readonly pages: number }

/**
 * struct tlbflush_unmap_batch (current->tlb_ubc): flushes deferred by TTU_BATCH_FLUSH during an
 * rmap walk, per task, flushed in one IPI round by try_to_unmap_flush (arch_tlbbatch_flush).
 */
export interface TlbUbc { readonly cpus: readonly boolean[]; readonly writable: boolean; readonly mms: readonly number[] }

/** One swap slot: what was written there, how many swap PTEs point at it (swap_map), and the swap-cache folio. */
export interface SwapSlot { content: string; count: number; cache: number | null; written: boolean }

/** The swap device: a fixed number of 4 KiB slots. */
export interface Swap { readonly size: number; slots: Map<number, SwapSlot>; next: number }

/** Monotonic id sources. */
export interface Seq { vma: number; anonVma: number; mm: number; ctx: number; uffd: number }

/** The world. */
export interface World {
  readonly cfg: WorldConfig;
  mem: PhysMem;
  tables: Map<number, PageTable>;
  mms: Map<MmId, Mm>;
  cpus: Cpu[];
  rmap: Rmap;
  tasks: Task[];
  pins: Map<string, Pin>;
  /** The program's named regions: user-space bookkeeping, not kernel state. */
  regions: Map<string, Region>;
  /** Deferred unmap flushes by task id. */
  tlbUbc: Map<number, TlbUbc>;
  swap: Swap;
  /** userfaultfd contexts by id. */
  uffds: Map<number, UffdCtx>;
  /** The huge zero folio (mm_get_huge_zero_folio allocates it on first use), or null. */
  hugeZero: number | null;
  counters: Counters;
  seq: Seq;
}

/** Node of a CPU: CPUs are spread evenly over nodes. */
export function cpuNode(cfg: Pick<WorldConfig, 'cpus' | 'nodes'>, cpu: number): number {
  return Math.floor((cpu * cfg.nodes) / cfg.cpus);
}

/** Builds an empty machine: idle CPUs, free memory, no mms. */
export function createWorld(shape: Omit<WorldConfig, 'features'>): World {
  const cfg: WorldConfig = { ...shape, features: kernelFeatures(shape.kernel) };
  return {
    cfg,
    mem: createPhysMem(cfg.nodes, cfg.framesPerNode),
    tables: new Map(),
    mms: new Map(),
    cpus: Array.from({ length: cfg.cpus }, (_, i) => newCpu(cpuId(i), cpuNode(cfg, i))),
    rmap: createRmap(),
    tasks: [],
    pins: new Map(),
    regions: new Map(),
    tlbUbc: new Map(),
    swap: { size: cfg.swapPages, slots: new Map(), next: 1 },
    uffds: new Map(),
    hugeZero: null,
    counters: newCounters(cfg.cpus),
    seq: { vma: 1, anonVma: 1, mm: 1, ctx: 1, uffd: 1 },
  };
}

function cloneSwap(s: Swap): Swap {
  const slots = new Map<number, SwapSlot>();
  for (const [k, v] of s.slots) slots.set(k, { ...v });
  return { size: s.size, slots, next: s.next };
}

/** Deep-copies the mutable containers; immutable leaves (PTEs, VMAs, TLB entries, strings) are shared. */
export function cloneWorld(w: World): World {
  const tables = new Map<number, PageTable>();
  for (const [k, t] of w.tables) tables.set(k, cloneTable(t));
  const mms = new Map<MmId, Mm>();
  for (const [k, m] of w.mms) mms.set(k, cloneMm(m));
  const pins = new Map<string, Pin>();
  for (const [k, p] of w.pins) pins.set(k, { ...p });
  const uffds = new Map<number, UffdCtx>();
  for (const [k, u] of w.uffds) uffds.set(k, cloneUffd(u));
  return {
    cfg: w.cfg, mem: clonePhysMem(w.mem), tables, mms, cpus: w.cpus.map(cloneCpu), rmap: cloneRmap(w.rmap),
    tasks: w.tasks.map((t) => ({ ...t })), pins, regions: new Map(w.regions), tlbUbc: new Map(w.tlbUbc), swap: cloneSwap(w.swap), uffds, hugeZero: w.hugeZero, counters: cloneCounters(w.counters), seq: { ...w.seq },
  };
}

/** Rough count of mutable slots: drives how often the engine can afford a checkpoint. */
export function worldSize(w: World): number {
  let n = w.mem.content.length / 8 + w.mem.folios.size + w.tables.size * 64;
  for (const m of w.mms.values()) n += m.vmas.length;
  for (const c of w.cpus) n += c.tlb.length;
  return n + w.rmap.anonVmas.size + w.rmap.chainsOfVma.size;
}

/** The mm a task uses, if it has one. */
export function taskMm(w: World, t: TaskId): Mm | undefined {
  const task = w.tasks[t];
  return task?.mm == null ? undefined : w.mms.get(task.mm);
}
