// UFFDIO_MOVE (mm/userfaultfd.c move_pages, 6.8+; move_present_ptes batching in 6.18) and its 2017
// ancestor UFFDIO_REMAP: take anonymous pages out of one place and map them at another without
// copying. The folio keeps its frame; folio_move_anon_rmap and a new folio->index "re-linearize" its
// rmap for the destination, which is only possible for a page mapped once (exclusive). The source
// PTE must be cleared and its TLB entries shot down: the cost UFFDIO_COPY does not pay.
import { folioMaybeDmaPinned, folioTest, folioTestLarge, PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { hex, PAGE_SIZE, PMD_SIZE, alignDown } from '../model/layout';
import type { Mm } from '../model/mm';
import { vmaLookup } from '../model/mm';
import { walk, type WalkStep } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { mkPresent, type PresentPte, type Pte } from '../model/pte';
import type { UffdCtx } from '../model/uffd';
import { linearPageIndex, VM, type Vma, vmaHas, vmaIsAnon } from '../model/vma';
import type { World } from '../model/world';
import type { Plan } from './plan';
import type { UffdError } from './uffd-fill';
import { validateRange } from './uffd-fill';

/** The two VMAs of a move. */
export interface MoveVmas { readonly dst: Vma; readonly src: Vma }

const ACCESS = VM.READ | VM.WRITE | VM.EXEC;

/** move_pages' checks before the loop (uffd_move_lock, validate_move_areas): ENOENT or EINVAL. */
export function moveValidate(mm: Mm, ctx: UffdCtx, dst: number, src: number, len: number): MoveVmas | UffdError {
  if (validateRange(dst, len) || validateRange(src, len)) return { errno: 'EINVAL', why: 'the addresses or the length are not page aligned (or wrap)' };
  const dv = vmaLookup(mm, dst);
  const sv = vmaLookup(mm, src);
  if (!dv) return { errno: 'ENOENT', why: `no VMA at the destination ${hex(dst)} (uffd_move_lock)` };
  if (!sv) return { errno: 'ENOENT', why: `no VMA at the source ${hex(src)} (uffd_move_lock)` };
  if (vmaHas(sv, 'SHARED') || vmaHas(dv, 'SHARED')) return { errno: 'EINVAL', why: 'a shared mapping cannot be moved' };
  if (src + len > sv.end || dst + len > dv.end) return { errno: 'EINVAL', why: 'the range does not fit inside one source VMA and one destination VMA' };
  // vm_page_prot differs when only one side is VM_UFFD_WP (its PTEs default to write-protected).
  if ((sv.flags & ACCESS) !== (dv.flags & ACCESS) || vmaHas(sv, 'UFFD_WP') !== vmaHas(dv, 'UFFD_WP')) return { errno: 'EINVAL', why: 'validate_move_areas: the VMAs differ in access flags or vm_page_prot' };
  if (vmaHas(sv, 'LOCKED') !== vmaHas(dv, 'LOCKED')) return { errno: 'EINVAL', why: 'validate_move_areas: one VMA is mlocked and the other is not' };
  if (!vmaHas(sv, 'WRITE')) return { errno: 'EINVAL', why: 'validate_move_areas: only writable VMAs can be moved between' };
  if (dv.uffd !== ctx.id) return { errno: 'EINVAL', why: `validate_move_areas: the destination is not registered with uffd ${ctx.fd}` };
  if (!vmaIsAnon(sv) || !vmaIsAnon(dv)) return { errno: 'EINVAL', why: 'validate_move_areas: only anonymous VMAs' };
  return { dst: dv, src: sv };
}

/** The PMD-level walk step for an address, if the PMD table exists. */
export const pmdAt = (w: World, mm: Mm, addr: number): WalkStep | undefined => walk(w.tables, mm.pgd, addr).find((s) => s.level === 2);
/** The PTE-level walk step for an address, if the PTE table exists. */
export const pteAt = (w: World, mm: Mm, addr: number): WalkStep | undefined => walk(w.tables, mm.pgd, addr).find((s) => s.level === 1);

/**
 * Can this present source PTE move? 6.8+: the folio's first page must be PageAnonExclusive
 * (`PageAnonExclusive(&folio->page)`), a large folio is split first ('split'), and a small one must not
 * be maybe-pinned (EBUSY); the 2017 REMAP asked for page_mapcount == 1.
 */
export function movablePresent(w: World, pte: PresentPte, legacy: boolean): UffdError | 'split' | null {
  const f = folioOf(w.mem, pte.pfn);
  if (!f || !folioTest(f, 'anon')) return { errno: 'EBUSY', why: `pfn ${pte.pfn} is not an anonymous page` };
  if (legacy) return f.mapcount === 1 ? null : { errno: 'EBUSY', why: `page_mapcount is ${f.mapcount}: a shared page cannot have its rmap re-linearized` };
  const large = folioTestLarge(f) ? `the first page of folio ${f.pfn}` : `pfn ${pte.pfn}`;
  if (((w.mem.pageFlags[f.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) === 0) return { errno: 'EBUSY', why: `${large} is not PageAnonExclusive (shared copy-on-write with another process, e.g. after fork)` };
  if (folioTestLarge(f)) return 'split';
  if (folioMaybeDmaPinned(f)) return { errno: 'EBUSY', why: `folio ${f.pfn} may be pinned for DMA (folio_maybe_dma_pinned, refcount ${f.refcount})` };
  return null;
}

/** check_ptes_for_batched_move (6.18): may the batch go on to the next pair of PTEs? */
export function batchContinues(w: World, mm: Mm, src: number, dst: number, srcEnd: number, batchSrcStart: number, batchDstStart: number): boolean {
  if (src >= srcEnd) return false;
  if (alignDown(src, PMD_SIZE) !== alignDown(batchSrcStart, PMD_SIZE) || alignDown(dst, PMD_SIZE) !== alignDown(batchDstStart, PMD_SIZE)) return false;
  const d = pteAt(w, mm, dst)?.entry as Pte | undefined;
  const s = pteAt(w, mm, src)?.entry as Pte | undefined;
  if (d?.kind !== 'none' || s?.kind !== 'present' || s.special) return false;
  const f = folioOf(w.mem, s.pfn);
  return !!f && folioTest(f, 'anon') && !folioTestLarge(f) && ((w.mem.pageFlags[s.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0 && !folioMaybeDmaPinned(f);
}

/** The destination PTE of a moved page: mremap's behaviour, dirty (if the source was), soft-dirty, writable. */
export function movedPte(src: PresentPte): PresentPte {
  return mkPresent(src.pfn, true, { dirty: src.dirty, soft_dirty: true });
}

/** folio_move_anon_rmap + folio->index = linear_page_index(dst_vma, dst_addr); counts the folio's pages as moved. */
export function moveAnonRmap(plan: Plan, pfn: number, dstVma: Vma, dstAddr: number, pages = 1): void {
  if (dstVma.anonVma === null) throw new Error('move into a VMA without an anon_vma');
  plan.add({ op: 'folio_anon', pfn: pfn as never, anonVma: dstVma.anonVma, index: linearPageIndex(dstVma, dstAddr) }).count('pages.moved', pages);
}

/** Narration of the rmap change. */
export function relinearized(w: World, pfn: number, dstVma: Vma, dstAddr: number): string {
  const f = folioOf(w.mem, pfn);
  return `folio_move_anon_rmap points folio ${pfn} at anon_vma #${dstVma.anonVma ?? '?'} and folio->index ${hex(f?.index ?? 0)} → ${hex(linearPageIndex(dstVma, dstAddr))}`;
}

/** The source range a batch of moved pages covers, for flush_tlb_range. */
export const batchRange = (start: number, next: number): readonly [number, number] => [start, Math.max(next, start + PAGE_SIZE)];
