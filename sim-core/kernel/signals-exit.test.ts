// Bad accesses end in signals that kill the process; the last task out tears the mm down completely.
import { describe, expect, it } from 'vitest';
import { result, run, runEngine, scenario } from '../scenarios/testing';

describe('signals', () => {
  it('delivers SIGSEGV for an address no VMA covers, without counting a page fault', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'read', addr: '0x10000' }, { op: 'read', addr: '0x20000' }] }]));
    expect(result(r, 'm', 0).signal).toBe('SIGSEGV');
    expect(r.results).toHaveLength(1);
    expect(r.counters['faults.total']).toBe(0);
  });

  it('delivers SIGSEGV for a write to a read-only VMA and for any access to PROT_NONE', () => {
    const w = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'r' }, { op: 'write', addr: 'buf[0]' }] }]));
    expect(result(w, 'm', 1).signal).toBe('SIGSEGV');
    const n = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'none' }, { op: 'read', addr: 'buf[0]' }] }]));
    expect(result(n, 'm', 1).signal).toBe('SIGSEGV');
  });

  it('faults on a page made PROT_NONE after it was mapped, and the access_error check kills the task', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }, { op: 'mprotect', addr: 'buf[0]', pages: 1, prot: 'none' }, { op: 'read', addr: 'buf[0]' }] }]));
    expect(result(r, 'm', 3).signal).toBe('SIGSEGV');
    expect(r.violations).toEqual([]);
  });

  it('kills every thread of the process and frees all its memory', () => {
    const e = runEngine(scenario([
      { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 4, prot: 'rw' }, { op: 'write', addr: 'buf[0..3]' }, { op: 'write', addr: '0x10000', after: 'peer#0' }] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0]', after: 'm#1' }, { op: 'sleep' }] },
    ]));
    const w = e.state.world;
    expect(w.tasks.map((t) => t.status)).toEqual(['killed', 'killed']);
    expect(w.mms.size).toBe(0);
    expect(w.mem.folios.size).toBe(0);
    expect(w.tables.size).toBe(0);
    expect(e.state.violations).toEqual([]);
  });
});

describe('exit', () => {
  it('frees every page and page table when the last task exits, and keeps the mm for the others until then', () => {
    const e = runEngine(scenario([
      { name: 'a', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 600, prot: 'rw' }, { op: 'write', addr: 'buf[0..599]' }, { op: 'exit', after: 'b#0' }] },
      { name: 'b', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0..599]', after: 'a#1' }, { op: 'exit', after: 'a#2' }] },
    ]));
    const w = e.state.world;
    expect(w.counters.values['pages.freed']).toBe(w.counters.values['pages.allocated']);
    expect(w.mms.size).toBe(0);
    expect(w.cpus.every((c) => c.loadedMm === null)).toBe(true);
    expect(e.state.violations).toEqual([]);
  });

  it('leaves a forked child its pages when the parent exits first', () => {
    const r = run(scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0..1]', value: 'A' }, { op: 'fork', child: 'k' }, { op: 'exit' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'write', addr: 'buf[0]', value: 'K', after: 'p#3' }, { op: 'read', addr: 'buf[0..1]' }] },
    ]));
    expect(result(r, 'k', 1).ret).toBe('K,A');
    expect(r.counters['pages.copied']).toBe(0);
    expect(r.violations).toEqual([]);
  });
});
