// The tail every unmapping machine shares: zap the PTEs (forcing a flush when the batch fills),
// free page tables, tlb_finish_mmu (flush, then free tables, then pages).
import { FREE_PAGE, FREE_PGTABLE } from '../engine/costs';
import type { Handler, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { MmId } from '../model/ids';
import { alignDown, hex, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Vma } from '../model/vma';
import { freePgdRange, type Gather, newGather, reclaimPte, reclaimPtEnabled, widen, zapPteRange } from '../kernel/mmu-gather';
import { splitFlushed, splitStep, splitWaitState } from '../kernel/huge-split';
import { Plan } from '../kernel/plan';
import { shootdownData, TLB_FLUSH_ALL } from '../kernel/tlb';
import { plural } from '../kernel/words';
import { wpPtlHolder } from '../kernel/wp';

/** What an unmapping machine carries between steps. */
export interface UnmapData {
  readonly mm: MmId;
  readonly start: number;
  readonly end: number;
  readonly cursor: number;
  readonly gather: Gather;
  /** VMAs being removed (munmap, exit) and the neighbours bounding page-table freeing. */
  readonly detached: readonly Vma[];
  readonly floor: number;
  readonly ceiling: number;
  /** munmap and exit free page tables with free_pgtables; MADV_DONTNEED only through PT_RECLAIM. */
  readonly mode: 'munmap' | 'dontneed' | 'exit';
  readonly caller: string;
  readonly result: OpResult | null;
}

/** tlb_gather_mmu's inc_tlb_flush_pending: from here until tlb_finish_mmu, stale TLB entries are expected. */
export const gatherBegin = (plan: Plan, mm: MmId): Plan => plan.add({ op: 'flush_pending', mm, delta: 1 });

/** Fresh unmap data. */
export function unmapData(mm: MmId, start: number, end: number, caller: string, mode: UnmapData['mode']): UnmapData {
  return { mm, start, end, cursor: start, gather: newGather(mm, mode === 'exit'), detached: [], floor: 0, ceiling: 0, mode, caller, result: null };
}

type C = StepCtx<UnmapData>;
type O = StepOut<UnmapData>;
const MEM = 'mm/memory.c';
const GATHER = 'mm/mmu_gather.c';

function mmOf(c: C) {
  const mm = c.world.mms.get(c.actor.data.mm);
  if (!mm) throw new Error('unmap on a dead mm');
  return mm;
}

function unmapVmas(c: C): O {
  const d = c.actor.data;
  const plan = new Plan();
  const mm = mmOf(c);
  const z = zapPteRange(c.world, mm, d.gather, d.cursor, d.end, plan);
  let gather = z.gather;
  const fn = { file: MEM, name: 'zap_pte_range' };
  const zapped = d.mode === 'dontneed' ? 'KEEP_TABLES' : 'ZAPPED';
  if (z.table === null) return { event: zapped, fn, cost: 20, data: { ...d, gather, cursor: z.cursor }, say: 'no more page tables in the range: every PTE is cleared' };
  if (z.split) return { ...splitStep(c.world, d.mm, z.cursor, 'the range covers only part of a PMD-mapped THP: zap_pmd_range splits the PMD into 512 PTEs first'), cost: z.cost, plan: plan.ops, data: { ...d, gather, cursor: z.cursor } };
  if (z.huge) {
    const more = z.cursor < d.end;
    const ev = z.forceFlush ? 'FORCE_FLUSH' : more ? 'ZAP' : d.mode === 'dontneed' ? 'KEEP_TABLES' : 'ZAPPED';
    return { event: ev, fn: { file: 'mm/huge_memory.c', name: 'zap_huge_pmd' }, cost: z.cost, plan: plan.ops, data: { ...d, gather, cursor: z.cursor }, marks: MARK.free, say: `zap_huge_pmd clears the PMD of a whole 2 MiB THP, frees its deposited PTE table and queues the folio (${z.queued ? 'one entry for 512 pages' : 'the huge zero folio is not freed'})` };
  }
  let reclaimed = '';
  const slot = alignDown(z.from, PMD_SIZE);
  // try_to_free_pte (mm/pt_reclaim.c) takes the PTL: behind a COW fault's ptep_clear_flush..set_pte_at it finds the new PTE and keeps the table.
  if (d.mode === 'dontneed' && z.emptied && !z.forceFlush && reclaimPtEnabled(c.world, Math.max(d.start, slot), Math.min(d.end, slot + PMD_SIZE)) && !wpPtlHolder(c, z.table)) {
    const t = reclaimPte(c.world, mm, z.from, plan);
    if (t !== null) {
      gather = { ...gather, tables: [...gather.tables, t], freedTables: true, range: widen(gather.range, slot, slot + PAGE_SIZE) };
      reclaimed = `; the whole 2 MiB table is now empty, so PT_RECLAIM frees it too (pte_free_tlb sets freed_tables)`;
    }
  }
  const data = { ...d, gather, cursor: z.cursor };
  const more = z.cursor < d.end;
  const event = z.forceFlush ? 'FORCE_FLUSH' : more ? 'ZAP' : zapped;
  const why = z.forceFlush ? `; the gather batch is full (${z.gather.pages.length} pages), so it must flush before freeing more` : '';
  return {
    event, fn, cost: z.cost + 20, plan: plan.ops, data, marks: MARK.free,
    say: `zap_pte_range on PTE table ${z.table}: clears ${plural(z.cleared, 'PTE')}, drops their rmap and RSS, queues ${plural(z.queued, 'page')} to free after the flush${reclaimed}${why}`,
  };
}

// x86 tlb_flush(): the gathered range (or everything for fullmm) at tlb_get_unmap_shift's stride.
// tlb_finish_mmu first checks mm_tlb_flush_nested: another gather in flight forces a full flush
// with freed_tables.
function flushOut(c: C, event: string, name: string, say: string, finish: boolean): O {
  const d = c.actor.data;
  const nested = finish && (c.world.mms.get(d.mm)?.tlbFlushPending ?? 0) > 1;
  const g = nested ? { ...d.gather, fullmm: true, freedTables: true } : d.gather;
  const [s, e] = g.fullmm || !g.range ? [0, TLB_FLUSH_ALL] : g.range;
  const data = shootdownData(d.mm, s, e, g.freedTables, `${d.caller} (${name})`);
  const stride = g.clearedPtes ? 12 : 21;
  return {
    event, fn: { file: GATHER, name }, cost: 0, marks: MARK.flush, data: nested ? { ...d, gather: g } : d,
    say: nested ? `${say}; another gather of this mm is in flight (mm_tlb_flush_nested), so it flushes everything with freed_tables` : say,
    out: { spawn: { kind: 'flush_tlb_mm_range', data: { ...data, strideShift: stride } } },
  };
}

function forceFlush(c: C): O {
  return flushOut(c, 'FLUSH', 'tlb_flush_mmu', 'tlb_flush_mmu: flush the TLBs now so the queued pages can be freed', false);
}

// tlb_batch_pages_flush; at the end of the gather also dec_tlb_flush_pending (the stale-TLB window closes).
function freeBatch(c: C, next: string): O {
  const d = c.actor.data;
  const plan = new Plan();
  if (next === 'DONE') plan.add({ op: 'flush_pending', mm: d.mm, delta: -1 });
  for (const p of d.gather.pages) plan.add({ op: 'folio_ref', pfn: p as never, delta: -1 });
  const n = d.gather.pages.length;
  return {
    event: next, fn: { file: GATHER, name: 'tlb_batch_pages_flush' }, cost: n * FREE_PAGE, plan: plan.ops, marks: n ? MARK.free : 0,
    data: { ...d, gather: { ...d.gather, pages: [], range: null } },
    say: n ? `the flush is complete: free_pages_and_swap_cache drops ${plural(n, 'queued page reference')} (pages whose count reaches 0 go back to the buddy allocator)` : 'the flush is complete; no pages were queued',
  };
}

function freePgtables(c: C): O {
  const d = c.actor.data;
  const plan = new Plan();
  for (const v of d.detached) plan.add({ op: 'avc_unlink_vma', vma: v.id });
  const freed = d.mode === 'dontneed' ? { tables: [], addrs: [] } : freePgdRange(c.world, mmOf(c), d.start, d.end, d.floor, d.ceiling, plan);
  const tables = freed.tables;
  let range = d.gather.range;
  for (const a of freed.addrs) range = widen(range, a, a + PAGE_SIZE);
  const g = { ...d.gather, range, tables: [...d.gather.tables, ...tables], freedTables: d.gather.freedTables || tables.length > 0 };
  const bounds = d.floor || d.ceiling ? ` between floor ${hex(d.floor)} and ceiling ${d.ceiling ? hex(d.ceiling) : 'the top'}` : '';
  const say = tables.length
    ? `free_pgtables: unlinks ${plural(tables.length, 'page table')} no VMA can use any more${bounds}; they are freed after the flush (freed_tables = 1, so lazy CPUs get the IPI too)`
    : `free_pgtables: no page table lies wholly inside the unmapped range${bounds}; none is freed (freed_tables stays 0)`;
  return { event: 'NEXT', fn: { file: MEM, name: 'free_pgtables' }, cost: 100, plan: plan.ops, data: { ...d, gather: g }, say };
}

function finish(c: C): O {
  const d = c.actor.data;
  if (!d.gather.range && !d.gather.freedTables) {
    return { event: 'NOFLUSH', fn: { file: GATHER, name: 'tlb_finish_mmu' }, cost: 20, say: 'tlb_finish_mmu: no PTE was cleared and no table freed, so there is nothing to flush' };
  }
  return flushOut(c, 'FLUSH', 'tlb_finish_mmu', 'tlb_finish_mmu → tlb_flush_mmu → flush_tlb_mm_range for the gathered range', true);
}

function tableFlush(c: C): O {
  const d = c.actor.data;
  const plan = new Plan();
  for (const t of d.gather.tables) plan.add({ op: 'free_pgtable', pfn: t as never });
  const n = d.gather.tables.length;
  return {
    event: 'NEXT', fn: { file: GATHER, name: 'tlb_table_flush' }, cost: n * FREE_PGTABLE, plan: plan.ops, marks: n ? MARK.free : 0,
    data: { ...d, gather: { ...d.gather, tables: [] } },
    say: n ? `tlb_table_flush: ${plural(n, 'page-table page')} ${n === 1 ? 'goes' : 'go'} back to the allocator (after an RCU grace period in 6.x)` : 'tlb_table_flush: no page tables to free',
  };
}

const wait = (next: string, what: string): Handler<UnmapData> => () => ({ event: next, fn: { file: GATHER, name: 'tlb_flush_mmu' }, cost: 0, say: what });

/** xstate states of the gather tail; `done` is where the owning machine continues. */
export function gatherStates(done: string) {
  return {
    unmap_vmas: { description: 'zap_pte_range, one PTE table per step', on: { ZAP: 'unmap_vmas', SPLIT: { target: 'wait_split', actions: 'spawn' as const }, FORCE_FLUSH: 'force_flush', ZAPPED: 'free_pgtables', KEEP_TABLES: 'tlb_finish_mmu' } },
    ...splitWaitState('unmap_vmas'),
    force_flush: { description: 'batch full: tlb_flush_mmu', on: { FLUSH: { target: 'wait_force', actions: 'spawn' as const } } },
    wait_force: { description: 'waiting for the flush', on: { FLUSHED: 'free_batch' } },
    free_batch: { description: 'free the queued pages, continue zapping', on: { ZAP: 'unmap_vmas' } },
    free_pgtables: { description: 'unlink rmap, free_pgd_range', on: { NEXT: 'tlb_finish_mmu' } },
    tlb_finish_mmu: { description: 'flush the gathered range', on: { FLUSH: { target: 'wait_finish', actions: 'spawn' as const }, NOFLUSH: 'tlb_table_flush' } },
    wait_finish: { description: 'waiting for the flush', on: { FLUSHED: 'tlb_table_flush' } },
    tlb_table_flush: { description: 'free page-table pages', on: { NEXT: 'tlb_batch_pages_flush' } },
    tlb_batch_pages_flush: { description: 'free the queued pages', on: { DONE: done } },
  };
}

/** Handlers for the gather tail. */
export const gatherHandlers: Record<string, Handler<UnmapData>> = {
  unmap_vmas: unmapVmas,
  wait_split: splitFlushed('zap_pte_range'),
  force_flush: forceFlush,
  wait_force: wait('FLUSHED', 'the forced flush is complete'),
  free_batch: (c) => freeBatch(c, 'ZAP'),
  free_pgtables: freePgtables,
  tlb_finish_mmu: finish,
  wait_finish: wait('FLUSHED', 'the flush is complete: no CPU can reach the cleared PTEs or the unlinked tables'),
  tlb_table_flush: tableFlush,
  tlb_batch_pages_flush: (c) => freeBatch(c, 'DONE'),
};

/** Waiting states of the gather tail. */
export const gatherWaiting = ['wait_split', 'wait_force', 'wait_finish'];

/** The step that ends an unmapping syscall with its return value. */
export function unmapDone(name: { file: string; name: string }, say: string): Handler<UnmapData> {
  return (c) => ({ event: 'DONE', fn: name, cost: 50, say, data: { ...c.actor.data, result: { ret: 0, errno: null } } });
}
