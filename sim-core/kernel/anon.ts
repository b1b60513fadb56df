// do_anonymous_page (mm/memory.c) and __anon_vma_prepare (mm/rmap.c).
import { ANON_FOLIO_FAULT, MAP_ZERO_PAGE, PGTABLE_ALLOC } from '../engine/costs';
import { MARK } from '../engine/types';
import { anonVmaId } from '../model/ids';
import { alignDown, hex, PMD_SIZE } from '../model/layout';
import { mkPresent } from '../model/pte';
import { ZERO_PFN, ZERO_TAG } from '../model/physmem';
import { linearPageIndex, type Vma, vmaHas } from '../model/vma';
import type { World } from '../model/world';
import { accountFault, atLevel, canAlloc, FAULT_OK, faultNode, faultSignal, faultWalk, type FCtx, type FOut, pageAddr } from './fault-common';
import { Plan, type PfnRef } from './plan';

const MEM = 'mm/memory.c';

/**
 * __anon_vma_prepare: gives a VMA its anon_vma on the first anonymous fault. Returns the VMA as it
 * will be (with anon_vma set) and the anon_vma id. (find_mergeable_anon_vma is not modelled: a fresh one.)
 */
export function anonVmaPrepare(w: World, vma: Vma, plan: Plan): { vma: Vma; created: boolean } {
  if (vma.anonVma !== null) return { vma, created: false };
  const id = anonVmaId(plan.id(w, 'anonVma'));
  const next: Vma = { ...vma, anonVma: id };
  plan.add({ op: 'anon_vma_create', id, parent: null })
    .add({ op: 'vma_replace', mm: vma.mm, remove: [vma.id], insert: [next] })
    .add({ op: 'avc_link', vma: vma.id, anonVma: id });
  return { vma: next, created: true };
}

/** pte_alloc: the PTE table for the fault address, allocating it when the PMD entry is empty. */
export function pteAlloc(c: FCtx, plan: Plan): { table: PfnRef; index: number; allocated: boolean } {
  const d = c.actor.data;
  const ws = faultWalk(c.world, d);
  const pte = atLevel(ws, 1);
  if (pte) return { table: pte.table, index: pte.index, allocated: false };
  const pmd = atLevel(ws, 2);
  if (!pmd) throw new Error('pte_alloc without a PMD table');
  const as = plan.ref('pte');
  plan.add({ op: 'alloc_pgtable', mm: d.mm, level: 1, base: alignDown(d.addr, PMD_SIZE), parent: { table: pmd.table, index: pmd.index }, node: faultNode(c.world, c.actor.cpu), as })
    .add({ op: 'mm_pgtables', mm: d.mm, delta: 1 });
  return { table: { ref: as }, index: Math.floor(d.addr / 4096) % 512, allocated: true };
}

/** do_anonymous_page: the zero page for a read, a new zeroed exclusive folio for a write. */
export function doAnonymousPage(c: FCtx): FOut {
  const d = c.actor.data;
  const vma = d.vma;
  if (!vma) throw new Error('do_anonymous_page without a VMA');
  const fn = { file: MEM, name: 'do_anonymous_page' };
  const plan = new Plan();
  if (!canAlloc(c.world, (atLevel(faultWalk(c.world, d), 1) ? 0 : 1) + (d.write ? 1 : 0))) {
    return faultSignal(c, 'SIGKILL', 'do_anonymous_page: no free memory (VM_FAULT_OOM → the OOM killer)', fn, ANON_FOLIO_FAULT, true);
  }
  const slot = pteAlloc(c, plan);
  const tableNote = slot.allocated ? 'pte_alloc allocates the PTE table (pfn {' + (slot.table as { ref: string }).ref + '}); ' : '';
  const tableCost = slot.allocated ? PGTABLE_ALLOC : 0;
  if (!d.write) {
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: mkPresent(ZERO_PFN, false, { special: true }) });
    accountFault(plan);
    return {
      event: 'DONE', fn, cost: MAP_ZERO_PAGE + tableCost, plan: plan.ops, data: { ...d, result: FAULT_OK }, marks: MARK.fault,
      say: `${tableNote}a read of untouched anonymous memory maps the shared zero page read-only (pte_mkspecial, no folio, no rmap, no RSS)`,
    };
  }
  const { vma: v, created } = anonVmaPrepare(c.world, vma, plan);
  const f = plan.ref('f');
  const index = linearPageIndex(v, pageAddr(d));
  plan.add({ op: 'alloc_folio', node: faultNode(c.world, c.actor.cpu), order: 0, as: f, content: { tag: ZERO_TAG }, anon: { anonVma: v.anonVma as never, index } })
    .add({ op: 'folio_mapcount', pfn: { ref: f }, delta: 1 })
    .add({ op: 'rss', mm: d.mm, delta: { anon: 1 } })
    .add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...mkPresent(0 as never, vmaHas(v, 'WRITE'), { dirty: true }), pfn: { ref: f } } });
  accountFault(plan);
  const avNote = created ? `anon_vma_prepare gives the VMA anon_vma #${v.anonVma}; ` : '';
  return {
    event: 'DONE', fn, cost: ANON_FOLIO_FAULT + tableCost, plan: plan.ops, data: { ...d, vma: v, result: FAULT_OK }, marks: MARK.fault | MARK.alloc,
    say: `${tableNote}${avNote}a write allocates a zeroed folio (pfn {${f}}), folio_add_new_anon_rmap (index ${hex(index)}, AnonExclusive), and maps it writable and dirty`,
  };
}
