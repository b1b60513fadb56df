// Folios travel to the UI as differences from the previous frame. A frame of a long run lists
// thousands of folios and structured cloning them dominated the cost of a step (cloned once to post,
// once to receive); between two frames only a few usually change. Unchanged folios also keep their
// object identity on the UI side, so memoised views skip them.
import type { FolioView } from '../sim/frame';
import { columnBuffers, type FolioColumns, fromColumns, toColumns } from './folio-columns';

/** Folios of a frame: the whole list, or what changed since the previous frame (both sorted by pfn). */
export interface FolioDelta {
  readonly full: boolean;
  /** All folios (full) or the new and changed ones, in columns (folio-columns.ts). */
  readonly folios: FolioColumns;
  /** PFNs of folios that are gone. */
  readonly removed: readonly number[];
}

/** The buffers a message carrying `d` should transfer rather than copy. */
export const deltaBuffers = (d: FolioDelta): ArrayBuffer[] => columnBuffers(d.folios);

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** True when two folio views show the same thing. */
export function sameFolio(a: FolioView, b: FolioView): boolean {
  return a.pfn === b.pfn && a.order === b.order && a.node === b.node && a.refcount === b.refcount && a.mapcount === b.mapcount
    && a.pincount === b.pincount && a.anonVma === b.anonVma && a.index === b.index && a.exclusive === b.exclusive
    && sameList(a.flags, b.flags) && sameList(a.content, b.content);
}

/** The worker's side: remembers what it sent last. */
export class FolioEncoder {
  private prev: readonly FolioView[] = [];

  /** Encodes `next` (sorted by pfn, as frames list them) against the last list sent; a large change is sent whole. */
  encode(next: readonly FolioView[]): FolioDelta {
    const prev = this.prev;
    const changed: FolioView[] = [];
    const removed: number[] = [];
    let j = 0;
    // Merge the two pfn-sorted lists; the frame builder reuses unchanged views, so `p === f` is the common case.
    for (const f of next) {
      while (j < prev.length && (prev[j] as FolioView).pfn < f.pfn) removed.push((prev[j++] as FolioView).pfn);
      const p = j < prev.length && (prev[j] as FolioView).pfn === f.pfn ? prev[j++] : undefined;
      if (p !== f && (!p || !sameFolio(p, f))) changed.push(f);
    }
    while (j < prev.length) removed.push((prev[j++] as FolioView).pfn);
    const full = prev.length === 0 || changed.length + removed.length > next.length / 2;
    this.prev = next;
    return full ? { full: true, folios: toColumns(next), removed: [] } : { full: false, folios: toColumns(changed), removed };
  }
}

/** The UI's side: rebuilds each frame's list from the previous one. */
export class FolioDecoder {
  private list: readonly FolioView[] = [];

  /** Forgets the previous list (a new run starts with a full list). */
  reset(): void {
    this.list = [];
  }

  /** The full, pfn-sorted list after applying `d`. */
  apply(d: FolioDelta): readonly FolioView[] {
    if (d.full) return (this.list = this.keepSame(fromColumns(d.folios)));
    if (d.folios.count === 0 && d.removed.length === 0) return this.list;
    const gone = new Set(d.removed);
    const out: FolioView[] = [];
    const add = fromColumns(d.folios);
    let j = 0;
    // Merge two pfn-sorted lists; a changed folio replaces the old one with the same pfn.
    for (const f of this.list) {
      while (j < add.length && (add[j] as FolioView).pfn < f.pfn) out.push(add[j++] as FolioView);
      if (j < add.length && (add[j] as FolioView).pfn === f.pfn) out.push(add[j++] as FolioView);
      else if (!gone.has(f.pfn)) out.push(f);
    }
    while (j < add.length) out.push(add[j++] as FolioView);
    return (this.list = out);
  }

  // A whole list (a seek far away) still repeats most folios: keep the previous objects of those, so
  // the store's structural sharing and the memoised views see them unchanged at the cost of a merge.
  private keepSame(next: FolioView[]): FolioView[] {
    const old = this.list;
    let j = 0;
    for (let i = 0; i < next.length; i++) {
      const f = next[i] as FolioView;
      while (j < old.length && (old[j] as FolioView).pfn < f.pfn) j++;
      const o = old[j];
      if (o && o.pfn === f.pfn && sameFolio(o, f)) next[i] = o;
    }
    return next;
  }
}
