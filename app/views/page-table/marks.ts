// What the page-table view marks for a frame: entries the walks read, entries the step wrote, tables
// the step touched, and tables the step allocated.
import type { Frame } from '../../sim/frame';
import { parseKey } from '../lib/keys';
import { stepChanges } from '../lib/step-changes';
import type { TreeMarks } from './MmTree';
import { walkEntries, type WalkView } from './walk';

/** The marks of frame `f` given its walks. */
export function treeMarks(f: Frame, walks: readonly WalkView[]): TreeMarks {
  const ch = stepChanges(f.record);
  const written = new Map<number, number[]>();
  for (const e of ch.setEntries) written.set(e.table, [...(written.get(e.table) ?? []), e.index]);
  const touched = new Set<number>();
  for (const k of f.record?.touched ?? []) {
    const p = parseKey(k);
    if (p?.kind === 'pt') touched.add(p.n);
  }
  for (const t of written.keys()) touched.add(t);
  // A table allocated this step is identified by (mm, level, base): its pfn is not in the plan.
  const fresh = new Set<number>();
  for (const n of ch.newTables) {
    const t = f.mms.find((m) => m.id === n.mm)?.tables.find((x) => x.level === n.level && x.base === n.base);
    if (t) fresh.add(t.pfn);
  }
  return { walk: walkEntries(walks), written, touched, fresh };
}
