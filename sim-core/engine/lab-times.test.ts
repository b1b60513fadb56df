// The userfaultfd, uffd-wp and THP times of LAB.md (Linux 6.18), run end to end through scenarios:
// the modelled figure lands within a factor of two of each measured one. Per-item figures are the
// difference between a run with more items and one with fewer, so fixed costs cancel out.
import { describe, expect, it } from 'vitest';
import { run, scenario } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';

type Counter = 'cost.ns' | 'time.ns';
const MACHINE = { machine: { cpus: 2, nodes: 1, framesPerNode: 512 * 24 } };

const within2x = (got: number, lab: number) => {
  expect(got).toBeGreaterThanOrEqual(lab / 2);
  expect(got).toBeLessThanOrEqual(lab * 2);
};

/** Modelled µs per item: (counter at `b` items − counter at `a` items) / (b − a). */
function perItem(make: (n: number) => ScenarioTask[], counter: Counter, a = 4, b = 12): number {
  const at = (n: number) => run(scenario(make(n), MACHINE)).counters[counter] as number;
  return (at(b) - at(a)) / (b - a) / 1000;
}

// LAB's userfaultfd table: a thread on CPU1 (or on the handler's CPU0) writes each missing page; the
// handler on CPU0 reads the message and resolves that page. A round trip is elapsed time per fault.
const postcopy = (resolve: 'copy' | 'move' | 'zeropage', vcpuCpu = 1) => (n: number): ScenarioTask[] => [
  { name: 'h', process: 'vm', cpu: 0, ops: [
    { op: 'mmap', as: 'guest', pages: 64, prot: 'rw' },
    { op: 'mmap', as: 'src', pages: 64, prot: 'rw' },
    { op: 'write', addr: 'src[0..63]', value: 'S' },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'guest', pages: 64, mode: ['missing'] },
    { op: 'uffd_serve', uffd: 'u', resolve, count: n, ...(resolve === 'move' ? { src: 'src' } : {}) },
  ] },
  { name: 'vcpu', process: 'vm', cpu: vcpuCpu, ops: [{ op: 'write', addr: `guest[0..${n - 1}]`, value: 'G', after: 'h#4' }] },
];

// One process on CPU0: `setup` ops, then the op measured with `n` pages.
const solo = (setup: ScenarioOp[], op: (n: number) => ScenarioOp) => (n: number): ScenarioTask[] =>
  [{ name: 'h', process: 'vm', cpu: 0, ops: [...setup, op(n)] }];

const REGION: ScenarioOp[] = [
  { op: 'mmap', as: 'guest', pages: 2048, prot: 'rw' },
  { op: 'mmap', as: 'src', pages: 2048, prot: 'rw' },
  { op: 'write', addr: 'src[0..2047]', value: 'S' },
  { op: 'userfaultfd', as: 'u' },
];
const MISSING: ScenarioOp[] = [...REGION, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'guest', pages: 2048, mode: ['missing'] }];
const WP: ScenarioOp[] = [...REGION, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'src', pages: 2048, mode: ['wp'] }];

