// do_mmap / mmap_region for anonymous mappings (mm/mmap.c, mm/vma.c, 6.12+).
import { vmaId } from '../model/ids';
import { alignDown, alignUp, hex, MMAP_BASE, MMAP_MIN_ADDR, PAGE_SHIFT, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { VM, type Vma } from '../model/vma';
import type { World } from '../model/world';
import type { Plan } from './plan';
import { canMerge, mergeVmas, neighbours } from './vma-ops';

/**
 * vm_unmapped_area, top-down (arch_get_unmapped_area_topdown): the highest gap below mmap_base that
 * fits `len` at `align`. Anonymous mappings whose length is a multiple of PMD_SIZE get 2 MiB
 * alignment from thp_get_unmapped_area (6.12: "limit THP alignment of anonymous mappings to
 * PMD-aligned sizes").
 */
export function getUnmappedArea(mm: Mm, len: number, align: number): number | null {
  let hi = MMAP_BASE;
  for (let i = mm.vmas.length - 1; i >= -1; i--) {
    const v = i >= 0 ? mm.vmas[i] : undefined;
    if (v && v.start >= hi) continue;
    // Below a packed run of VMAs every gap is too small: one compare each (the maple tree would skip
    // them with its gap tracking; a process with tens of thousands of VMAs walks them all here).
    if (v && hi - v.end < len) {
      hi = v.start;
      continue;
    }
    const lo = v ? Math.max(v.end, MMAP_MIN_ADDR) : MMAP_MIN_ADDR;
    const top = alignDown(hi - len, align);
    if (hi - len >= lo && top >= lo) return top;
    if (v) hi = Math.min(hi, v.start);
  }
  return null;
}

/** The alignment get_unmapped_area uses for an anonymous mapping. */
export function anonAlign(len: number, explicit2M: boolean): number {
  return explicit2M || (len % PMD_SIZE === 0 && len >= PMD_SIZE) ? PMD_SIZE : PAGE_SIZE;
}

/** mmap_region for a private anonymous mapping: merge with a neighbour or insert a new VMA. */
export function mmapRegion(w: World, mm: Mm, plan: Plan, addr: number, len: number, flags: number): { vma: Vma; merged: string | null } {
  const end = addr + len;
  // VM_ACCOUNT: private writable memory is charged to the overcommit accounting.
  const f = flags | ((flags & (VM.WRITE | VM.SHARED)) === VM.WRITE ? VM.ACCOUNT : 0);
  const fresh: Vma = { id: vmaId(plan.id(w, 'vma')), mm: mm.id, start: addr, end, flags: f, pgoff: Math.floor(addr / 2 ** PAGE_SHIFT), file: null, anonVma: null, uffd: null };
  const { prev, next } = neighbours(mm, addr, end);
  const left = prev && canMerge(w, prev, fresh, true);
  const right = next && canMerge(w, fresh, next, false) && (next.anonVma === null || !left || prev?.anonVma === null || prev.anonVma === next.anonVma);
  if (left && prev && right && next) {
    const merged = mergeVmas(plan, [prev, { ...next, start: prev.end }], next.end);
    return { vma: merged, merged: 'both neighbours' };
  }
  if (left && prev) {
    const grown: Vma = { ...prev, end };
    plan.add({ op: 'vma_replace', mm: mm.id, remove: [prev.id], insert: [grown] });
    return { vma: grown, merged: `the VMA below [${hex(prev.start)}, ${hex(prev.end)})` };
  }
  if (right && next) {
    const grown: Vma = { ...next, start: addr, pgoff: fresh.pgoff };
    plan.add({ op: 'vma_replace', mm: mm.id, remove: [next.id], insert: [grown] });
    return { vma: grown, merged: `the VMA above [${hex(next.start)}, ${hex(next.end)})` };
  }
  plan.add({ op: 'vma_replace', mm: mm.id, remove: [], insert: [fresh] });
  return { vma: fresh, merged: null };
}

/** Rounds a byte length up to pages (PAGE_ALIGN). */
export const pageAlign = (len: number): number => alignUp(len, PAGE_SIZE);
