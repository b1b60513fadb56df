// Page-table entries as a tagged union. Leaves are immutable values: a change writes a new one.
import type { Pfn } from './ids';

/** A present leaf PTE (x86 bits P, RW, D, A, SOFTW1 = special, SOFTW2 = uffd-wp, SOFTW3 = soft-dirty). */
export interface PresentPte {
  readonly kind: 'present';
  readonly pfn: Pfn;
  readonly rw: boolean;
  readonly dirty: boolean;
  readonly accessed: boolean;
  /** _PAGE_SPECIAL: no struct page behind it (the shared zero page, PFN maps). */
  readonly special: boolean;
  readonly uffd_wp: boolean;
  readonly soft_dirty: boolean;
  /** _PAGE_PROTNONE: mapped but inaccessible (PROT_NONE or a NUMA hint); the CPU sees it as not present. */
  readonly protnone: boolean;
}
/** A swap entry: the page is in swap slot `slot`. */
export interface SwapPte { readonly kind: 'swap'; readonly slot: number; readonly exclusive: boolean; readonly uffd_wp: boolean }
/** A migration entry (SWP_MIGRATION_READ/READ_EXCLUSIVE/WRITE): holds the old page's PFN. */
export interface MigrationPte {
  readonly kind: 'migration'; readonly pfn: Pfn; readonly writable: boolean; readonly exclusive: boolean;
  readonly young: boolean; readonly dirty: boolean;
}
/** A PTE marker (include/linux/swapops.h): uffd-wp, poisoned or guard. */
export interface MarkerPte { readonly kind: 'marker'; readonly marker: 'uffd_wp' | 'poisoned' | 'guard' }
/** The pre-4.0 nonlinear "file PTE" (pte_file): remembers a file offset. */
export interface FilePte { readonly kind: 'file'; readonly pgoff: number }
/** pte_none. */
export interface NonePte { readonly kind: 'none' }

/** A leaf PTE. */
export type Pte = NonePte | PresentPte | SwapPte | MigrationPte | MarkerPte | FilePte;

/** An upper-level entry (PGD/PUD/PMD): empty, a pointer to the next table, or a huge leaf. */
export type TableEntry =
  | NonePte
  | { readonly kind: 'table'; readonly pfn: Pfn }
  | HugePmd;

/** A PMD leaf mapping a 2 MiB folio (a THP), or the huge zero folio when `special`. */
export interface HugePmd {
  readonly kind: 'huge'; readonly pfn: Pfn; readonly rw: boolean; readonly dirty: boolean; readonly accessed: boolean; readonly special: boolean;
  /** _PAGE_UFFD_WP on the PMD (change_huge_pmd with MM_CP_UFFD_WP); absent means clear. */
  readonly uffd_wp?: boolean;
}

/** The single shared pte_none value. */
export const PTE_NONE: NonePte = Object.freeze({ kind: 'none' });

/** Builds a present PTE; defaults follow x86 protection_map, which already sets _PAGE_ACCESSED. */
export function mkPresent(pfn: Pfn, rw: boolean, opts: Partial<Omit<PresentPte, 'kind' | 'pfn' | 'rw'>> = {}): PresentPte {
  return {
    kind: 'present', pfn, rw,
    dirty: opts.dirty ?? false, accessed: opts.accessed ?? true, special: opts.special ?? false,
    uffd_wp: opts.uffd_wp ?? false, soft_dirty: opts.soft_dirty ?? false, protnone: opts.protnone ?? false,
  };
}

/** Returns a copy of a present PTE with some bits changed. */
export function withBits(p: PresentPte, bits: Partial<Omit<PresentPte, 'kind'>>): PresentPte {
  return { ...p, ...bits };
}

/** The PFN a leaf entry refers to, if any (present or migration entries). */
export function ptePfn(p: Pte): Pfn | null {
  switch (p.kind) {
    case 'present':
    case 'migration':
      return p.pfn;
    case 'none':
    case 'swap':
    case 'marker':
    case 'file':
      return null;
  }
}

/** pte_same / pmd_same: the entry is still the one read earlier (every field, so any change counts). */
export function pteSame(a: Pte | TableEntry, b: Pte | TableEntry): boolean {
  if (a === b) return true;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

/** Short human form used by narration and hover cards. */
export function describePte(p: Pte): string {
  switch (p.kind) {
    case 'none': return 'none';
    case 'present': return `present pfn ${p.pfn} ${p.rw ? 'RW' : 'RO'}${p.dirty ? ' D' : ''}${p.accessed ? ' A' : ''}${p.special ? ' special' : ''}${p.protnone ? ' PROT_NONE' : ''}${p.uffd_wp ? ' uffd-wp' : ''}`;
    case 'swap': return `swap slot ${p.slot}${p.exclusive ? ' exclusive' : ''}`;
    case 'migration': return `migration entry → pfn ${p.pfn} (${p.writable ? 'write' : p.exclusive ? 'read-exclusive' : 'read'})`;
    case 'marker': return `marker (${p.marker})`;
    case 'file': return `file pte pgoff ${p.pgoff}`;
  }
}
