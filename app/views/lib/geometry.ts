// x86-64 4-level paging geometry for the views. Addresses exceed 2^32, so everything uses
// arithmetic (Math.floor, %) rather than bitwise operators, which would truncate to 32 bits.

/** Bytes in a base page. */
export const PAGE_SIZE = 4096;
/** Entries in every page-table page. */
export const PTRS_PER_TABLE = 512;
/** Level numbers as the frame uses them: 4 = PGD, 3 = PUD, 2 = PMD, 1 = PTE. */
export type Level = 1 | 2 | 3 | 4;

const SHIFT: Readonly<Record<number, number>> = { 4: 39, 3: 30, 2: 21, 1: 12 };
const NAME: Readonly<Record<number, string>> = { 4: 'PGD', 3: 'PUD', 2: 'PMD', 1: 'PTE' };

/** The kernel's name of a page-table level ("PGD", "PUD", "PMD", "PTE"). */
export function levelName(level: number): string {
  return NAME[level] ?? `L${level}`;
}

/** Bytes mapped by one entry of a table at `level` (4 KiB for a PTE, 2 MiB for a PMD entry, ...). */
export function entrySpan(level: number): number {
  return 2 ** (SHIFT[level] ?? 12);
}

/** pgd_index / pud_index / pmd_index / pte_index of `addr` at `level`. */
export function indexAt(addr: number, level: number): number {
  return Math.floor(addr / entrySpan(level)) % PTRS_PER_TABLE;
}

/** Rounds `addr` down to a multiple of `size`. */
export function alignDown(addr: number, size: number): number {
  return addr - (addr % size);
}

/** Virtual page number of an address. */
export function vpnOf(addr: number): number {
  return Math.floor(addr / PAGE_SIZE);
}

/** An address as /proc/PID/maps prints it, with a 0x prefix. */
export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** Parses "0x…" (or bare hex); null when it is not a hex number. */
export function parseHex(s: string): number | null {
  const t = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (!/^[0-9a-fA-F]+$/.test(t)) return null;
  return parseInt(t, 16);
}

/** A byte count in binary units: "4 KiB", "2 MiB", "4.01 MiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = Number.isInteger(v) ? 0 : v < 10 ? 2 : 1;
  return `${v.toFixed(digits)} ${units[u] ?? 'B'}`;
}

/** A page count with its size: "1026 pages (4.01 MiB)"; one page reads "1 page (4 KiB)". */
export function pagesLabel(pages: number): string {
  return `${pages} page${pages === 1 ? '' : 's'} (${formatBytes(pages * PAGE_SIZE)})`;
}
