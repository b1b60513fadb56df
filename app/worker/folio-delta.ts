// Folios travel to the UI as differences from the previous frame. A frame of a long run lists
// thousands of folios and structured cloning them dominated the cost of a step (cloned once to post,
// once to receive); between two frames only a few usually change. Unchanged folios also keep their
// object identity on the UI side, so memoised views skip them.
import type { FolioView } from '../sim/frame';
import { markShared } from '../store/share';
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

/**
 * Walks two pfn-sorted lists together: `visit` sees each pfn once, with its folio from `a` and from
 * `b` (undefined on the side that lacks it). The encoder, the decoder and its identity keeping are
 * all this merge.
 */
export function zipByPfn(a: readonly FolioView[], b: readonly FolioView[], visit: (x: FolioView | undefined, y: FolioView | undefined) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.pfn < y.pfn)) { visit(x, undefined); i++; }
    else if (y && (!x || y.pfn < x.pfn)) { visit(undefined, y); j++; }
    else { visit(x, y); i++; j++; }
  }
}

/** The worker's side: remembers what it sent last. */
export class FolioEncoder {
  private prev: readonly FolioView[] = [];

  /** Encodes `next` (sorted by pfn, as frames list them) against the last list sent; a large change is sent whole. */
  encode(next: readonly FolioView[]): FolioDelta {
    const prev = this.prev;
    const changed: FolioView[] = [];
    const removed: number[] = [];
    // The frame builder reuses unchanged views, so `p === f` is the common case.
    zipByPfn(prev, next, (p, f) => {
      if (!f) removed.push((p as FolioView).pfn);
      else if (p !== f && (!p || !sameFolio(p, f))) changed.push(f);
    });
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
    if (d.folios.count === 0 && d.removed.length === 0 && !d.full) return this.list;
    const out: FolioView[] = [];
    const add = fromColumns(d.folios);
    if (d.full) {
      // A whole list (a seek far away) still repeats most folios: keep the previous objects of those,
      // so the store's structural sharing and the memoised views see them unchanged.
      zipByPfn(this.list, add, (old, f) => { if (f) out.push(old && sameFolio(old, f) ? old : f); });
    } else {
      // A changed folio replaces the old one with the same pfn; a removed one is dropped.
      const gone = new Set(d.removed);
      zipByPfn(this.list, add, (old, f) => { if (f) out.push(f); else if (old && !gone.has(old.pfn)) out.push(old); });
    }
    // Same folios in the same order: the previous list itself, so views see no change at all.
    if (sameList(out, this.list)) return this.list;
    // Every unchanged folio is already the previous object: the store need not compare them again.
    return (this.list = markShared(out));
  }
}
