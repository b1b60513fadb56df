// PTE kinds as the views draw them: a name, a legend label, a glyph (so colour is never the only
// carrier) and a CSS class bound to the theme's --pte-* variables.
import { PTE_KIND } from '../../sim/frame';

/** How one PTE kind is drawn. */
export interface KindInfo {
  readonly code: number;
  readonly name: string;
  /** Legend text. */
  readonly label: string;
  /** One character drawn in cells large enough to carry text. */
  readonly glyph: string;
  /** CSS class suffix: mv-k-<cls>. */
  readonly cls: string;
}

const INFO: readonly KindInfo[] = [
  { code: PTE_KIND.none, name: 'none', label: 'pte_none (not mapped)', glyph: '', cls: 'none' },
  { code: PTE_KIND.present_ro, name: 'present_ro', label: 'present, read-only', glyph: 'r', cls: 'ro' },
  { code: PTE_KIND.present_rw, name: 'present_rw', label: 'present, writable', glyph: 'w', cls: 'rw' },
  { code: PTE_KIND.zero, name: 'zero', label: 'shared zero page', glyph: '0', cls: 'zero' },
  { code: PTE_KIND.swap, name: 'swap', label: 'swap entry', glyph: 's', cls: 'swap' },
  { code: PTE_KIND.migration, name: 'migration', label: 'migration entry', glyph: 'm', cls: 'migration' },
  { code: PTE_KIND.marker, name: 'marker', label: 'PTE marker (uffd-wp, poison, guard)', glyph: 'k', cls: 'marker' },
  { code: PTE_KIND.file, name: 'file', label: 'pte_file (nonlinear)', glyph: 'f', cls: 'file' },
  { code: PTE_KIND.protnone, name: 'protnone', label: 'PROT_NONE (pte_protnone)', glyph: 'n', cls: 'protnone' },
  { code: PTE_KIND.table, name: 'table', label: 'points to a lower table', glyph: 't', cls: 'table' },
  { code: PTE_KIND.huge, name: 'huge', label: 'PMD-mapped THP (pmd_trans_huge)', glyph: 'H', cls: 'huge' },
];

const BY_CODE = new Map(INFO.map((k) => [k.code, k]));

/** Drawing info of a PTE kind code (unknown codes draw as none). */
export function kindInfo(code: number): KindInfo {
  return BY_CODE.get(code) ?? (INFO[0] as KindInfo);
}

/** The kinds a leaf PTE can have, in legend order. */
export const LEAF_KINDS: readonly KindInfo[] = INFO.filter((k) => k.code !== PTE_KIND.table);

/** Kinds under which the entry points at a physical frame (its pfn is meaningful). */
export function mapsFrame(code: number): boolean {
  return code === PTE_KIND.present_ro || code === PTE_KIND.present_rw || code === PTE_KIND.zero || code === PTE_KIND.protnone || code === PTE_KIND.huge;
}

/** Kinds whose pfn names a frame the entry refers to (mapped, or being migrated). */
export function refersToFrame(code: number): boolean {
  return mapsFrame(code) || code === PTE_KIND.migration;
}

/** Names of the software bits set in a TableView.bits byte. */
export function bitNames(bits: number): string[] {
  const out: string[] = [];
  if (bits & 1) out.push('dirty');
  if (bits & 2) out.push('accessed');
  if (bits & 4) out.push('uffd-wp');
  if (bits & 8) out.push('soft-dirty');
  return out;
}

/** One line describing a PTE, e.g. "present RW · pfn 10 · dirty, accessed". */
export function describePte(code: number, pfn: number, bits: number): string {
  const k = kindInfo(code);
  const b = bitNames(bits);
  const tail = b.length ? ` · ${b.join(', ')}` : '';
  switch (code) {
    case PTE_KIND.none: return 'pte_none: nothing mapped (the next access faults)';
    case PTE_KIND.present_ro: return `present, read-only (RW=0) · pfn ${pfn}${tail}`;
    case PTE_KIND.present_rw: return `present, writable (RW=1) · pfn ${pfn}${tail}`;
    case PTE_KIND.zero: return `shared zero page (pte_special, read-only) · pfn ${pfn}`;
    case PTE_KIND.migration: return `migration entry (not present; faults wait for the move) · pfn ${pfn}`;
    case PTE_KIND.protnone: return `PROT_NONE (present bit clear, pte_protnone) · pfn ${pfn}${tail}`;
    case PTE_KIND.huge: return `PMD-mapped THP · pfn ${pfn}`;
    default: return `${k.label} (not present)`;
  }
}

/**
 * Adds each distinct code of `codes` to `into`. An indexed loop: these run once per frame over
 * every table and VMA, and iterating a typed array with for…of allocated an iterator result per
 * entry (about 30 KB per step in the allocation profile of munmap-running-peer).
 */
export function addCodes(codes: ArrayLike<number>, into: Set<number>): void {
  for (let i = 0; i < codes.length; i++) into.add(codes[i] as number);
}
