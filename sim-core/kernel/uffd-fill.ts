// UFFDIO_COPY and UFFDIO_ZEROPAGE (mm/userfaultfd.c mfill_atomic, 6.18): fill pages of a registered
// range that are still empty. Installing into a none PTE needs no TLB flush ("No need to invalidate
// - it was non-present before", mfill_atomic_install_pte), which is why COPY sends no IPI.
import { MFILL_COPY_PAGE, MFILL_ZERO_PAGE } from '../engine/costs';
import { hex, PAGE_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { vmaLookup } from '../model/mm';
import { walk } from '../model/pagetable';
import { ZERO_PFN } from '../model/physmem';
import { mkPresent } from '../model/pte';
import type { UffdCtx } from '../model/uffd';
import { linearPageIndex, type Vma, vmaHas, vmaIsAnon } from '../model/vma';
import type { World } from '../model/world';
import { ensurePteTable } from './pgtable-alloc';
import type { Plan } from './plan';

/** Highest user address + 1 on x86-64 with 4-level paging (TASK_SIZE). */
export const TASK_SIZE = 2 ** 47 - PAGE_SIZE;

/** validate_range (fs/userfaultfd.c): page-aligned start and length, non-empty, below TASK_SIZE. */
export function validateRange(start: number, len: number): string | null {
  if (start % PAGE_SIZE !== 0 || len % PAGE_SIZE !== 0) return 'EINVAL';
  if (len <= 0 || start < 0 || start >= TASK_SIZE || len > TASK_SIZE - start) return 'EINVAL';
  return null;
}

/** Why an ioctl failed, for narration: the errno and the kernel's reason. */
export interface UffdError { readonly errno: string; readonly why: string }

/**
 * uffd_mfill_lock → find_vma_and_prepare_anon + validate_dst_vma: the destination must lie inside one
 * VMA that is registered with a userfaultfd (ENOENT otherwise); only private anonymous memory is modelled.
 */
export function mfillDstVma(mm: Mm, dst: number, len: number, wp: boolean): Vma | UffdError {
  const vma = vmaLookup(mm, dst);
  if (!vma) return { errno: 'ENOENT', why: `no VMA at ${hex(dst)}` };
  if (dst + len > vma.end) return { errno: 'ENOENT', why: `[${hex(dst)}, ${hex(dst + len)}) runs past the VMA's end ${hex(vma.end)}` };
  if (vma.uffd === null) return { errno: 'ENOENT', why: `the VMA at ${hex(dst)} is not registered with a userfaultfd (validate_dst_vma)` };
  if (wp && !vmaHas(vma, 'UFFD_WP')) return { errno: 'EINVAL', why: 'UFFDIO_COPY_MODE_WP on a VMA not registered for WP' };
  if (!vmaIsAnon(vma)) return { errno: 'EINVAL', why: 'the VMA is neither anonymous nor shmem' };
  return vma;
}

/** What filling one page did. */
export interface FillOut { readonly err: UffdError | null; readonly cost: number; readonly say: string }

/** What to put in the page: a copy of a user buffer (its content tag), or the shared zero page. */
export type FillKind = { readonly kind: 'copy'; readonly tag: string; readonly wp: boolean } | { readonly kind: 'zeropage' };

/**
 * One iteration of mfill_atomic's loop: mm_alloc_pmd/__pte_alloc, refuse a THP PMD (EEXIST), then
 * mfill_atomic_pte_copy (allocate, copy, install dirty and writable if VM_WRITE) or
 * mfill_atomic_pte_zeropage, refusing a populated PTE with EEXIST.
 */
export function mfillAtomicPte(w: World, plan: Plan, ctx: UffdCtx, mm: Mm, vma: Vma, addr: number, what: FillKind, node: number): FillOut {
  const pmd = walk(w.tables, mm.pgd, addr).find((s) => s.level === 2);
  if (pmd?.entry.kind === 'huge') return { err: { errno: 'EEXIST', why: `a THP already maps ${hex(addr)} (the PMD is huge)` }, cost: 100, say: '' };
  const slot = ensurePteTable(w, mm, addr, node, plan);
  const cur = slot.allocated === 0 && typeof slot.table === 'number' ? w.tables.get(slot.table)?.entries[slot.index] : undefined;
  const tables = slot.allocated ? `; ${slot.allocated} page-table page${slot.allocated > 1 ? 's' : ''} allocated on the way` : '';
  // pte_none_mostly for COPY (a uffd-wp marker may be replaced); strict pte_none for ZEROPAGE.
  const occupied = cur !== undefined && cur.kind !== 'none' && !(what.kind === 'copy' && cur.kind === 'marker' && cur.marker === 'uffd_wp');
  if (occupied) return { err: { errno: 'EEXIST', why: `the PTE at ${hex(addr)} is already ${cur.kind === 'present' && cur.special ? 'the zero page' : cur.kind}` }, cost: 200, say: '' };
  if (what.kind === 'zeropage') {
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: mkPresent(ZERO_PFN, false, { special: true }) });
    return { err: null, cost: MFILL_ZERO_PAGE, say: `mfill_atomic_pte_zeropage maps the shared zero page read-only at ${hex(addr)}${tables}` };
  }
  if (vma.anonVma === null) throw new Error('UFFDIO_COPY into a VMA without an anon_vma (find_vma_and_prepare_anon runs first)');
  const f = plan.ref('f');
  const writable = vmaHas(vma, 'WRITE') && !what.wp;
  plan.add({ op: 'alloc_folio', node, order: 0, as: f, content: { tag: what.tag }, anon: { anonVma: vma.anonVma, index: linearPageIndex(vma, addr) } })
    .add({ op: 'folio_mapcount', pfn: { ref: f }, delta: 1 })
    .add({ op: 'rss', mm: mm.id, delta: { anon: 1 } })
    .add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...mkPresent(0 as never, writable, { dirty: true, uffd_wp: what.wp }), pfn: { ref: f } } })
    .count('pages.copied').count('bytes.copied', PAGE_SIZE);
  const mode = what.wp ? ', write-protected (UFFDIO_COPY_MODE_WP)' : writable ? ', dirty and writable' : ', dirty';
  return { err: null, cost: MFILL_COPY_PAGE, say: `mfill_atomic_pte_copy allocates pfn {${f}}, copies 4 KiB ("${what.tag}") from the user buffer and maps it at ${hex(addr)}${mode}; folio_add_new_anon_rmap (exclusive)${tables}; no flush: the PTE was empty (uffd ${ctx.fd})` };
}
