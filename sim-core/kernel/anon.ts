// do_anonymous_page (mm/memory.c) and __anon_vma_prepare (mm/rmap.c).
import { vmaLookup } from '../model/mm';
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
import { handleUserfault } from './uffd-fault';

const MEM = 'mm/memory.c';

/**
 * __anon_vma_prepare: gives a VMA its anon_vma on the first anonymous fault. Returns the VMA as it
 * will be (with anon_vma set) and the anon_vma id. (find_mergeable_anon_vma is not modelled: a fresh one.)
 */
export function anonVmaPrepare(w: World, stale: Vma, plan: Plan): { vma: Vma; created: boolean } {
  // The fault's VMA is a snapshot from lock_vma time; like __anon_vma_prepare rechecking
  // vma->anon_vma under page_table_lock, look again: a racing fault may have prepared it since.
  if (stale.anonVma !== null) return { vma: stale, created: false };
  const mm = w.mms.get(stale.mm);
  const now = mm ? vmaLookup(mm, stale.start) : undefined;
  const vma = now?.id === stale.id ? now : stale;
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

// The PTE is still none under the PT lock and the VMA is registered for MISSING faults: a read goes
// to userspace before mapping the zero page; a write prepares the anon_vma and allocates a folio
// first, then puts it back (the handler will supply the page) and goes to userspace.
function missingUserfault(c: FCtx, plan: Plan, tableNote: string): FOut {
  const d = c.actor.data;
  if (!d.vma) throw new Error('missing userfault without a VMA');
  if (!d.write) return handleUserfault(c, 'missing', `${tableNote}do_anonymous_page: the PTE is none and the VMA is VM_UFFD_MISSING (userfaultfd_missing)`, plan);
  const { vma, created } = anonVmaPrepare(c.world, d.vma, plan);
  const av = created ? `vmf_anon_prepare gives the VMA anon_vma #${vma.anonVma}; ` : '';
  return handleUserfault(c, 'missing', `${tableNote}${av}do_anonymous_page allocates a folio, sees the VMA is VM_UFFD_MISSING under the PT lock and puts the folio back`, plan, { ...d, vma });
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
  if (vmaHas(vma, 'UFFD_MISSING')) return missingUserfault(c, plan, tableNote);
  // A uffd-wp marker on the none PTE (do_pte_missing from handle_pte_marker): the new PTE keeps the
  // protection (pte_mkuffd_wp also write-protects), so a write faults again into do_wp_page.
  const uffdWp = d.orig?.kind === 'marker' && d.orig.marker === 'uffd_wp';
  if (!d.write) {
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: mkPresent(ZERO_PFN, false, { special: true, uffd_wp: uffdWp }) });
    accountFault(plan, d);
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
    .add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...mkPresent(0 as never, vmaHas(v, 'WRITE') && !uffdWp, { dirty: true, uffd_wp: uffdWp }), pfn: { ref: f } } });
  accountFault(plan, d);
  const avNote = created ? `anon_vma_prepare gives the VMA anon_vma #${v.anonVma}; ` : '';
  return {
    event: 'DONE', fn, cost: ANON_FOLIO_FAULT + tableCost, plan: plan.ops, data: { ...d, vma: v, result: FAULT_OK }, marks: MARK.fault | MARK.alloc,
    say: `${tableNote}${avNote}a write allocates a zeroed folio (pfn {${f}}), folio_add_new_anon_rmap (index ${hex(index)}, AnonExclusive), and maps it writable and dirty`,
  };
}
