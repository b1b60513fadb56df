// What a sweep or a comparison plots: metrics derived from a run's counters, and the measurements of
// ../shared/LAB.md (Linux 6.18) that some scenarios can be held against.
import type { RunSummary } from '../engine/run';

/** A number derived from a run's counters. */
export interface Metric {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly of: (counters: RunSummary['counters']) => number;
}

const n = (c: RunSummary['counters'], name: string): number => {
  const v = c[name];
  return typeof v === 'number' ? v : 0;
};

/** The metrics a plot can draw, in menu order. */
export const METRICS: readonly Metric[] = [
  { id: 'time.us', label: 'Simulated time', unit: 'µs', of: (c) => n(c, 'time.ns') / 1000 },
  { id: 'cost.us', label: 'Modelled CPU time', unit: 'µs', of: (c) => n(c, 'cost.ns') / 1000 },
  {
    // The whole run's time over its messages: with one vCPU and many pages the setup is amortised
    // and this approaches LAB.md's per-fault round trip (one thread writing 10,000 pages).
    id: 'us.per.userfault', label: 'Simulated time per userfault', unit: 'µs',
    of: (c) => (n(c, 'uffd.messages') ? n(c, 'time.ns') / 1000 / n(c, 'uffd.messages') : 0),
  },
  { id: 'tlb.shootdowns', label: 'TLB shootdowns received', unit: 'IPIs', of: (c) => n(c, 'tlb.shootdowns') },
  { id: 'ipis.sent', label: 'Flush IPIs sent', unit: 'IPIs', of: (c) => n(c, 'ipis.sent') },
  { id: 'bytes.copied', label: 'Bytes copied', unit: 'KiB', of: (c) => n(c, 'bytes.copied') / 1024 },
  { id: 'pages.moved', label: 'Pages moved without a copy', unit: 'pages', of: (c) => n(c, 'pages.moved') },
  { id: 'pages.peak', label: 'Peak memory in data pages', unit: 'KiB', of: (c) => n(c, 'pages.peak') * 4 },
  { id: 'faults.major', label: 'Major faults', unit: 'faults', of: (c) => n(c, 'faults.major') },
  { id: 'uffd.messages', label: 'userfaultfd messages', unit: 'messages', of: (c) => n(c, 'uffd.messages') },
  { id: 'vmas', label: 'VMAs', unit: 'VMAs', of: (c) => n(c, 'vmas') },
];

/** A metric by id. */
export const metric = (id: string): Metric | undefined => METRICS.find((m) => m.id === id);

/** A measurement on a real kernel that a scenario's runs can be compared with. */
export interface LabPoint {
  readonly scenario: string;
  readonly metric: string;
  /** The parameter values the measurement corresponds to (a subset; others do not matter). */
  readonly params: Readonly<Record<string, string | number>>;
  readonly value: number;
  /** A measured range, when LAB.md gives one. */
  readonly low?: number;
  readonly high?: number;
  readonly label: string;
  /** Where in LAB.md. */
  readonly source: string;
}

const UFFD = 'LAB.md, "userfaultfd, 10,000 single 4 KiB pages, MISSING mode" (handler on the other CPU)';
const UFFD_SAME = 'LAB.md, "userfaultfd, 10,000 single 4 KiB pages, MISSING mode" (handler on the same CPU)';

/** The LAB.md figures drawn as reference points. */
export const LAB_POINTS: readonly LabPoint[] = [
  { scenario: 'postcopy-userfaultfd', metric: 'us.per.userfault', params: { vcpus: 1, resolve: 'copy', handler_cpu: 0 }, value: 13.7, label: 'UFFDIO_COPY round trip, 13.7 µs', source: UFFD },
  { scenario: 'postcopy-userfaultfd', metric: 'us.per.userfault', params: { vcpus: 1, resolve: 'zeropage', handler_cpu: 0 }, value: 15.4, label: 'UFFDIO_ZEROPAGE round trip, 15.4 µs', source: UFFD },
  { scenario: 'postcopy-userfaultfd', metric: 'us.per.userfault', params: { vcpus: 1, resolve: 'copy', handler_cpu: 1 }, value: 8.5, label: 'UFFDIO_COPY round trip, handler on the same CPU, 8.5 µs', source: UFFD_SAME },
  {
    scenario: 'live-snapshot', metric: 'us.per.userfault', params: { method: 'uffd-wp' }, value: 16, low: 14, high: 18,
    label: 'uffd-wp round trip, 14–18 µs', source: 'LAB.md, "Write-protect faults and fork() snapshots"',
  },
];

/** The LAB points of a scenario whose parameters agree with `values` except for `free` (the swept one). */
export function labPointsFor(scenario: string, values: Readonly<Record<string, string | number>>, free: string | null): LabPoint[] {
  return LAB_POINTS.filter((p) => p.scenario === scenario && Object.entries(p.params).every(([k, v]) => k === free || String(values[k]) === String(v)));
}
