// Counters as the CLI names them, grouped for reading, with what changed since the frame shown before.
import type { Frame } from '../../sim/frame';
import { formatInt, formatUs } from '../lib/format';

/** Groups, in display order; counters not listed fall into "other". */
export const GROUPS: readonly { readonly title: string; readonly names: readonly string[] }[] = [
  { title: 'Faults', names: ['faults.total', 'faults.minor', 'faults.major'] },
  { title: 'TLB', names: ['tlb.shootdowns', 'tlb.shootdowns.byCpu', 'ipis.sent', 'tlb.flushes.local', 'tlb.flushes.full', 'tlb.hits', 'tlb.misses', 'pagewalks'] },
  { title: 'Memory', names: ['pages.allocated', 'pages.freed', 'pages.copied', 'bytes.copied', 'pages.migrated', 'swap.out', 'swap.in', 'pins'] },
  { title: 'Mappings', names: ['vmas', 'pagetables.allocated', 'pagetables.freed', 'uffd.messages'] },
  { title: 'Cost', names: ['cost.ns'] },
];

/** One counter row. */
export interface CounterRow { readonly name: string; readonly value: number | readonly number[]; readonly delta: number | null; readonly changed: boolean }

const total = (v: number | readonly number[] | undefined): number => (v === undefined ? 0 : typeof v === 'number' ? v : v.reduce((a, b) => a + b, 0));

/** The counters of a frame. */
type Counters = Pick<Frame, 'counters'>;

/** Rows per group; `prev` (the frame shown before) gives the deltas, null for none. */
export function counterRows(f: Counters, prev: Counters | null): { readonly title: string; readonly rows: CounterRow[] }[] {
  const names = Object.keys(f.counters);
  const listed = new Set(GROUPS.flatMap((g) => g.names));
  const groups = [...GROUPS, { title: 'Other', names: names.filter((n) => !listed.has(n)) }];
  return groups.map((g) => ({
    title: g.title,
    rows: g.names.filter((n) => n in f.counters).map((name) => {
      const value = f.counters[name] ?? 0;
      const delta = prev ? total(value) - total(prev.counters[name]) : null;
      const changed = !!prev && JSON.stringify(value) !== JSON.stringify(prev.counters[name]);
      return { name, value, delta, changed };
    }),
  })).filter((g) => g.rows.length > 0);
}

/** A counter value as shown: cost in µs, byCpu as "CPU0 0 · CPU1 1". */
export function formatValue(name: string, v: number | readonly number[]): string {
  if (typeof v !== 'number') return v.map((n, i) => `CPU${i} ${n}`).join(' · ');
  if (name === 'cost.ns') return formatUs(v);
  return formatInt(v);
}

/** A delta as shown ("+1", "−2", "+0.15 µs"). */
export function formatDelta(name: string, d: number): string {
  const sign = d < 0 ? '−' : '+';
  const abs = Math.abs(d);
  return name === 'cost.ns' ? `${sign}${formatUs(abs)}` : `${sign}${formatInt(abs)}`;
}
