// fork's address-space copy (mm/mmap.c dup_mmap in 6.16+, kernel/fork.c before): anon_vma_fork
// (mm/rmap.c) and copy_present_ptes (mm/memory.c), including the early copy of pinned pages.
import { COPY_HUGE_PMD, COPY_PTE, SPLIT_HUGE_PMD, WP_COPY } from '../engine/costs';
import { folioTest, folioMaybeDmaPinned, PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { type AnonVmaId, anonVmaId, pfn, vmaId } from '../model/ids';
import { alignDown, PAGE_SIZE, PMD_SIZE, tableIndex } from '../model/layout';
import type { Mm } from '../model/mm';
import { findPte, walk } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { mkPresent, withBits } from '../model/pte';
import { VM, VM_UFFD_FLAGS, type Vma, vmaHas } from '../model/vma';
import type { World } from '../model/world';
import { depositTable, splitHugePmd } from './huge-split';
import { sharingRefused } from './migrate';
import { ensurePteTable } from './pgtable-alloc';
import type { Plan } from './plan';

/** vm_area_dup + anon_vma_fork: the child's copy of a VMA, linked into the parent's anon_vmas. */
export function dupVma(w: World, plan: Plan, child: Mm, pv: Vma): Vma {
  const id = vmaId(plan.id(w, 'vma'));
  let anonVma: AnonVmaId | null = null;
  const links: AnonVmaId[] = [];
  if (pv.anonVma !== null) {
    // anon_vma_clone: one AVC per anon_vma the parent VMA can see, so rmap of old pages finds the child.
    links.push(...(w.rmap.chainsOfVma.get(pv.id) ?? []));
    anonVma = anonVmaId(plan.id(w, 'anonVma'));
    plan.add({ op: 'anon_vma_create', id: anonVma, parent: pv.anonVma });
  }
  // dup_userfaultfd: without UFFD_FEATURE_EVENT_FORK the child's VMA is not registered.
  const v: Vma = { ...pv, id, mm: child.id, anonVma, uffd: null, flags: pv.flags & ~VM_UFFD_FLAGS };
  plan.add({ op: 'vma_replace', mm: child.id, remove: [], insert: [v] });
  for (const a of links.slice().reverse()) plan.add({ op: 'avc_link', vma: id, anonVma: a });
  if (anonVma !== null) plan.add({ op: 'avc_link', vma: id, anonVma });
  return v;
}

/** vma_needs_copy: only VMAs with an anon_vma (or PFN maps) copy page tables at fork. */
export const vmaNeedsCopy = (pv: Vma): boolean => pv.anonVma !== null || (pv.flags & VM.PFNMAP) !== 0;

/** What one copy_pte_range call did. */
export interface CopyOut {
  readonly cursor: number; readonly shared: number; readonly copied: number; readonly zero: number; readonly swapped: number; readonly tables: number; readonly cost: number;
  /** THPs shared by copy_huge_pmd; `split` when a maybe-pinned THP was split in the parent first. */
  readonly huge?: number; readonly split?: boolean;
}

/** copy_pte_range (or copy_huge_pmd) for the PMD entry covering `cursor`, up to the VMA's end. */
export function copyPteRange(w: World, plan: Plan, parent: Mm, child: Mm, pv: Vma, cv: Vma, cursor: number, node: number): CopyOut {
  const huge = copyHugePmd(w, plan, parent, child, pv, cv, cursor, node);
  if (huge) return huge;
  const stop = Math.min(pv.end, alignDown(cursor, PMD_SIZE) + PMD_SIZE);
  const cow = (pv.flags & (VM.SHARED | VM.MAYWRITE)) === VM.MAYWRITE;
  // copy_present_pte / copy_nonpresent_pte: the uffd-wp bit survives only into a uffd-wp child VMA.
  const keepWp = vmaHas(cv, 'UFFD_WP');
  let dst: ReturnType<typeof ensurePteTable> | null = null;
  let shared = 0;
  let copied = 0;
  let zero = 0;
  let swapped = 0;
  let rss = 0;
  for (let a = cursor; a < stop; a += PAGE_SIZE) {
    const slot = findPte(w.tables, parent.pgd, a);
    if (!slot) { a = stop - PAGE_SIZE; continue; }
    const pte = slot.entry;
    if (pte.kind === 'swap') {
      // copy_nonpresent_pte: swap_duplicate, and neither side stays exclusive.
      dst ??= ensurePteTable(w, child, a, node, plan);
      plan.add({ op: 'swap_count', slot: pte.slot, delta: 1 }).add({ op: 'rss', mm: child.id, delta: { swapents: 1 } });
      if (pte.exclusive) plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...pte, exclusive: false } });
      plan.add({ op: 'set_entry', table: dst.table, index: tableIndex(a, 1), entry: { ...pte, exclusive: false, uffd_wp: pte.uffd_wp && keepWp } });
      swapped++;
      continue;
    }
    if (pte.kind !== 'present') continue;
    dst ??= ensurePteTable(w, child, a, node, plan);
    const index = tableIndex(a, 1);
    if (pte.special) {
      plan.add({ op: 'set_entry', table: dst.table, index, entry: withBits(pte, { accessed: false, uffd_wp: pte.uffd_wp && keepWp }) });
      zero++;
      continue;
    }
    const f = folioOf(w.mem, pte.pfn);
    if (!f || !folioTest(f, 'anon')) continue;
    const exclusive = ((w.mem.pageFlags[pte.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
    const needsCow = w.cfg.features.forkCopiesPinned && parent.hasPinned && folioMaybeDmaPinned(f) && (exclusive || !w.cfg.features.anonExclusive);
    rss++;
    if (needsCow) {
      // folio_try_dup_anon_rmap_pte fails on a maybe-pinned page: copy_present_page gives the child its own copy now.
      const as = plan.ref('f');
      plan.add({ op: 'alloc_folio', node, order: 0, as, content: { copyFrom: pte.pfn }, anon: { anonVma: cv.anonVma as AnonVmaId, index: f.index } })
        .add({ op: 'folio_mapcount', pfn: { ref: as }, delta: 1 })
        .add({ op: 'set_entry', table: dst.table, index, entry: { ...mkPresent(0 as never, pte.rw, { dirty: true }), pfn: { ref: as } } })
        .count('pages.copied').count('bytes.copied', PAGE_SIZE);
      copied++;
      continue;
    }
    plan.add({ op: 'folio_ref', pfn: f.pfn, delta: 1 }).add({ op: 'folio_mapcount', pfn: f.pfn, delta: 1 });
    if (exclusive) plan.add({ op: 'page_exclusive', pfn: pte.pfn, value: false });
    const rw = cow ? false : pte.rw;
    if (cow && pte.rw) plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: withBits(pte, { rw: false }) });
    plan.add({ op: 'set_entry', table: dst.table, index, entry: withBits(pte, { rw, accessed: false, uffd_wp: pte.uffd_wp && keepWp }) });
    shared++;
  }
  if (rss) plan.add({ op: 'rss', mm: child.id, delta: { anon: rss } });
  return { cursor: stop, shared, copied, zero, swapped, tables: dst?.allocated ?? 0, cost: (shared + zero + swapped) * COPY_PTE + copied * WP_COPY };
}

