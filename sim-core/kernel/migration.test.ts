// Page migration and move_pages(2), checked against mm/migrate.c behaviour (VERIFIED-4.md Q1–Q3).
import { describe, expect, it } from 'vitest';
import { Recording } from '../engine/recording';
import { builtin } from '../scenarios/library';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioOp } from '../scenarios/schema';

const two = (ops: ScenarioOp[], cpus = 1) => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 4, prot: 'rw' }, { op: 'write', addr: 'buf[0..3]', value: 'A' }, ...ops] }], { machine: { cpus, nodes: 2, framesPerNode: 128 } });

describe('move_pages', () => {
  it('moves a private page to the other node, keeping its contents, and reports the node', () => {
    const e = runEngine(two([{ op: 'move_pages', addr: 'buf[0]', pages: 2, node: 1 }, { op: 'read', addr: 'buf[0..1]' }]));
    const r = e.state.results;
    expect(r[2]).toMatchObject({ op: 'move_pages', ret: 0, status: [1, 1] });
    expect(r[3]?.ret).toBe('A');
    const nodes = [...e.state.world.mem.folios.values()].map((f) => f.node).sort();
    expect(nodes).toEqual([0, 0, 1, 1]);
    expect(e.state.violations).toEqual([]);
  });

  it('returns 0 and leaves the PFN alone for a page already on the target node (LAB.md)', () => {
    const e = runEngine(two([{ op: 'move_pages', addr: 'buf[0]', pages: 1, node: 0 }]));
    expect(e.state.results[2]).toMatchObject({ ret: 0, status: [0] });
    expect(e.state.world.counters.values['pages.migrated']).toBe(0);
  });

  it('reports EFAULT for the zero page and for no VMA, ENOENT for nothing mapped', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 3, prot: 'rw' }, { op: 'read', addr: 'buf[0]' },
      { op: 'move_pages', addr: 'buf[0]', pages: 2, node: 1 }, { op: 'move_pages', addr: '0x10000', pages: 1, node: 1 }] }], { machine: { cpus: 1, nodes: 2, framesPerNode: 64 } }));
    expect(result(r, 'm', 2)).toMatchObject({ ret: 0, status: ['EFAULT', 'ENOENT'] });
    expect(result(r, 'm', 3)).toMatchObject({ ret: 0, status: ['EFAULT'] });
  });

  it('reports EACCES for a page shared with a forked child (no MPOL_MF_MOVE_ALL)', () => {
    const r = run(scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }, { op: 'fork', child: 'k' }, { op: 'move_pages', addr: 'buf[0]', pages: 1, node: 1 }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] },
    ], { machine: { cpus: 2, nodes: 2, framesPerNode: 64 } }));
    expect(result(r, 'p', 3)).toMatchObject({ ret: 0, status: ['EACCES'] });
  });

  it('fails the whole call with ENODEV for a node that does not exist', () => {
    expect(run(two([{ op: 'move_pages', addr: 'buf[0]', pages: 1, node: 2 }])).results[2]?.errno).toBe('ENODEV');
  });

  it('tries a pinned page 10 times (3 async, 7 sync passes), then returns 1 with the batch status unwritten', () => {
    const rec = Recording.record(builtin('migration-pinned') ?? (() => { throw new Error('missing'); })());
    const attempts = [...Array(rec.length).keys()].filter((n) => rec.trace.meta(n).fn === 'mm/migrate.c: migrate_folio_undo_src').length;
    expect(attempts).toBe(10);
    expect(rec.summary.results.find((x) => x.index === 3)).toMatchObject({ ret: 1, status: [null, null] });
  });
});

