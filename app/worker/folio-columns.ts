// Folios as columns of typed arrays for the trip to the UI. Cloning thousands of small objects (each
// with two arrays) cost tens of milliseconds per frame; typed arrays are transferred without a copy
// and the UI rebuilds the objects in about a millisecond. Flag sets and content tags repeat a lot,
// so each distinct list is sent once and shared by the folios that have it.
import type { FolioView } from '../sim/frame';

/** Folios in columns; row i of every column is one folio. */
export interface FolioColumns {
  readonly count: number;
  readonly pfn: Int32Array;
  readonly order: Uint8Array;
  readonly node: Uint16Array;
  readonly refcount: Int32Array;
  readonly mapcount: Int32Array;
  readonly pincount: Int32Array;
  /** anon_vma id, -1 for none. */
  readonly anonVma: Int32Array;
  readonly index: Float64Array;
  readonly exclusive: Uint8Array;
  /** Index into `lists` of the folio's flags and of its content tags. */
  readonly flags: Uint32Array;
  readonly content: Uint32Array;
  /** Distinct string lists (flag sets and content tag lists). */
  readonly lists: readonly (readonly string[])[];
}

class Lists {
  readonly all: (readonly string[])[] = [];
  private readonly ids = new Map<string, number>();
  id(list: readonly string[]): number {
    const key = list.join('\u0000');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.all.length;
      this.all.push(list);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** Packs folio views into columns. */
export function toColumns(folios: readonly FolioView[]): FolioColumns {
  const n = folios.length;
  const c = {
    count: n, pfn: new Int32Array(n), order: new Uint8Array(n), node: new Uint16Array(n), refcount: new Int32Array(n), mapcount: new Int32Array(n),
    pincount: new Int32Array(n), anonVma: new Int32Array(n), index: new Float64Array(n), exclusive: new Uint8Array(n), flags: new Uint32Array(n),
    content: new Uint32Array(n),
  };
  const lists = new Lists();
  folios.forEach((f, i) => {
    c.pfn[i] = f.pfn; c.order[i] = f.order; c.node[i] = f.node; c.refcount[i] = f.refcount; c.mapcount[i] = f.mapcount; c.pincount[i] = f.pincount;
    c.anonVma[i] = f.anonVma ?? -1; c.index[i] = f.index; c.exclusive[i] = f.exclusive ? 1 : 0;
    c.flags[i] = lists.id(f.flags); c.content[i] = lists.id(f.content);
  });
  return { ...c, lists: lists.all };
}

/** Unpacks columns into folio views (lists with equal contents are shared, and read-only). */
export function fromColumns(c: FolioColumns): FolioView[] {
  const out: FolioView[] = new Array<FolioView>(c.count);
  for (let i = 0; i < c.count; i++) {
    const av = c.anonVma[i] ?? -1;
    out[i] = {
      pfn: c.pfn[i] ?? 0, order: c.order[i] ?? 0, node: c.node[i] ?? 0, refcount: c.refcount[i] ?? 0, mapcount: c.mapcount[i] ?? 0,
      pincount: c.pincount[i] ?? 0, flags: c.lists[c.flags[i] ?? 0] ?? [], anonVma: av < 0 ? null : av, index: c.index[i] ?? 0,
      content: c.lists[c.content[i] ?? 0] ?? [], exclusive: c.exclusive[i] === 1,
    };
  }
  return out;
}

/** The buffers to transfer with a message carrying these columns. */
export function columnBuffers(c: FolioColumns): ArrayBuffer[] {
  return [c.pfn, c.order, c.node, c.refcount, c.mapcount, c.pincount, c.anonVma, c.index, c.exclusive, c.flags, c.content].map((a) => a.buffer as ArrayBuffer);
}
