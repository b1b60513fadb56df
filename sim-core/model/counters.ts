// The run's counters. Names are the CLI/JSON contract of DESIGN.md ("Counter names").

/** Scalar counters, accumulated over the run. */
export const COUNTER_NAMES = [
  'faults.total', 'faults.minor', 'faults.major',
  'tlb.shootdowns', 'tlb.flushes.local', 'tlb.flushes.full', 'tlb.hits', 'tlb.misses', 'pagewalks', 'ipis.sent',
  'pages.allocated', 'pages.freed', 'pages.inuse', 'pages.peak', 'pages.copied', 'bytes.copied', 'pages.moved',
  'pagetables.allocated', 'pagetables.freed',
  'pages.migrated', 'swap.out', 'swap.in', 'uffd.messages', 'pins', 'cost.ns',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** What each counter means, for the CLI's --help, the docs and the UI's tooltips. */
export const COUNTER_HELP: Record<CounterName | 'vmas' | 'tlb.shootdowns.byCpu' | 'time.ns', string> = {
  'faults.total': 'page faults accounted by mm_account_fault (vmstat pgfault): completed faults, including failed ones; SIGSEGV from a missing VMA never reaches it',
  'faults.minor': 'faults counted in min_flt',
  'faults.major': 'faults counted in maj_flt: I/O was done, or the fault was retried (VM_FAULT_RETRY, every userfaultfd-resolved fault)',
  'tlb.shootdowns': 'flush IPIs received by CPUs other than the initiator (the "TLB shootdowns" row of /proc/interrupts)',
  'tlb.shootdowns.byCpu': 'tlb.shootdowns per receiving CPU',
  'tlb.flushes.local': 'flush_tlb_func runs on the initiating CPU (its own TLB, ranged or full)',
  'tlb.flushes.full': 'full flushes of an ASID on any CPU (ranges over the 33-page ceiling, stale generations, switch_mm catch-up)',
  'tlb.hits': 'accesses translated by the TLB',
  'tlb.misses': 'accesses that had to walk the page table',
  'pagewalks': 'hardware page-table walks after a TLB miss',
  'ipis.sent': 'flush IPIs sent (one per target CPU per flush)',
  'pages.allocated': 'data pages allocated for folios (page-table pages are counted apart)',
  'pages.freed': 'data pages returned to the buddy allocator',
  'pages.inuse': 'data pages allocated and not yet freed (the memory the run uses now)',
  'pages.peak': 'the highest pages.inuse reached during the run',
  'pages.moved': 'pages re-mapped at a new address by UFFDIO_MOVE without copying (the frame is kept)',
  'pages.copied': 'pages copied: copy-on-write, migration, UFFDIO_COPY, fork of a pinned page',
  'bytes.copied': 'bytes copied by those copies',
  'pagetables.allocated': 'page-table pages allocated during the run (PGDs of new mms, PUD, PMD and PTE tables)',
  'pagetables.freed': 'page-table pages freed',
  'pages.migrated': 'pages moved to a new frame by migration (vmstat pgmigrate_success)',
  'swap.out': 'pages written to swap by reclaim',
  'swap.in': 'pages read back from swap',
  'uffd.messages': 'userfaultfd messages queued',
  'pins': 'FOLL_PIN pins currently held (pages)',
  'cost.ns': 'modelled CPU time of every step (spinning waits included), in ns',
  'vmas': 'VMAs currently mapped, all processes',
  'time.ns': 'simulated elapsed time: the furthest CPU clock (steps on different CPUs overlap), in ns',
};

/** Counter values, mutable; only the engine writes. */
export interface Counters {
  values: Record<CounterName, number>;
  shootdownsByCpu: number[];
}

/** Zeroed counters for a machine with `cpus` CPUs. */
export function newCounters(cpus: number): Counters {
  const values = {} as Record<CounterName, number>;
  for (const n of COUNTER_NAMES) values[n] = 0;
  return { values, shootdownsByCpu: new Array<number>(cpus).fill(0) };
}

/** Copies counters for a checkpoint. */
export function cloneCounters(c: Counters): Counters {
  return { values: { ...c.values }, shootdownsByCpu: c.shootdownsByCpu.slice() };
}
