// Every built-in scenario runs and meets its own expectations, deterministically.
import { describe, expect, it } from 'vitest';
import { checkExpect } from '../engine/expect';
import { runProgram } from '../engine/run';
import { builtins } from './library';

const all = [...builtins().values()];

describe('built-in scenarios', () => {
  it.each(all.map((p) => [p.scenario.id, p] as const))('%s meets its expect block with no invariant violation', (_id, p) => {
    const r = runProgram(p);
    expect(checkExpect(p, r)).toEqual([]);
    expect(r.violations).toEqual([]);
    expect(r.halted).toBeNull();
    expect(r.stalled).toEqual([]);
  });

  it('gives the same digest when a scenario runs twice', () => {
    for (const p of all) expect(runProgram(p).digest).toBe(runProgram(p).digest);
  });

  it('gives different digests to scenarios that end in different states', () => {
    const digests = new Set(all.map((p) => runProgram(p).digest));
    expect(digests.size).toBe(all.length);
  });

  it('includes every shared scenario id and the fundamentals the issue lists', () => {
    const ids = all.map((p) => p.scenario.id);
    for (const id of ['first-touch', 'fork-cow', 'munmap-running-peer', 'munmap-lazy-peer', 'munmap-frees-tables', 'mprotect-running-peer',
      'mprotect-sleeping-peer', 'dontneed-running-peer', 'dontneed-sleeping-peer', 'single-thread', 'vma-split-max-map-count', 'fork-pinned-page']) {
      expect(ids).toContain(id);
    }
  });
});
