// uffd-wp: UFFDIO_WRITEPROTECT, write-protect faults (flags WRITE|WP = 0x3, LAB.md), un-protecting
// wakes the writer, the flushes an RW change needs, fork dropping the bit, and live snapshots.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { result, run, scenario } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';
import type { UffdMsg } from '../model/uffd';

// `db` (4 pages, written) registered for WP by the snapshot thread `snap`; `copy` is its snapshot buffer.
const SNAP: ScenarioOp[] = [
  { op: 'mmap', as: 'db', pages: 4, prot: 'rw' },
  { op: 'mmap', as: 'copy', pages: 4, prot: 'rw' },
  { op: 'write', addr: 'db[0..3]', value: 'v1' },
  { op: 'userfaultfd', as: 'u' },
  { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'db', pages: 4, mode: ['wp'] },
  { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: true },
];
const writer = (ops: ScenarioOp[]): ScenarioTask => ({ name: 'w', process: 'db', cpu: 1, ops });
const snapshot = (serve: ScenarioOp[], w: ScenarioOp[], kernel = '6.18') =>
  scenario([{ name: 'snap', process: 'db', cpu: 0, ops: [...SNAP, ...serve] }, writer(w)], { kernel });

function messages(s: ReturnType<typeof scenario>): UffdMsg[] {
  const e = createEngine(parseScenario(s));
  const seen = new Map<number, UffdMsg>();
  do for (const u of e.state.world.uffds.values()) for (const m of [...u.pending, ...u.read]) seen.set(m.id, m);
  while (e.step(false));
  return [...seen.values()];
}

describe('uffd-wp', () => {
  it('turns a write to a protected page into a message with flags WRITE|WP (0x3)', () => {
    const msgs = messages(snapshot([{ op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', count: 1 }], [{ op: 'write', addr: 'db[1]', value: 'v2', after: 'snap#5' }]));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.flags).toBe(0x3);
  });

  it('lets a read of a protected page through without a fault', () => {
    const r = run(snapshot([], [{ op: 'read', addr: 'db[1]', after: 'snap#5' }]));
    expect(result(r, 'w', 0).ret).toBe('v1');
    expect(r.counters['uffd.messages']).toBe(0);
  });

  it('wakes the writer when the handler un-protects, and the retried fault is major', () => {
    const r = run(snapshot([{ op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', count: 1 }], [{ op: 'write', addr: 'db[1]', value: 'v2', after: 'snap#5' }, { op: 'read', addr: 'db[1]' }]));
    expect(result(r, 'w', 1).ret).toBe('v2');
    expect(r.counters['faults.major']).toBe(1);
    expect(result(r, 'snap', 6)).toMatchObject({ ret: 1 });
  });

  it('saves the old contents into the snapshot buffer before un-protecting', () => {
    const r = run(snapshot([{ op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', src: 'copy', count: 1 }, { op: 'read', addr: 'copy[2]' }], [{ op: 'write', addr: 'db[2]', value: 'v2', after: 'snap#5' }]));
    expect(result(r, 'snap', 7).ret).toBe('v1');
  });

  it('saves into a snapshot buffer mapped by a THP, whose PMD already allows the write', () => {
    const ops: ScenarioOp[] = [
      { op: 'mmap', as: 'db', pages: 4, prot: 'rw' }, { op: 'mmap', as: 'copy', pages: 512, prot: 'rw', thp: true },
      { op: 'write', addr: 'db[0..3]', value: 'v1' }, { op: 'write', addr: 'copy[0]', value: 'c' },
      { op: 'userfaultfd', as: 'u' }, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'db', pages: 4, mode: ['wp'] },
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: true },
      { op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', src: 'copy', count: 1 }, { op: 'read', addr: 'copy[2]' },
    ];
    const r = run(scenario([{ name: 'snap', process: 'db', cpu: 0, ops }, writer([{ op: 'write', addr: 'db[2]', value: 'v2', after: 'snap#6' }])], { machine: { cpus: 2, framesPerNode: 2048 } }));
    expect(r.halted).toBeNull();
    expect(result(r, 'snap', 8).ret).toBe('v1');
  });

  it('refuses UFFDIO_WRITEPROTECT on a VMA not registered for WP with ENOENT', () => {
    const r = run(snapshot([{ op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'copy', pages: 1, wp: true }], []));
    expect(result(r, 'snap', 6)).toMatchObject({ errno: 'ENOENT' });
  });

  it('flushes a running peer once when protecting (RW→RO) and once when un-protecting (RO→RW)', () => {
    const peer: ScenarioTask = { name: 'p', process: 'db', cpu: 1, ops: [{ op: 'read', addr: 'copy[3]', after: 'snap#1' }] };
    const s = (extra: ScenarioOp[]) => scenario([{ name: 'snap', process: 'db', cpu: 0, ops: [...SNAP, ...extra] }, peer]);
    expect(run(s([])).counters['tlb.shootdowns']).toBe(1);
    expect(run(s([{ op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: false }])).counters['tlb.shootdowns']).toBe(2);
  });

  it('drops the registration and the uffd-wp bits in a forked child (no UFFD_FEATURE_EVENT_FORK)', () => {
    const kid: ScenarioTask = { name: 'kid', process: 'kid', cpu: 1, forkedBy: 'snap', ops: [{ op: 'write', addr: 'db[0]', value: 'k' }, { op: 'read', addr: 'db[0]' }] };
    const r = run(scenario([{ name: 'snap', process: 'db', cpu: 0, ops: [...SNAP, { op: 'fork', child: 'kid' }] }, kid]));
    expect(r.counters['uffd.messages']).toBe(0);
    expect(result(r, 'kid', 1).ret).toBe('k');
  });

  it('is not available before 5.7', () => {
    const r = run(snapshot([], [], '5.6'));
    expect(result(r, 'snap', 4)).toMatchObject({ errno: 'EINVAL' });
  });
});
