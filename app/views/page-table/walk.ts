// Page walks in progress, level by level: for each fault being handled, the entry it reads at each
// level (PGD → PUD → PMD → PTE), which levels it has reached, and where a table is still missing.
import type { Frame, TableView } from '../../sim/frame';
import { activeFaults, type ActiveFault } from '../lib/faults';
import { frameIndex, walkPath } from '../lib/frame-index';
import { indexAt, levelName } from '../lib/geometry';

/** One level of a walk. */
export interface WalkStep {
  readonly level: number;
  readonly index: number;
  /** The table read at this level, or null when the level above points nowhere yet. */
  readonly table: TableView | null;
  readonly reached: boolean;
  /** The level the walk reads next. */
  readonly next: boolean;
}

/** A walk in progress. */
export interface WalkView { readonly fault: ActiveFault; readonly mm: number; readonly steps: readonly WalkStep[] }

/** Walks of the faults in progress in `f`. */
export function walksOf(f: Frame): WalkView[] {
  const idx = frameIndex(f);
  const out: WalkView[] = [];
  for (const fault of activeFaults(f)) {
    if (fault.mm === null) continue;
    const path = walkPath(idx, fault.mm, fault.addr);
    const steps = [4, 3, 2, 1].map((level, i) => ({
      level, index: indexAt(fault.addr, level), table: path[i]?.table ?? null, reached: i < fault.depth, next: fault.walking && i === fault.depth,
    }));
    out.push({ fault, mm: fault.mm, steps });
  }
  return out;
}

/** "PGD[253]" for a walk step. */
export function stepLabel(s: WalkStep): string {
  return `${levelName(s.level)}[${s.index}]`;
}

/** Entry to ring in each table a walk has reached: table pfn → entry index. */
export function walkEntries(walks: readonly WalkView[]): ReadonlyMap<number, number> {
  const out = new Map<number, number>();
  for (const w of walks) for (const s of w.steps) if (s.reached && s.table) out.set(s.table.pfn, s.index);
  return out;
}