describe('move_pages batches as do_pages_move does', () => {
  // Three pages of `buf`: a written page (pinned long-term in one variant), a hole, a written page.
  const mixed = (order: 'pin-hole-page' | 'page-hole-page') => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages: 3, prot: 'rw' }, { op: 'write', addr: 'buf[0]', value: 'A' }, { op: 'write', addr: 'buf[2]', value: 'C' },
    ...(order === 'pin-hole-page' ? [{ op: 'pin_user_pages', addr: 'buf[0]', pages: 1, longterm: true, as: 'p' } as ScenarioOp] : []),
    { op: 'move_pages', addr: 'buf[0]', pages: 3, node: 1 },
  ] }], { machine: { cpus: 1, nodes: 2, framesPerNode: 64 } });

  it('migrates what it queued before a page it cannot queue, then goes on', () => {
    const e = runEngine(mixed('page-hole-page'));
    expect(e.state.results[3]).toMatchObject({ op: 'move_pages', ret: 0, status: [1, 'ENOENT', 1] });
    expect(e.state.world.counters.values['pages.migrated']).toBe(2);
    expect(e.state.violations).toEqual([]);
  });

  it('stops at a batch that failed: returns the failures plus the pages never looked at, and leaves them alone', () => {
    const e = runEngine(mixed('pin-hole-page'));
    // Page 0 (pinned) fails in the batch flushed at the hole; page 2 is never looked at: 1 + 1.
    expect(e.state.results[4]).toMatchObject({ op: 'move_pages', ret: 2, status: [null, 'ENOENT', null] });
    expect(e.state.world.counters.values['pages.migrated']).toBe(0);
    expect(e.state.violations).toEqual([]);
  });

  it('fails with ENOMEM when the target node has no free frame, keeping the statuses stored before', () => {
    const r = run(scenario([
      { name: 'm', process: 'app', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 3, prot: 'rw' }, { op: 'write', addr: 'buf[0..2]', value: 'A' },
        { op: 'move_pages', addr: 'buf[0]', pages: 3, node: 1, after: 'hog#1' },
      ] },
      { name: 'hog', process: 'hog', cpu: 1, ops: [{ op: 'mmap', as: 'all', pages: 64, prot: 'rw' }, { op: 'write', addr: 'all[0..63]', value: 'H' }, { op: 'sleep' }] },
    ], { machine: { cpus: 2, nodes: 2, framesPerNode: 64 } }));
    expect(result(r, 'm', 2)).toMatchObject({ ret: null, errno: 'ENOMEM' });
    expect(r.counters['pages.migrated']).toBe(0);
    expect(r.violations).toEqual([]);
  });
});

describe('move_pages on a transparent huge page', () => {
  const thp = (ops: ScenarioOp[], nodes = 1) => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true, align: '2M' }, { op: 'write', addr: 'buf[0]', value: 'A' }, ...ops,
  ] }], { machine: { cpus: 1, nodes, framesPerNode: 2048 } });

  it('reports the node for a THP already there, as on LAB.md\'s one-node machine', () => {
    const r = run(thp([{ op: 'move_pages', addr: 'buf[0]', pages: 3, node: 0 }]));
    expect(result(r, 'm', 2)).toMatchObject({ ret: 0, status: [0, 0, 0] });
  });

  it('does not count the 512 PTEs of one process\'s split THP as sharing (no EACCES)', () => {
    const r = run(thp([{ op: 'mprotect', addr: 'buf[0]', pages: 1, prot: 'r' }, { op: 'move_pages', addr: 'buf[4]', pages: 1, node: 1 }], 2));
    expect(result(r, 'm', 3).status).not.toEqual(['EACCES']);
  });

  it('reports EACCES for a THP that a forked child maps too', () => {
    const r = run(scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true, align: '2M' }, { op: 'write', addr: 'buf[0]', value: 'A' },
        { op: 'fork', child: 'k' }, { op: 'move_pages', addr: 'buf[0]', pages: 1, node: 1 },
      ] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] },
    ], { machine: { cpus: 2, nodes: 2, framesPerNode: 2048 } }));
    expect(result(r, 'p', 3)).toMatchObject({ ret: 0, status: ['EACCES'] });
  });
});

describe('migration entries', () => {
  it('make a thread that touches the page sleep on the old folio lock, then see the new frame', () => {
    const rec = Recording.record(builtin('numa-migration-wait') ?? (() => { throw new Error('missing'); })());
    const waits = [...Array(rec.length).keys()].filter((n) => rec.trace.meta(n).to === 'migration_entry_wait');
    expect(waits).toHaveLength(1);
    const w = waits[0] as number;
    expect(rec.stateAt(w + 1).world.cpus[1]?.isLazy).toBe(true);
    expect(rec.summary.violations).toEqual([]);
  });

  it('batch the flushes of the async pass into one IPI round for the whole list', () => {
    const rec = Recording.record(builtin('numa-migration-wait') ?? (() => { throw new Error('missing'); })());
    const batches = [...Array(rec.length).keys()].filter((n) => rec.trace.meta(n).fn === 'arch/x86/mm/tlb.c: arch_tlbbatch_flush');
    expect(batches).toHaveLength(1);
  });
});
