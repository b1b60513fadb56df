// The folios of a frame as views. A long run holds thousands of folios and a step changes a few, so
// the views are kept between frames and reused while their folio reads the same: building them anew
// for every frame (a flags array and a content array each) was the largest part of a far seek's
// frame (measured with .prof/worker-seek-style timing: buildFrame p50 9.8 ms at 11,200 folios).
// Reuse also gives unchanged folios the same object, which the delta encoder checks first.
import { type Folio, folioFlagNames, PAGE_ANON_EXCLUSIVE } from '../../sim-core/model/folio';
import type { World } from '../../sim-core/model/world';
import type { FolioView } from './frame';

interface Kept { readonly flags: number; readonly view: FolioView; seen: number }

// Views of the last frame built, by pfn. Updated in place and pruned of the folios a call did not
// see, so it never outgrows one frame and a far seek allocates no 10,000-entry map (a new map per
// call was a third of folioViews' time and fed the GC); frames of different runs built in turn
// only miss it, since reuse compares every field first.
const kept = new Map<number, Kept>();
let call = 0;

const isExclusive = (w: World, f: Folio): boolean => ((w.mem.pageFlags[f.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;

function reads(k: Kept, f: Folio, w: World, exclusive: boolean): boolean {
  const v = k.view;
  if (k.flags !== f.flags || v.order !== f.order || v.node !== f.node || v.refcount !== f.refcount || v.mapcount !== f.mapcount
    || v.pincount !== f.pincount || v.anonVma !== f.anonVma || v.index !== f.index || v.exclusive !== exclusive) return false;
  for (let i = 0; i < v.content.length; i++) if (v.content[i] !== (w.mem.content[f.pfn + i] ?? '')) return false;
  return true;
}

function view(f: Folio, w: World, exclusive: boolean): FolioView {
  const n = Math.min(16, 2 ** f.order);
  return {
    pfn: f.pfn, order: f.order, node: f.node, refcount: f.refcount, mapcount: f.mapcount, pincount: f.pincount, flags: folioFlagNames(f),
    anonVma: f.anonVma, index: f.index, content: Array.from({ length: n }, (_, i) => w.mem.content[f.pfn + i] ?? ''), exclusive,
  };
}

function sortedByPfn(xs: readonly FolioView[]): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i - 1] as FolioView).pfn > (xs[i] as FolioView).pfn) return false;
  return true;
}

/** Up to `max` folios of `w` as views, by pfn; a folio that reads as in the last call keeps its view object. */
export function folioViews(w: World, max: number): FolioView[] {
  const out: FolioView[] = [];
  const now = ++call;
  for (const f of w.mem.folios.values()) {
    if (out.length >= max) break;
    const exclusive = isExclusive(w, f);
    let k = kept.get(f.pfn);
    if (k && reads(k, f, w, exclusive)) k.seen = now;
    else kept.set(f.pfn, (k = { flags: f.flags, view: view(f, w, exclusive), seen: now }));
    out.push(k.view);
  }
  if (kept.size > out.length) for (const [pfn, k] of kept) if (k.seen !== now) kept.delete(pfn);
  return sortedByPfn(out) ? out : out.sort((a, b) => a.pfn - b.pfn);
}
