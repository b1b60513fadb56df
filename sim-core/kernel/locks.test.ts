// mmap_lock and VMA locks: a fault never installs a PTE into a VMA a concurrent munmap is removing.
import { describe, expect, it } from 'vitest';
import { Recording } from '../engine/recording';
import { parseScenario } from '../scenarios/parse';
import { result, run, scenario } from '../scenarios/testing';

const race = (kernel: string) => scenario([
  { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 64, prot: 'rw' }, { op: 'write', addr: 'buf[0..9]' }, { op: 'munmap', addr: 'buf', pages: 64, after: 'peer#0' }] },
  { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0]', after: 'main#1' }, { op: 'write', addr: 'buf[50]' }] },
], { kernel });

function middle(delayReads: number) {
  return scenario([
    { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 64, prot: 'rw' }, { op: 'write', addr: 'buf[0..9]' }, { op: 'munmap', addr: 'buf[10]', pages: 10, after: 'peer#0' }] },
    { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0]', after: 'main#1' }, { op: 'read', addr: 'buf[0]', repeat: delayReads }, { op: 'write', addr: 'buf[50]' }] },
  ]);
}

function statesReached(s: ReturnType<typeof middle>): { kind: string; to: string }[] {
  const rec = Recording.record(parseScenario(s));
  return [...Array(rec.length).keys()].map((n) => rec.trace.meta(n));
}

describe('locks between faults and munmap', () => {
  it('ends the race with SIGSEGV for the faulting thread and no leaked page or table', () => {
    const r = run(race('6.18'));
    expect(result(r, 'peer', 1).signal).toBe('SIGSEGV');
    expect(r.violations).toEqual([]);
    expect(r.counters['pages.freed']).toBe(r.counters['pages.allocated']);
    // Everything the run allocated is freed, plus the PGD the process had from the start.
    expect(r.counters['pagetables.freed']).toBe(Number(r.counters['pagetables.allocated']) + 1);
  });

  it('makes munmap wait for a fault already in progress on the same VMA (vma_start_write waits for readers)', () => {
    // Slide the fault's arrival until it is in progress when munmap asks for its lock.
    const delay = [...Array(120).keys()].map((i) => i + 1).find((r) => statesReached(middle(r)).some((x) => x.kind === 'munmap' && x.to === 'wait_mmap_lock'));
    expect(delay).toBeDefined();
    const r = run(middle(delay ?? 1));
    expect(r.violations).toEqual([]);
    expect(result(r, 'peer', (delay ?? 1) + 1).errno).toBeNull();
  });

  it('makes a fault that arrives during the splits wait, then proceed once munmap downgrades its lock', () => {
    const m = statesReached(middle(100));
    expect(m.some((x) => x.kind === 'fault' && x.to === 'wait_lock')).toBe(true);
    const r = run(middle(100));
    expect(result(r, 'peer', 101).errno).toBeNull();
    expect(r.violations).toEqual([]);
  });

  it('does not make a fault on another VMA wait (per-VMA locks, 6.4+), but does before 6.4', () => {
    const other = (kernel: string) => scenario([
      { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'a', pages: 64, prot: 'rw' }, { op: 'mmap', as: 'b', pages: 8, prot: 'r' }, { op: 'write', addr: 'a[0..9]' }, { op: 'munmap', addr: 'a[10]', pages: 10, after: 'peer#0' }] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'a[0]', after: 'main#2' }, { op: 'read', addr: 'a[0]', repeat: 100 }, { op: 'read', addr: 'b[3]' }] },
    ], { kernel });
    const waits = (k: string) => Recording.record(parseScenario(other(k)));
    const count = (k: string) => { const r = waits(k); return [...Array(r.length).keys()].filter((n) => r.trace.meta(n).to === 'wait_lock').length; };
    expect(count('6.18')).toBe(0);
    expect(count('6.1')).toBe(1);
  });
});
