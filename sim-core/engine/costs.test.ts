// The cost model lands within a factor of two of every time LAB.md measured on Linux 6.18.
import { describe, expect, it } from 'vitest';
import { Recording } from './recording';
import { parseScenario } from '../scenarios/parse';
import { scenario } from '../scenarios/testing';
import type { ScenarioTask } from '../scenarios/schema';

// Modelled CPU time of one run of the task's op `index` (from its first step to its result).
function costOf(tasks: ScenarioTask[], task: string, index: number, extra = {}): number {
  const rec = Recording.record(parseScenario(scenario(tasks, extra)));
  const done = rec.summary.results.find((r) => r.task === task && r.index === index);
  const prev = rec.summary.results.filter((r) => r.task === task && r.index === index - 1)[0];
  if (!done || !prev) throw new Error('missing results');
  let ns = 0;
  for (let s = prev.step + 1; s <= done.step; s++) ns += rec.trace.meta(s).cost;
  return ns;
}

const within2x = (got: number, lab: number) => {
  expect(got).toBeGreaterThanOrEqual(lab / 2);
  expect(got).toBeLessThanOrEqual(lab * 2);
};

const oneTask = (ops: object[]): ScenarioTask[] => [{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 64, prot: 'rw' }, ...ops] as never }];

describe('cost model against LAB.md', () => {
  it('prices a first-touch write fault near 2.1 µs', () => {
    within2x(costOf(oneTask([{ op: 'write', addr: 'buf[0]' }, { op: 'write', addr: 'buf[1]' }]), 'm', 2), 2100);
  });

  it('prices a zero-page read fault near 0.9 µs', () => {
    within2x(costOf(oneTask([{ op: 'read', addr: 'buf[0]' }, { op: 'read', addr: 'buf[1]' }]), 'm', 2), 900);
  });

  it('prices an access that hits the TLB at about 20 ns', () => {
    within2x(costOf(oneTask([{ op: 'write', addr: 'buf[0]' }, { op: 'read', addr: 'buf[0]' }]), 'm', 2), 20);
  });

  it('prices the first write after fork (a 4 KiB copy) within 3.4–4.6 µs, times two', () => {
    const tasks: ScenarioTask[] = [
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0..1]' }, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[0]' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] },
    ];
    const c = costOf(tasks, 'p', 3);
    expect(c).toBeGreaterThanOrEqual(3400 / 2);
    expect(c).toBeLessThanOrEqual(4600 * 2);
  });

  it('makes one synchronous flush IPI cost about 4 µs end to end for the initiator', () => {
    const base: ScenarioTask[] = [
      { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 8, prot: 'rw' }, { op: 'write', addr: 'buf[0..7]' }, { op: 'munmap', addr: 'buf[1]', pages: 1, after: 'peer#0' }] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0..7]', after: 'm#1' }] },
    ];
    const withPeer = costOf(base, 'm', 2);
    const alone = costOf([{ ...base[0], ops: base[0]?.ops.map((o) => ({ ...o, after: undefined })) } as ScenarioTask], 'm', 2);
    within2x(withPeer - alone, 4000);
  });

  it('prices fork copying PTEs at about 82 ns each (10.8 ms for 131,072)', () => {
    const tasks: ScenarioTask[] = [
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 4096, prot: 'rw' }, { op: 'write', addr: 'buf[0..4095]' }, { op: 'fork', child: 'k' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] },
    ];
    const perPte = (costOf(tasks, 'p', 2, { machine: { cpus: 2, framesPerNode: 8192 } }) - 30000) / 4096;
    within2x(perPte, 10.8e6 / 131072);
  });
});