/**
 * copy_huge_pmd (mm/huge_memory.c): share a PMD-mapped THP with the child, write-protecting both
 * PMDs; a maybe-pinned THP is split in the parent instead and copied at PTE level (-EAGAIN).
 */
function copyHugePmd(w: World, plan: Plan, parent: Mm, child: Mm, pv: Vma, cv: Vma, cursor: number, node: number): CopyOut | null {
  const slot = walk(w.tables, parent.pgd, cursor).find((s) => s.level === 2);
  const e = slot?.entry;
  if (!slot || e?.kind !== 'huge') return null;
  const haddr = alignDown(cursor, PMD_SIZE);
  const done = (extra: Partial<CopyOut>): CopyOut => ({ cursor: haddr + PMD_SIZE, shared: 0, copied: 0, zero: 0, swapped: 0, tables: 0, cost: COPY_HUGE_PMD, huge: 1, ...extra });
  const f = e.special ? undefined : folioOf(w.mem, e.pfn);
  if (f && w.cfg.features.forkCopiesPinned && parent.hasPinned && sharingRefused(w, f, e.pfn)) {
    splitHugePmd(w, plan, parent, slot, cursor);
    return { cursor, shared: 0, copied: 0, zero: 0, swapped: 0, tables: 0, cost: SPLIT_HUGE_PMD, huge: 0, split: true };
  }
  const dst = ensurePteTable(w, child, haddr, node, plan, 2);
  depositTable(plan, child.id, haddr, node);
  const cow = (pv.flags & (VM.SHARED | VM.MAYWRITE)) === VM.MAYWRITE;
  if (f) {
    plan.add({ op: 'folio_ref', pfn: f.pfn, delta: 1 }).add({ op: 'folio_mapcount', pfn: f.pfn, delta: 1 }).add({ op: 'rss', mm: child.id, delta: { anon: 512 } });
    for (let i = 0; i < 512; i++) plan.add({ op: 'page_exclusive', pfn: pfn(f.pfn + i), value: false });
    if (cow && e.rw) plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...e, rw: false } });
  }
  plan.add({ op: 'set_entry', table: dst.table, index: dst.index, entry: { ...e, rw: cow ? false : e.rw, accessed: false, uffd_wp: (e.uffd_wp ?? false) && vmaHas(cv, 'UFFD_WP') } });
  return done({ tables: dst.allocated + 1 });
}
