// VMAs travel to the UI as differences from the previous frame, per mm. A process split into
// thousands of VMAs (the 2012 postcopy scenario maps each arriving page with its own VMA) made every
// frame clone all of them, most of a step's cost; between two frames a split or a merge changes one
// or two. Unchanged VMAs keep their object identity on the UI side, so memoised bands skip them.
import type { MmView, VmaView } from '../sim/frame';
import { markShared } from '../store/share';

/** One mm's VMAs: the whole list, or the new and changed VMAs and the ids of those gone. */
export interface VmaDelta { readonly full: boolean; readonly vmas: readonly VmaView[]; readonly removed: readonly number[] }

/** The VMA deltas of a frame, by mm id (every mm of the frame has one). */
export type VmaDeltas = Readonly<Record<number, VmaDelta>>;

/** True when two VMA views show the same thing. */
export const sameVma = (a: VmaView, b: VmaView): boolean => a.id === b.id && a.start === b.start && a.end === b.end && a.pages === b.pages
  && a.prot === b.prot && a.flags === b.flags && a.anonVma === b.anonVma && a.pgoff === b.pgoff;

const byId = (vmas: readonly VmaView[]): Map<number, VmaView> => new Map(vmas.map((v) => [v.id, v]));

/** The worker's side: the lists it sent last, per mm. */
export class VmaEncoder {
  private prev = new Map<number, readonly VmaView[]>();

  /** The deltas for a frame's mms; a large change is sent whole. */
  encode(mms: readonly MmView[]): VmaDeltas {
    const out: Record<number, VmaDelta> = {};
    const next = new Map<number, readonly VmaView[]>();
    for (const mm of mms) {
      next.set(mm.id, mm.vmas);
      const before = this.prev.get(mm.id);
      if (!before) { out[mm.id] = { full: true, vmas: mm.vmas, removed: [] }; continue; }
      const old = byId(before);
      const changed = mm.vmas.filter((v) => { const o = old.get(v.id); return !o || (o !== v && !sameVma(o, v)); });
      const ids = new Set(mm.vmas.map((v) => v.id));
      const removed = before.filter((v) => !ids.has(v.id)).map((v) => v.id);
      out[mm.id] = changed.length + removed.length > mm.vmas.length / 2 ? { full: true, vmas: mm.vmas, removed: [] } : { full: false, vmas: changed, removed };
    }
    this.prev = next;
    return out;
  }
}

/** The UI's side: rebuilds each mm's list from the previous one, keeping unchanged objects. */
export class VmaDecoder {
  private lists = new Map<number, readonly VmaView[]>();

  /** Forgets the previous lists (a new run starts with full ones). */
  reset(): void {
    this.lists = new Map();
  }

  /** The frame's mms with their VMA lists rebuilt from `deltas`. */
  apply(mms: readonly MmView[], deltas: VmaDeltas): MmView[] {
    const next = new Map<number, readonly VmaView[]>();
    const out = mms.map((mm) => {
      const d = deltas[mm.id];
      if (!d) throw new Error(`no VMA delta for mm ${mm.id}`);
      const vmas = this.list(this.lists.get(mm.id) ?? [], d);
      next.set(mm.id, vmas);
      return { ...mm, vmas };
    });
    this.lists = next;
    return out;
  }

  private list(prev: readonly VmaView[], d: VmaDelta): readonly VmaView[] {
    // Most steps change no VMA: keep the list without indexing it.
    if (!d.full && d.vmas.length === 0 && d.removed.length === 0) return prev;
    const old = byId(prev);
    let vmas: VmaView[];
    if (d.full) {
      // A whole list (a seek far away) still repeats most VMAs: keep the previous objects of those.
      vmas = d.vmas.map((v) => { const o = old.get(v.id); return o && sameVma(o, v) ? o : v; });
    } else {
      const gone = new Set(d.removed);
      const changed = byId(d.vmas);
      vmas = [...prev.filter((v) => !gone.has(v.id) && !changed.has(v.id)), ...d.vmas].sort((a, b) => a.start - b.start);
    }
    if (vmas.length === prev.length && vmas.every((v, i) => v === prev[i])) return prev;
    return markShared(vmas);
  }
}
