// vm_area_struct: immutable records; a change (split, mprotect, merge) writes a new one.
import type { AnonVmaId, MmId, UffdId, VmaId } from './ids';
import { PAGE_SIZE } from './layout';

/** vm_flags bits we model, named as in include/linux/mm.h (bit positions are ours, names are the kernel's). */
export const VM = {
  READ: 1 << 0,
  WRITE: 1 << 1,
  EXEC: 1 << 2,
  SHARED: 1 << 3,
  MAYREAD: 1 << 4,
  MAYWRITE: 1 << 5,
  MAYEXEC: 1 << 6,
  MAYSHARE: 1 << 7,
  UFFD_MISSING: 1 << 8,
  PFNMAP: 1 << 9,
  UFFD_WP: 1 << 10,
  LOCKED: 1 << 11,
  DONTCOPY: 1 << 12,
  ACCOUNT: 1 << 13,
  HUGEPAGE: 1 << 14,
  NOHUGEPAGE: 1 << 15,
  UFFD_MINOR: 1 << 16,
  SOFTDIRTY: 1 << 17,
  NONLINEAR: 1 << 18,
} as const;
export type VmFlag = keyof typeof VM;

// The two-letter mnemonics of /proc/PID/smaps "VmFlags:" (fs/proc/task_mmu.c show_smap_vma_flags).
const MNEMONIC: Record<VmFlag, string> = {
  READ: 'rd', WRITE: 'wr', EXEC: 'ex', SHARED: 'sh', MAYREAD: 'mr', MAYWRITE: 'mw', MAYEXEC: 'me', MAYSHARE: 'ms',
  UFFD_MISSING: 'um', PFNMAP: 'pf', UFFD_WP: 'uw', LOCKED: 'lo', DONTCOPY: 'dc', ACCOUNT: 'ac', HUGEPAGE: 'hg',
  NOHUGEPAGE: 'nh', UFFD_MINOR: 'ui', SOFTDIRTY: 'sd', NONLINEAR: 'nl',
};

/** A VMA: [start, end) in bytes, page aligned. */
export interface Vma {
  readonly id: VmaId;
  readonly mm: MmId;
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  /** vm_pgoff: for private anon VMAs do_mmap sets it to start >> PAGE_SHIFT. */
  readonly pgoff: number;
  readonly file: string | null;
  readonly anonVma: AnonVmaId | null;
  /** vm_userfaultfd_ctx: the userfaultfd the VMA is registered with (VM_UFFD_* flags say how). */
  readonly uffd: UffdId | null;
}

/** The VM_UFFD_* flags (__VM_UFFD_FLAGS). */
export const VM_UFFD_FLAGS = VM.UFFD_MISSING | VM.UFFD_WP | VM.UFFD_MINOR;

/** Tests a vm_flags bit. */
export const vmaHas = (v: Vma, f: VmFlag): boolean => (v.flags & VM[f]) !== 0;
/** Number of pages in a VMA (vma_pages). */
export const vmaPages = (v: Vma): number => (v.end - v.start) / PAGE_SIZE;
/** True for private anonymous memory (vma_is_anonymous without VM_SHARED). */
export const vmaIsAnon = (v: Vma): boolean => v.file === null && !vmaHas(v, 'SHARED');
/** linear_page_index (include/linux/pagemap.h). */
export const linearPageIndex = (v: Vma, addr: number): number => Math.floor((addr - v.start) / PAGE_SIZE) + v.pgoff;
/** vma_address (mm/internal.h): the address of page offset `pgoff` in the VMA, or null if outside. */
export function vmaAddress(v: Vma, pgoff: number): number | null {
  const a = v.start + (pgoff - v.pgoff) * PAGE_SIZE;
  return a >= v.start && a < v.end ? a : null;
}

/** calc_vm_prot_bits for the scenario's prot strings, plus VM_MAY* as do_mmap sets them. */
export function protToFlags(prot: 'none' | 'r' | 'rw', shared: boolean): number {
  let f = VM.MAYREAD | VM.MAYWRITE | VM.MAYEXEC;
  if (prot !== 'none') f |= VM.READ;
  if (prot === 'rw') f |= VM.WRITE;
  if (shared) f |= VM.SHARED | VM.MAYSHARE;
  return f;
}
/** The prot part of a flag word, as a scenario string. */
export function flagsToProt(flags: number): 'none' | 'r' | 'rw' {
  if (flags & VM.WRITE) return 'rw';
  return flags & VM.READ ? 'r' : 'none';
}

/** smaps-style flag list, e.g. "rd wr mr mw me ac". */
export function vmFlagsString(flags: number): string {
  return (Object.keys(VM) as VmFlag[]).filter((k) => (flags & VM[k]) !== 0).map((k) => MNEMONIC[k]).join(' ');
}
