// __split_huge_pmd_locked (mm/huge_memory.c): a PMD-mapped THP becomes 512 PTEs in the deposited
// table. The folio stays large: now PTE-mapped, with one reference and one mapping per PTE.
import { type MmId, pfn } from '../model/ids';
import { alignDown, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import type { WalkStep } from '../model/pagetable';
import { mkPresent, type HugePmd } from '../model/pte';
import { ZERO_PFN } from '../model/physmem';
import type { World } from '../model/world';
import type { Plan } from './plan';
import { MARK } from '../engine/types';
import { migrationEntry } from './migrate';
import { flushTlbRange } from './tlb';

/**
 * Splits the huge PMD at `slot` into its deposited PTE table; returns that table's PFN. With `freeze`
 * (unmap_folio's TTU_SPLIT_HUGE_PMD) each page gets a migration entry instead of a present PTE, and
 * the PMD's mapping and reference go instead of becoming 512.
 */
export function splitHugePmd(w: World, plan: Plan, mm: Mm, slot: WalkStep, addr: number, freeze = false): number {
  const e = slot.entry as HugePmd;
  const haddr = alignDown(addr, PMD_SIZE);
  const table = mm.deposits.get(haddr);
  if (table === undefined) throw new Error('a huge PMD without a deposited page table');
  plan.add({ op: 'deposit', mm: mm.id, addr: haddr, table: null });
  for (let i = 0; i < 512; i++) {
    // The huge zero PMD splits into PTEs of the small zero page (__split_huge_zero_page_pmd).
    // __split_huge_pmd_locked: each PTE inherits the PMD's uffd-wp bit.
    const wp = e.uffd_wp ?? false;
    const pte = e.special ? mkPresent(ZERO_PFN, false, { special: true, uffd_wp: wp }) : mkPresent(pfn(e.pfn + i), e.rw, { dirty: e.dirty, accessed: e.accessed, uffd_wp: wp });
    const frozen = freeze && !e.special;
    plan.add({ op: 'set_entry', table: pfn(table), index: i, entry: frozen ? migrationEntry(w, pte) : pte });
    if (frozen) plan.add({ op: 'page_exclusive', pfn: pte.pfn, value: false });
  }
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'table', pfn: pfn(table) } });
  if (!e.special) {
    const delta = freeze ? -1 : 511;
    plan.add({ op: 'folio_ref', pfn: e.pfn, delta }).add({ op: 'folio_mapcount', pfn: e.pfn, delta });
  }
  return table;
}

/**
 * The flush of a split: __split_huge_pmd_locked invalidates the PMD first (pmdp_invalidate →
 * flush_pmd_tlb_range = flush_tlb_range of the 2 MiB, at once, not through a gather), so no CPU
 * holds the huge and the small translations together.
 */
export function splitFlush(w: World, mm: MmId, addr: number) {
  const haddr = alignDown(addr, PMD_SIZE);
  return { spawn: { kind: 'flush_tlb_mm_range', data: flushTlbRange(w, mm, haddr, haddr + PMD_SIZE, '__split_huge_pmd (pmdp_invalidate)') } } as const;
}

const SPLIT_FN = { file: 'mm/huge_memory.c', name: '__split_huge_pmd' };

/** A range walk's step that split a THP (`say` why): event SPLIT spawns the split's flush; the machine waits in `wait_split`. */
export function splitStep(w: World, mm: MmId, addr: number, say: string) {
  return { event: 'SPLIT', fn: SPLIT_FN, marks: MARK.flush, say: `${say} (pmdp_invalidate flushes the 2 MiB at once)`, out: splitFlush(w, mm, addr) } as const;
}

/** The `wait_split` state of a range walk whose step state is `back`. */
export const splitWaitState = (back: string) => ({ wait_split: { description: 'waiting for the split flush', on: { FLUSHED: back } } });

/** The `wait_split` handler: the flush is done and `walker` goes on over the 512 PTEs. */
export const splitFlushed = (walker: string) => () => ({ event: 'FLUSHED', fn: SPLIT_FN, cost: 0, say: `the split is flushed: ${walker} goes on over the 512 PTEs` });

/** pgtable_trans_huge_deposit: allocate the PTE table a future split will need and park it. */
export function depositTable(plan: Plan, mm: MmId, haddr: number, node: number): void {
  const as = plan.ref('dep');
  plan.add({ op: 'alloc_pgtable', mm, level: 1, base: haddr, parent: null, node, as })
    .add({ op: 'deposit', mm, addr: haddr, table: { ref: as } })
    .add({ op: 'mm_pgtables', mm, delta: 1 });
}

/** The huge zero folio, allocating it on first use (mm_get_huge_zero_folio). */
export function hugeZeroFolio(w: World, plan: Plan): number | { ref: string } {
  if (w.hugeZero !== null) return w.hugeZero;
  const as = plan.ref('hz');
  plan.add({ op: 'alloc_folio', node: 0, order: 9, as, content: { tag: '0' }, anon: null }).add({ op: 'huge_zero', pfn: { ref: as } });
  return { ref: as };
}
