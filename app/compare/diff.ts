// The counters of two runs side by side: every counter flattened to a number (a per-CPU list becomes
// one entry per CPU, since the two runs may have different CPU counts), and the ones that differ.
import { formatInt, formatUs } from '../views/lib/format';

/** Counters as a run reports them. */
export type Counters = Readonly<Record<string, number | readonly number[]>>;

/** One counter that differs between the runs; null where a run has no such counter. */
export interface CounterDiff {
  readonly name: string;
  readonly a: number | null;
  readonly b: number | null;
  /** B − A, with a missing counter read as 0. */
  readonly delta: number;
}

/** Every counter as a single number: `tlb.shootdowns.byCpu` becomes `tlb.shootdowns.byCpu[0]`, `[1]`, ... */
export function flattenCounters(c: Counters): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, v] of Object.entries(c)) {
    if (typeof v === 'number') out.set(name, v);
    else v.forEach((x, i) => out.set(`${name}[${i}]`, x));
  }
  return out;
}

/** The counters whose values differ, in A's order and then B's extra ones. */
export function diffCounters(a: Counters, b: Counters): CounterDiff[] {
  const fa = flattenCounters(a);
  const fb = flattenCounters(b);
  const names = [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))];
  const out: CounterDiff[] = [];
  for (const name of names) {
    const va = fa.get(name) ?? null;
    const vb = fb.get(name) ?? null;
    if (va !== vb) out.push({ name, a: va, b: vb, delta: (vb ?? 0) - (va ?? 0) });
  }
  return out;
}

/** The counter a flattened name belongs to ("tlb.shootdowns.byCpu[3]" → "tlb.shootdowns.byCpu"). */
export const baseName = (flat: string): string => flat.replace(/\[\d+\]$/, '');

const isTime = (name: string): boolean => name === 'cost.ns' || name === 'time.ns';

/** A counter value as shown: times in µs, the rest as integers; a missing one as a dash. */
export function formatCounter(name: string, v: number | null): string {
  if (v === null) return '—';
  return isTime(name) ? formatUs(v) : formatInt(v);
}

/** A difference as shown, always signed: "+3", "−1", "+0.15 µs", "0". */
export function formatDiff(name: string, d: number): string {
  if (d === 0) return '0';
  const sign = d < 0 ? '−' : '+';
  return `${sign}${formatCounter(name, Math.abs(d))}`;
}
