// Per-mm page marks for the address-space view: pages whose fault is in progress and pages whose
// PTE this step wrote (from the step's plan).
import type { Frame } from '../../sim/frame';
import { activeFaults } from '../lib/faults';
import { frameIndex } from '../lib/frame-index';
import { vpnOf } from '../lib/geometry';
import { stepChanges } from '../lib/step-changes';

/** vpns to mark, per mm id. */
export type PageMarks = ReadonlyMap<number, ReadonlySet<number>>;

function add(m: Map<number, Set<number>>, mm: number, vpn: number): void {
  const s = m.get(mm) ?? new Set<number>();
  s.add(vpn);
  m.set(mm, s);
}

/** Pages with a fault being handled, per mm. */
export function faultMarks(f: Frame): PageMarks {
  const out = new Map<number, Set<number>>();
  for (const a of activeFaults(f)) if (a.mm !== null) add(out, a.mm, vpnOf(a.addr));
  return out;
}

/** Pages whose PTE the step that led to `f` wrote, per mm. */
export function changedMarks(f: Frame): PageMarks {
  const out = new Map<number, Set<number>>();
  const idx = frameIndex(f);
  for (const e of stepChanges(f.record).setEntries) {
    const mm = idx.tableOwner.get(e.table);
    const t = mm === undefined ? undefined : idx.mms.get(mm)?.byPfn.get(e.table);
    if (mm !== undefined && t?.level === 1) add(out, mm, vpnOf(t.base) + e.index);
  }
  return out;
}
