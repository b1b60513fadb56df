// Which CPUs a flush reaches, and when: lazy TLB, freed_tables, PT_RECLAIM, the 33-page ceiling.
import { describe, expect, it } from 'vitest';
import type { ScenarioOp } from '../scenarios/schema';
import { run, scenario } from '../scenarios/testing';

// main and a peer of the same process touch `pages` pages; then main runs `op` with the peer asleep or running.
function twoThreads(pages: number, op: ScenarioOp, peer: 'sleeping' | 'running', extra: object = {}) {
  return scenario([
    { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages, prot: 'rw', align: '2M' }, { op: 'write', addr: `buf[0..${pages - 1}]` }, { ...op, after: peer === 'sleeping' ? 'peer#1' : 'peer#0' }] },
    { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: `buf[0..${pages - 1}]`, after: 'main#1' }, ...(peer === 'sleeping' ? [{ op: 'sleep' as const }] : [])] },
  ], extra);
}

describe('TLB flush targets', () => {
  it('reaches a lazy CPU when MADV_DONTNEED empties a whole PTE table (PT_RECLAIM, 6.14+)', () => {
    const r = run(twoThreads(1024, { op: 'madvise', addr: 'buf[0]', pages: 512, advice: 'dontneed' }, 'sleeping'));
    expect(r.counters['tlb.shootdowns']).toBe(1);
    expect(r.counters['pagetables.freed']).toBe(1);
  });

  it('skips the lazy CPU for the same MADV_DONTNEED on 6.13, which had no PT_RECLAIM', () => {
    const r = run(twoThreads(1024, { op: 'madvise', addr: 'buf[0]', pages: 512, advice: 'dontneed' }, 'sleeping', { kernel: '6.13' }));
    expect(r.counters['tlb.shootdowns']).toBe(0);
    expect(r.counters['pagetables.freed']).toBe(0);
  });

  it('IPIs a lazy CPU for every flush before 4.19, when lazy CPUs were not skipped', () => {
    const r = run(twoThreads(64, { op: 'mprotect', addr: 'buf[1]', pages: 8, prot: 'r' }, 'sleeping', { kernel: '4.14' }));
    expect(r.counters['tlb.shootdowns']).toBe(1);
  });

  it('flushes for mprotect back to read-write too: x86 pte_needs_flush flushes any change of RW', () => {
    const s = twoThreads(64, { op: 'mprotect', addr: 'buf[1]', pages: 8, prot: 'r' }, 'running');
    s.tasks[0]?.ops.push({ op: 'mprotect', addr: 'buf[1]', pages: 8, prot: 'rw' });
    const r = run(s);
    expect(r.counters['tlb.shootdowns']).toBe(2);
  });

  it('sends no IPI when mprotect changes no present PTE (untouched pages)', () => {
    const s = scenario([
      { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 64, prot: 'rw' }, { op: 'mprotect', addr: 'buf[1]', pages: 8, prot: 'r', after: 'peer#0' }] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[40]', after: 'main#0' }] },
    ]);
    expect(run(s).counters['tlb.shootdowns']).toBe(0);
  });

  it('uses INVLPG up to 33 pages and a full flush from 34 (tlb_single_page_flush_ceiling)', () => {
    const at = (n: number) => run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 40, prot: 'rw' }, { op: 'write', addr: 'buf[0..39]' }, { op: 'mprotect', addr: 'buf[0]', pages: n, prot: 'r' }] }]));
    const full = (n: number) => Number(at(n).counters['tlb.flushes.full']);
    expect(full(34) - full(33)).toBe(1);
  });

  it('never IPIs a CPU that runs another process', () => {
    const s = scenario([
      { name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 8, prot: 'rw' }, { op: 'write', addr: 'buf[0..7]' }, { op: 'munmap', addr: 'buf[2]', pages: 2, after: 'other#1' }] },
      { name: 'other', process: 'db', cpu: 1, ops: [{ op: 'mmap', as: 'o', pages: 8, prot: 'rw' }, { op: 'write', addr: 'o[0..7]' }] },
    ]);
    expect(run(s).counters['tlb.shootdowns']).toBe(0);
  });

  it('forces a flush mid-munmap when the mmu_gather batch fills (about 9,700 pages), so a running peer gets two IPIs', () => {
    const r = run(twoThreads(12_000, { op: 'munmap', addr: 'buf[0]', pages: 12_000 }, 'running', { machine: { cpus: 2, framesPerNode: 16_384 } }));
    expect(r.counters['tlb.shootdowns']).toBe(2);
    expect(r.violations).toEqual([]);
  });
});