describe('userfaultfd times against LAB.md', () => {
  it('takes about 13.7 µs per UFFDIO_COPY round trip with the handler on the other CPU', () => {
    within2x(perItem(postcopy('copy'), 'time.ns'), 13.7);
  });

  it('takes about 16.2 µs per UFFDIO_MOVE round trip, the source flush included', () => {
    within2x(perItem(postcopy('move'), 'time.ns'), 16.2);
  });

  it('takes about 15.4 µs per UFFDIO_ZEROPAGE round trip, the write fault on the zero page included', () => {
    within2x(perItem(postcopy('zeropage'), 'time.ns'), 15.4);
  });

  it('takes about 8.5 µs per UFFDIO_COPY round trip with the handler on the faulting CPU (no cross-CPU wake-ups)', () => {
    const same = perItem(postcopy('copy', 0), 'time.ns');
    within2x(same, 8.5);
    expect(same).toBeLessThan(perItem(postcopy('copy'), 'time.ns'));
  });

  it('takes about 8.0 µs per UFFDIO_MOVE round trip on one CPU, where the source flush needs no IPI', () => {
    within2x(perItem(postcopy('move', 0), 'time.ns'), 8.0);
    const r = run(scenario(postcopy('move', 0)(8), MACHINE));
    expect(r.counters['tlb.shootdowns']).toBe(0);
  });

  it('spends about 1.21 µs per page in one bulk UFFDIO_COPY', () => {
    within2x(perItem(solo(MISSING, (n) => ({ op: 'UFFDIO_COPY', uffd: 'u', dst: 'guest', pages: n })), 'cost.ns', 512, 1536), 1.21);
  });

  it('spends about 0.093 µs per page in one bulk UFFDIO_MOVE (one flush per PTE table)', () => {
    within2x(perItem(solo(MISSING, (n) => ({ op: 'UFFDIO_MOVE', uffd: 'u', dst: 'guest', src: 'src', pages: n })), 'cost.ns', 512, 1536), 0.093);
  });
});

describe('uffd-wp times against LAB.md', () => {
  it('write-protects about 0.1 µs per page', () => {
    within2x(perItem(solo(WP, (n) => ({ op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'src', pages: n, wp: true })), 'cost.ns', 512, 1536), 0.1);
  });

  it('takes 14–18 µs per write-protect fault round trip with the handler on the other CPU, about 7.7 µs on the same CPU', () => {
    const tasks = (n: number, cpu = 1): ScenarioTask[] => [
      { name: 'h', process: 'vm', cpu: 0, ops: [
        ...WP, { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'src', pages: 64, wp: true },
        { op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', count: n },
      ] },
      { name: 'w', process: 'vm', cpu, ops: [{ op: 'write', addr: `src[0..${n - 1}]`, value: 'W', after: `h#${WP.length}` }] },
    ];
    within2x(perItem(tasks, 'time.ns'), 16);
    within2x(perItem((n) => tasks(n, 0), 'time.ns'), 7.7);
  });
});

describe('THP times against LAB.md', () => {
  // A database process with `pages` written (THP or not), then, with `fork`, a fork and `after`.
  const db = (pages: number, thp: boolean, fork = true, after: ScenarioOp[] = []): ScenarioTask[] => [
    { name: 'p', process: 'db', cpu: 0, ops: [
      { op: 'mmap', as: 'b', pages, prot: 'rw', thp, align: '2M' },
      { op: 'write', addr: `b[0..${pages - 1}]`, value: 'D' },
      ...(fork ? [{ op: 'fork', child: 'k' } as const, ...after] : []),
    ] },
    ...(fork ? [{ name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] } as ScenarioTask] : []),
  ];
  // The fork alone: the run with it minus the run without it.
  const forkNs = (pages: number, thp: boolean) => {
    const cost = (fork: boolean) => run(scenario(db(pages, thp, fork), MACHINE)).counters['cost.ns'] as number;
    return cost(true) - cost(false);
  };

  it('forks about 2 µs per PMD-mapped THP (0.5 ms for 256 of them)', () => {
    within2x((forkNs(512 * 12, true) - forkNs(512 * 4, true)) / 8 / 1000, 500 / 256);
  });

  it('forks about 82 ns per PTE without THP (10.8 ms for 131,072)', () => {
    within2x((forkNs(4096, false) - forkNs(1024, false)) / 3072, 10.8e6 / 131_072);
  });

  it('takes about 14 µs for the first write into a THP after fork on 6.18 (split, copy 4 KiB)', () => {
    within2x(perItem((n) => db(512 * 16, true, true, [{ op: 'write', addr: 'b[0]', value: 'E', repeat: n, stride: 512 }]), 'cost.ns', 2, 6), 14);
  });
});
