// Structural sharing between frames. The worker builds every frame from scratch, so without this
// every part of every frame is a new object and every memoised view re-renders on every step. Here a
// new value keeps the previous value's objects wherever they read the same (typed arrays compared by
// content), so identity means "unchanged" and views can skip on a cheap `===`.

type Obj = Record<string, unknown>;

const isPlain = (x: object): x is Obj => {
  const p: unknown = Object.getPrototypeOf(x);
  return p === Object.prototype || p === null;
};

function sameTyped(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
  const x = a as unknown as ArrayLike<number>;
  const y = b as unknown as ArrayLike<number>;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// Lists of objects are matched by a natural key when one is present (mm, VMA, CPU and actor ids;
// folio and table pfns), so an insertion in the middle does not misalign everything after it.
function keyOf(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Obj;
  return typeof o.id === 'number' ? `i${o.id}` : typeof o.pfn === 'number' ? `p${o.pfn}` : undefined;
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  let byKey: Map<string, unknown> | null = null;
  let same = prev.length === next.length;
  let shared = false;
  const out = new Array<unknown>(next.length);
  for (let i = 0; i < next.length; i++) {
    const x = next[i];
    let p = prev[i];
    // Already shared (the folio decoder keeps unchanged folios): no key to compute, nothing to compare.
    if (Object.is(p, x)) {
      out[i] = x;
      continue;
    }
    const k = keyOf(x);
    if (k !== undefined && keyOf(p) !== k) {
      byKey ??= new Map(prev.map((y) => [keyOf(y) ?? '', y]));
      p = byKey.get(k);
    }
    out[i] = shareEqual(p, x);
    if (out[i] !== x) shared = true;
    if (out[i] !== prev[i]) same = false;
  }
  return same ? prev : shared ? out : next;
}

// Keys and shared values of the objects being compared, as a stack (each call pops what it pushed):
// building a speculative copy and two key arrays per object was a fifth of the app's allocation per
// step (about 25 of 180 KB in munmap-running-peer), and most objects turn out unchanged.
const scratch: unknown[] = [];

function shareObject(prev: Obj, next: Obj): Obj {
  const base = scratch.length;
  let same = true;
  let shared = false;
  let n = 0;
  for (const k in next) {
    const p = prev[k];
    const x = next[k];
    const v = shareEqual(p, x);
    scratch.push(k, v);
    n++;
    if (v !== x) shared = true;
    if (v !== p || (p === undefined && !(k in prev))) same = false;
  }
  if (same) {
    let m = 0;
    for (const _ in prev) m++;
    same = m === n;
  }
  let out = same ? prev : next;
  if (!same && shared) {
    out = {};
    for (let i = base; i < scratch.length; i += 2) out[scratch[i] as string] = scratch[i + 1];
  }
  scratch.length = base;
  return out;
}

function sameSet(a: ReadonlySet<unknown>, b: ReadonlySet<unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}

function sameMap(a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (!a.has(k) || shareEqual(a.get(k), v) !== a.get(k)) return false;
  return true;
}

// Values whose parts are already shared with the previous frame by whoever built them (the folio
// decoder keeps each unchanged folio object): comparing them again cost ~1.5 ms per seek in the
// 100,000-step trace, where the 11,000 folios shift positions and each needs a keyed lookup.
const PRESHARED = new WeakSet<object>();

/** Marks list `x` as already sharing its unchanged items with the previous value: shareEqual takes it as is. */
export function markShared<T extends readonly unknown[]>(x: T): T {
  PRESHARED.add(x);
  return x;
}

/**
 * `next`, with every part that is deep-equal to the corresponding part of `prev` replaced by prev's
 * (prev itself when all of it is equal, `next` itself when none is). Plain objects and arrays are shared part by part; typed
 * arrays, Sets and Maps as a whole, by content. Neither argument is modified.
 */
export function shareEqual<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next) || typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next;
  if (ArrayBuffer.isView(next)) return ArrayBuffer.isView(prev) && sameTyped(prev, next) ? (prev as T) : next;
  if (Array.isArray(next)) return Array.isArray(prev) && !PRESHARED.has(next) ? (shareArray(prev, next) as T) : next;
  if (next instanceof Set) return prev instanceof Set && sameSet(prev, next) ? (prev as T) : next;
  if (next instanceof Map) return prev instanceof Map && sameMap(prev, next) ? (prev as T) : next;
  if (isPlain(next) && isPlain(prev)) return shareObject(prev, next) as T;
  return next;
}
