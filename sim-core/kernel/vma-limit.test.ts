// vm.max_map_count at its default, as LAB.md measured on 6.18: mprotect splits until the process
// holds 65,530 VMAs, then every further split fails with ENOMEM.
import { describe, expect, it } from 'vitest';
import { run, scenario } from '../scenarios/testing';

describe('vm.max_map_count', () => {
  it('lets mprotect split a process up to 65,530 VMAs and refuses the next split with ENOMEM', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 70_000, prot: 'rw' },
      { op: 'mprotect', addr: 'buf[1]', pages: 1, prot: 'r', repeat: 32_800, stride: 2 },
    ] }], { machine: { cpus: 1, nodes: 1, framesPerNode: 4096 } }));
    const mp = r.results.filter((x) => x.op === 'mprotect');
    const firstFail = mp.findIndex((x) => x.errno !== null);
    // Each success adds two VMAs (the page and the rest after it): 1 + 2 × 32,764 = 65,529, and
    // the next call's first split (65,529 < 65,530) still succeeds before its second is refused.
    expect(firstFail).toBe(32_764);
    expect(mp.slice(firstFail).every((x) => x.errno === 'ENOMEM')).toBe(true);
    expect(r.counters.vmas).toBe(65_530);
    expect(r.violations).toEqual([]);
  }, 60_000);
});
