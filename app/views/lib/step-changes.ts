// What a step changed, read from its plan lines (StepView.diff: "op {json}" per line, set_entry
// spelled out). Only ops the views draw are parsed; objects referred to by plan-local names
// (a table or folio allocated in the same step) have no pfn yet and are skipped.
import type { FolioView, StepView } from '../../sim/frame';

/** The parsed changes of one step. */
export interface StepChanges {
  /** PTE/PMD/PUD entries written: table pfn and index. */
  readonly setEntries: readonly { readonly table: number; readonly index: number; readonly value: string }[];
  /** Page-table pages allocated (mm, level, base address). */
  readonly newTables: readonly { readonly mm: number; readonly level: number; readonly base: number }[];
  /** Page-table pages freed. */
  readonly freedTables: readonly number[];
  /** Folios allocated as copies of `from` (copy-on-write, migration, UFFDIO_COPY of a page). */
  readonly copies: readonly { readonly from: number; readonly anonVma: number | null; readonly index: number | null }[];
  /** The diff was cut at its display limit, so some changes are not listed. */
  readonly truncated: boolean;
}

/** Plan lines kept per step by the frame builder. */
export const DIFF_LIMIT = 200;
const SET_ENTRY = /^set_entry table (\d+)\[(\d+)\] = (.*)$/;
const cache = new WeakMap<StepView, StepChanges>();

function json(line: string): Record<string, unknown> | null {
  const i = line.indexOf(' {');
  if (i < 0) return null;
  try {
    return JSON.parse(line.slice(i + 1)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Parses (once per record) the changes a step made. */
export function stepChanges(r: StepView | null): StepChanges {
  const none: StepChanges = { setEntries: [], newTables: [], freedTables: [], copies: [], truncated: false };
  if (!r) return none;
  const hit = cache.get(r);
  if (hit) return hit;
  const out = { setEntries: [] as { table: number; index: number; value: string }[], newTables: [] as { mm: number; level: number; base: number }[], freedTables: [] as number[], copies: [] as { from: number; anonVma: number | null; index: number | null }[], truncated: r.diff.length >= DIFF_LIMIT };
  for (const line of r.diff) {
    const m = SET_ENTRY.exec(line);
    if (m) { out.setEntries.push({ table: Number(m[1]), index: Number(m[2]), value: m[3] ?? '' }); continue; }
    const op = line.slice(0, line.indexOf(' '));
    if (op !== 'alloc_pgtable' && op !== 'free_pgtable' && op !== 'alloc_folio') continue;
    const j = json(line);
    if (!j) continue;
    if (op === 'free_pgtable' && num(j.pfn) !== null) out.freedTables.push(j.pfn as number);
    if (op === 'alloc_pgtable') out.newTables.push({ mm: num(j.mm) ?? -1, level: num(j.level) ?? 0, base: num(j.base) ?? 0 });
    const from = op === 'alloc_folio' ? num((j.content as { copyFrom?: unknown } | undefined)?.copyFrom) : null;
    const anon = j.anon as { anonVma?: unknown; index?: unknown } | null | undefined;
    if (from !== null) out.copies.push({ from, anonVma: num(anon?.anonVma), index: num(anon?.index) });
  }
  cache.set(r, out);
  return out;
}

/** A copy made in this step, with the folio it produced when the frame shows it. */
export interface CopyView { readonly from: number; readonly to: number | null; readonly move: boolean; readonly content: string }

/** Resolves copies to their new folios: same anon_vma and index as asked, not the source. */
export function resolveCopies(changes: StepChanges, folios: readonly FolioView[]): CopyView[] {
  return changes.copies.map((c) => {
    const src = folios.find((f) => f.pfn === c.from);
    const to = folios.find((f) => f.pfn !== c.from && c.anonVma !== null && f.anonVma === c.anonVma && f.index === c.index);
    // With the source gone the new folio replaces it: the data moved rather than being duplicated.
    return { from: c.from, to: to?.pfn ?? null, move: !src, content: to?.content[0] ?? src?.content[0] ?? '' };
  });
}
