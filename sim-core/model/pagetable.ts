// Page-table pages: each is a real frame holding 512 entries, allocated and freed as Linux does.
import type { MmId, Pfn } from './ids';
import { type Level, PTRS_PER_TABLE, tableIndex } from './layout';
import { PTE_NONE, type Pte, type TableEntry } from './pte';

/** One page-table page. `entries` is mutable; the entries themselves are immutable values. */
export interface PageTable {
  readonly pfn: Pfn;
  readonly level: Level;
  readonly mm: MmId;
  /** Base virtual address covered by this table. */
  readonly base: number;
  entries: (Pte | TableEntry)[];
  /** Number of non-none entries. */
  used: number;
}

/** A fresh, empty table. */
export function newTable(p: Pfn, level: Level, mm: MmId, base: number): PageTable {
  return { pfn: p, level, mm, base, entries: new Array<Pte | TableEntry>(PTRS_PER_TABLE).fill(PTE_NONE), used: 0 };
}

/** Copies a table for a checkpoint. */
export function cloneTable(t: PageTable): PageTable {
  return { ...t, entries: t.entries.slice() };
}

/** Result of walking an mm's tables down to a level. */
export interface WalkStep {
  readonly level: Level;
  readonly table: Pfn;
  readonly index: number;
  readonly entry: Pte | TableEntry;
}

/** Walks from the PGD towards the PTE for `addr`, stopping at the first missing table or huge leaf. */
export function walk(tables: ReadonlyMap<number, PageTable>, pgd: Pfn, addr: number): WalkStep[] {
  const out: WalkStep[] = [];
  let t = tables.get(pgd);
  while (t) {
    const index = tableIndex(addr, t.level);
    const entry = t.entries[index] ?? PTE_NONE;
    out.push({ level: t.level, table: t.pfn, index, entry });
    if (t.level === 1 || entry.kind !== 'table') break;
    t = tables.get(entry.pfn);
  }
  return out;
}

/** The leaf PTE slot for `addr` if a PTE table exists: table PFN, index and value. */
export function findPte(tables: ReadonlyMap<number, PageTable>, pgd: Pfn, addr: number): WalkStep | null {
  const w = walk(tables, pgd, addr);
  const last = w[w.length - 1];
  return last && last.level === 1 ? last : null;
}

/** The leaf translating `addr`: a PTE slot, or a PMD slot holding a huge leaf; null when neither exists. */
export function findLeaf(tables: ReadonlyMap<number, PageTable>, pgd: Pfn, addr: number): WalkStep | null {
  const w = walk(tables, pgd, addr);
  const last = w[w.length - 1];
  if (!last) return null;
  if (last.level === 1) return last;
  return last.level === 2 && last.entry.kind === 'huge' ? last : null;
}

/** What the hardware walk resolves an address to: the frame, permission and the leaf it came from. */
export interface Translation { readonly pfn: number; readonly rw: boolean; readonly huge: boolean; readonly slot: WalkStep }

/** The hardware view of `addr`: a present, accessible leaf (PTE or huge PMD), or null (a fault). */
export function translate(tables: ReadonlyMap<number, PageTable>, pgd: Pfn, addr: number): Translation | null {
  const slot = findLeaf(tables, pgd, addr);
  const e = slot?.entry;
  if (!slot || !e) return null;
  if (e.kind === 'huge') return { pfn: e.pfn + (Math.floor(addr / 4096) % 512), rw: e.rw, huge: true, slot };
  if (e.kind === 'present' && !e.protnone) return { pfn: e.pfn, rw: e.rw, huge: false, slot };
  return null;
}
