// The `stalled` report: tasks a run leaves waiting forever, for an `after` or in handle_userfault.
import { describe, expect, it } from 'vitest';
import { hex } from '../model/layout';
import { run, runEngine, scenario } from '../scenarios/testing';
import type { Scenario } from '../scenarios/schema';

// A vCPU writes two registered pages; the handler serves `count` faults by copying, or by moving
// pages out of an empty staging region (UFFDIO_MOVE from a hole: ENOENT, the fault stays asleep).
const postcopy = (count: number, resolve: 'copy' | 'move' = 'copy'): Scenario => scenario([
  { name: 'h', process: 'vm', cpu: 0, ops: [
    { op: 'mmap', as: 'guest', pages: 4, prot: 'rw' },
    { op: 'mmap', as: 'staging', pages: 4, prot: 'rw' },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'guest', pages: 4, mode: ['missing'] },
    ...(count ? [{ op: 'uffd_serve' as const, uffd: 'u', resolve, count, ...(resolve === 'move' ? { src: 'staging' } : {}) }] : []),
  ] },
  { name: 'vcpu', process: 'vm', cpu: 1, ops: [{ op: 'write', addr: 'guest[0..1]', value: 'G', after: 'h#3' }] },
]);
const guest = (s: Scenario, page: number): string => hex((runEngine(s).state.world.regions.get('guest')?.addr ?? 0) + page * 4096);

describe('stalled tasks', () => {
  it('lists a task still waiting for an `after` by its name', () => {
    const r = run(scenario([
      { name: 'a', process: 'app', cpu: 0, ops: [{ op: 'sleep' }, { op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }] },
      { name: 'b', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf', after: 'a#1' }] },
    ]));
    expect(r.stalled).toEqual(['b']);
  });

  it('lists a fault asleep in handle_userfault that no handler read, with its address and uffd', () => {
    const s = postcopy(1);
    expect(run(s).stalled).toEqual([`vcpu: asleep in handle_userfault at ${guest(s, 1)}, waiting for its userfaultfd message to be resolved (uffd 3: queued, never read)`]);
  });

  it('says when a handler read the message but never resolved the page', () => {
    const s = postcopy(1, 'move');
    expect(run(s).stalled).toEqual([`vcpu: asleep in handle_userfault at ${guest(s, 0)}, waiting for its userfaultfd message to be resolved (uffd 3: read by a handler, never resolved)`]);
  });

  it('lists nothing when every fault was resolved', () => {
    expect(run(postcopy(2)).stalled).toEqual([]);
  });
});
