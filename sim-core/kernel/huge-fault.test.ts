// THP write faults of two threads on one shared PMD (mm/huge_memory.c do_huge_pmd_wp_page,
// __split_huge_pmd): the loser of the race sees the PMD changed under the PMD lock and backs off.
import { describe, expect, it } from 'vitest';
import { result, run, scenario } from '../scenarios/testing';

// Two threads of `A` write to one THP that a fork made read-only and shared, at the same moment.
const twoWriters = (kernel: string) => scenario([
  { name: 'm', process: 'A', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0]', value: 'A' }, { op: 'fork', child: 'k' }] },
  { name: 'q', process: 'A', cpu: 1, ops: [{ op: 'write', addr: 'buf[1]', value: 'Q', after: 'm#2' }] },
  { name: 'r', process: 'A', cpu: 2, ops: [{ op: 'write', addr: 'buf[2]', value: 'R', after: 'm#2' }, { op: 'read', addr: 'buf[0..2]', after: 'q#0' }] },
  { name: 'k', process: 'K', cpu: 3, forkedBy: 'm', ops: [{ op: 'read', addr: 'buf[0..2]', after: 'r#1' }] },
], { kernel, machine: { cpus: 4, framesPerNode: 4096 } });

describe('two threads write to one shared THP at once', () => {
  it('falls back to the PTE level when another thread split the PMD first (5.8+ __split_huge_pmd)', () => {
    const r = run(twoWriters('6.1'));
    expect(result(r, 'r', 1).ret).toBe('A,Q,R');
    expect(result(r, 'k', 0).ret).toBe('A,0,0');
    expect(r.violations).toEqual([]);
  });

  it('drops its copy and retries when another thread replaced the THP first (before 5.8, pmd_same fails)', () => {
    const r = run(twoWriters('4.14'));
    expect(result(r, 'r', 1).ret).toBe('A,Q,R');
    expect(result(r, 'k', 0).ret).toBe('A,0,0');
    expect(r.counters['pages.copied']).toBe(512);
    expect(r.violations).toEqual([]);
  });

  it('does not map a fresh THP over a PMD that another thread is replacing (the replacer holds the PMD lock)', () => {
    // m's copy clears the old PMD and flushes; q's write finds the PMD none in that window.
    const r = run(scenario([
      { name: 'm', process: 'A', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0]', value: 'A' }, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[1]', value: 'M' }, { op: 'read', addr: 'buf[0..2]', after: 'q#0' }] },
      { name: 'q', process: 'A', cpu: 1, ops: [{ op: 'write', addr: 'buf[2]', value: 'Q', after: 'm#2' }] },
      { name: 'k', process: 'K', cpu: 2, forkedBy: 'm', ops: [{ op: 'sleep' }] },
    ], { kernel: '4.14', machine: { cpus: 3, framesPerNode: 4096 } }));
    expect(result(r, 'm', 4).ret).toBe('A,M,Q');
    expect(r.counters['pages.allocated']).toBe(1024);
    expect(r.violations).toEqual([]);
  });
});
