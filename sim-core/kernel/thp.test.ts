// Transparent huge pages (VERIFIED-4.md Q6): PMD-mapped 2 MiB folios, fork, COW by era, splits.
import { describe, expect, it } from 'vitest';
import { builtin } from '../scenarios/library';
import { parseScenario } from '../scenarios/parse';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import { runProgram } from '../engine/run';
import type { ScenarioOp } from '../scenarios/schema';

const thp = (ops: ScenarioOp[], kernel = '6.18') => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1024, prot: 'rw', thp: true }, ...ops] }], { kernel, machine: { cpus: 1, framesPerNode: 4096 } });

describe('THP', () => {
  it('maps a 2 MiB folio with one write fault and one PMD, depositing a PTE table', () => {
    const e = runEngine(thp([{ op: 'write', addr: 'buf[0..511]', value: 'A' }, { op: 'read', addr: 'buf[511]' }]));
    const w = e.state.world;
    expect(w.counters.values['faults.total']).toBe(1);
    expect(w.counters.values['pages.allocated']).toBe(512);
    expect([...w.mem.folios.values()].map((f) => f.order)).toEqual([9]);
    expect([...w.mms.values()][0]?.deposits.size).toBe(1);
    expect(e.state.results[2]?.ret).toBe('A');
  });

  it('needs no THP without MADV_HUGEPAGE in madvise mode', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 512, prot: 'rw' }, { op: 'write', addr: 'buf[0..511]' }] }]));
    expect(r.counters['faults.total']).toBe(512);
  });

  it('maps the huge zero folio on a read, and a real THP replaces it on the first write (6.13+)', () => {
    const r = run(thp([{ op: 'read', addr: 'buf[3]' }, { op: 'write', addr: 'buf[3]', value: 'Z' }, { op: 'read', addr: 'buf[2..3]' }]));
    expect(result(r, 'm', 1).ret).toBe('0');
    expect(result(r, 'm', 3).ret).toBe('0,Z');
    expect(r.counters['pages.allocated']).toBe(1024);
    expect(r.violations).toEqual([]);
  });

  it('copies 4 KiB on the first write after fork on 6.18, and the whole 2 MiB on 5.7', () => {
    const p = builtin('thp-cow-after-fork');
    if (!p) throw new Error('missing');
    expect(runProgram(p).counters['pages.copied']).toBe(1);
    const old = parseScenario({ ...p.scenario, kernel: '5.7', expect: undefined });
    const r = runProgram(old);
    expect(r.counters['pages.copied']).toBe(512);
    expect(r.results.find((x) => x.task === 'snap' && x.index === 1)?.ret).toBe('A');
    expect(r.violations).toEqual([]);
  });

  it('reuses the pages of a split THP once the forked child is gone on 6.15+, and copies each on 6.14', () => {
    // The parent's first write splits the shared PMD and copies 4 KiB; the child then exits, so the
    // other 511 pages are mapped by the parent alone with no extra reference.
    const cow = (kernel: string) => run(scenario([
      { name: 'p', process: 'db', cpu: 0, ops: [
        { op: 'mmap', as: 'b', pages: 512, prot: 'rw', thp: true, align: '2M' }, { op: 'write', addr: 'b[0]', value: 'D' },
        { op: 'fork', child: 'k' }, { op: 'write', addr: 'b[1]', value: 'E' },
        { op: 'write', addr: 'b[2]', value: 'F', after: 'k#0' }, { op: 'write', addr: 'b[3]', value: 'G' }, { op: 'read', addr: 'b[1..3]' },
      ] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'exit', after: 'p#3' }] },
    ], { kernel, machine: { cpus: 2, nodes: 1, framesPerNode: 4096 } }));
    const now = cow('6.18');
    expect(now.counters['pages.copied']).toBe(1);
    expect(result(now, 'p', 6).ret).toBe('E,F,G');
    expect(now.violations).toEqual([]);
    expect(cow('6.14').counters['pages.copied']).toBe(3);
  });

  it('flushes a split at once (pmdp_invalidate): one page out of a THP costs a running peer 2 IPIs, a lazy one 1 from 6.15', () => {
    // Main writes the THP, the peer reads it on CPU1 (then spins or sleeps), main changes one page.
    const ipis = (op: ScenarioOp, sleeping: boolean, kernel = '6.18') => run(scenario([
      { name: 'main', process: 'app', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true, align: '2M' }, { op: 'write', addr: 'buf[0..511]', value: 'A' }, { ...op, after: 'peer#0' },
      ] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0..511]', after: 'main#1' }, ...(sleeping ? [{ op: 'sleep' } as ScenarioOp] : [])] },
    ], { kernel, machine: { cpus: 2, nodes: 1, framesPerNode: 4096 } })).counters['tlb.shootdowns'];
    const ops: ScenarioOp[] = [
      { op: 'munmap', addr: 'buf[100]', pages: 1 },
      { op: 'madvise', addr: 'buf[100]', pages: 1, advice: 'dontneed' },
      { op: 'mprotect', addr: 'buf[100]', pages: 1, prot: 'r' },
    ];
    for (const op of ops) {
      expect(ipis(op, false)).toBe(2); // the split's flush, then the gather's
      expect(ipis(op, true)).toBe(1); // flush_tlb_range sets freed_tables; the gather's flush skips the lazy CPU
      expect(ipis(op, true, '6.14')).toBe(0);
    }
  });

  it('splits a THP that munmap covers only partly, and frees all of it once fully unmapped', () => {
    const r = run(thp([{ op: 'write', addr: 'buf[0..511]' }, { op: 'munmap', addr: 'buf[100]', pages: 10 }, { op: 'read', addr: 'buf[99]' }, { op: 'munmap', addr: 'buf', pages: 1024 }]));
    expect(r.counters['pages.freed']).toBe(512);
    expect(r.violations).toEqual([]);
  });

  it('splits the PMD of a THP a new VMA boundary falls inside (vma_adjust_trans_huge), so fork copies it once', () => {
    const ops = (advice: ScenarioOp): ScenarioOp[] => [{ op: 'write', addr: 'buf[0..511]', value: 'A' }, advice, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[80]', value: 'B' }, { op: 'read', addr: 'buf[80]' }];
    for (const advice of [
      { op: 'madvise', addr: 'buf[47]', pages: 26, advice: 'nohugepage' },
      { op: 'madvise', addr: 'buf[47]', pages: 26, advice: 'dontfork' },
      { op: 'mprotect', addr: 'buf[47]', pages: 26, prot: 'r' },
    ] as ScenarioOp[]) {
      const s = scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1024, prot: 'rw', thp: true }, ...ops(advice)] }, { name: 'k', process: 'kid', cpu: 1, forkedBy: 'm', ops: [{ op: 'read', addr: 'buf[61]', after: 'm#5' }] }], { machine: { cpus: 2, framesPerNode: 4096 } });
      const e = runEngine(s);
      expect(e.state.violations).toEqual([]);
      const w = e.state.world;
      const huge = [...w.tables.values()].flatMap((t) => t.entries).filter((x) => x.kind === 'huge');
      expect(huge).toHaveLength(0);
      const r = run(s);
      expect(result(r, 'm', 5).ret).toBe('B');
      if (advice.op !== 'madvise' || advice.advice !== 'dontfork') expect(result(r, 'k', 0).ret).toBe('A');
    }
  });

  it('splits a THP across a UFFDIO_REGISTER boundary', () => {
    const e = runEngine(thp([{ op: 'write', addr: 'buf[0..511]' }, { op: 'userfaultfd', as: 'u' }, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf[100]', pages: 10, mode: ['missing'] }, { op: 'read', addr: 'buf[105]' }]));
    expect(e.state.violations).toEqual([]);
    expect([...e.state.world.tables.values()].flatMap((t) => t.entries).filter((x) => x.kind === 'huge')).toHaveLength(0);
  });

  it('changes a whole THP with one PMD in mprotect, and splits a partly covered one', () => {
    const whole = run(thp([{ op: 'write', addr: 'buf[0..511]' }, { op: 'mprotect', addr: 'buf[0]', pages: 512, prot: 'r' }, { op: 'read', addr: 'buf[5]' }]));
    expect(whole.violations).toEqual([]);
    const part = run(thp([{ op: 'write', addr: 'buf[0..511]' }, { op: 'mprotect', addr: 'buf[0]', pages: 8, prot: 'r' }, { op: 'write', addr: 'buf[4]' }]));
    expect(result(part, 'm', 3).signal).toBe('SIGSEGV');
    expect(part.violations).toEqual([]);
  });
});
