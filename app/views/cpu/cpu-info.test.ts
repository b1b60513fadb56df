import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { asidRows, cpuStatus, memberships, shootdownRoles, tlbCounts } from './cpu-info';
import { shootdowns } from './shootdown';

const FREES = 'munmap-frees-tables';

describe('cpu card facts', () => {
  it('says a blocked task leaves its CPU idle in lazy TLB mode with the mm borrowed', () => {
    const f = frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    const [cpu0, cpu1] = f.cpus;
    if (!cpu0 || !cpu1) throw new Error('two cpus expected');
    expect(cpuStatus(cpu0)).toEqual({ label: 'runs main (mm app)', cls: 'running' });
    expect(cpuStatus(cpu1)).toEqual({ label: 'idle, lazy TLB: borrows mm app', cls: 'lazy' });
  });

  it('compares each ASID slot with the tlb_gen of its mm after the flush bumped it', () => {
    const f = frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    const cpu1 = f.cpus[1];
    if (!cpu1) throw new Error('no cpu1');
    expect(asidRows(cpu1, f.mms)).toEqual([{ slot: 1, process: 'app', tlbGen: 0, mmGen: 1, loaded: true }]);
    expect(memberships(cpu1, f.mms)).toEqual([{ process: 'app', id: 1, loaded: true }]);
    expect(tlbCounts(cpu1).n).toBe(64);
  });

  it('keeps the mm_cpumask bit of a CPU that switched to init_mm, marked not loaded', () => {
    const f = frameWhere(FREES, { kind: 'flush_tlb_func', to: 'done' });
    const cpu1 = f.cpus[1];
    if (!cpu1) throw new Error('no cpu1');
    expect(cpuStatus(cpu1).cls).toBe('idle');
    expect(memberships(cpu1, f.mms)).toEqual([{ process: 'app', id: 1, loaded: false }]);
  });

  it('tells each CPU its part in a shootdown', () => {
    const f = frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'local_flush' });
    const sds = shootdowns(f);
    expect(shootdownRoles(0, sds)[0]).toMatch(/^initiates flush_tlb_mm_range #\d+: wait_acks \(acks 0 of 1\)$/);
    expect(shootdownRoles(1, sds)).toEqual(['flush IPI from CPU0 in flight']);
    const lazy = frameWhere('munmap-lazy-peer', { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    expect(shootdownRoles(1, shootdowns(lazy))[0]).toContain('skipped by flush_tlb_mm_range');
  });
});
