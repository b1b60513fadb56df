// Time travel is exact: any step restored from a checkpoint equals the same step of a straight run.
import { describe, expect, it } from 'vitest';
import { builtin } from '../scenarios/library';
import { parseScenario } from '../scenarios/parse';
import { scenario } from '../scenarios/testing';
import { digestWorld } from './digest';
import { Recording } from './recording';
import { createEngine } from './setup';

function straightDigests(id: string, at: readonly number[]): Map<number, string> {
  const p = builtin(id);
  if (!p) throw new Error(id);
  const e = createEngine(p);
  const out = new Map<number, string>();
  const want = new Set(at);
  if (want.has(0)) out.set(0, digestWorld(e.state.world));
  while (e.step(false)) if (want.has(e.state.step)) out.set(e.state.step, digestWorld(e.state.world));
  return out;
}

describe('Recording', () => {
  it('restores any step of a run exactly (same digest as running straight to it)', () => {
    const p = builtin('munmap-frees-tables');
    if (!p) throw new Error('missing');
    const rec = Recording.record(p);
    const steps = [0, 1, 17, 999, 1000, 1001, 5000, rec.length - 1, rec.length];
    const want = straightDigests('munmap-frees-tables', steps);
    for (const n of steps) expect(digestWorld(rec.stateAt(n).world)).toBe(want.get(n));
    expect(rec.checkpointCount).toBeGreaterThan(1);
  });

  it('re-derives the narration of a step identically in either direction', () => {
    const p = builtin('fork-cow');
    if (!p) throw new Error('missing');
    const rec = Recording.record(p);
    const forward = [10, 20, 30].map((n) => rec.stepAt(n).record.say);
    const backward = [30, 20, 10].map((n) => rec.stepAt(n).record.say).reverse();
    expect(backward).toEqual(forward);
    expect(rec.trace.meta(20).fn).toBe(`${rec.stepAt(20).record.fn.file}: ${rec.stepAt(20).record.fn.name}`);
  });

  it('marks faults, IPIs and choice points in the compact trace', () => {
    const p = builtin('munmap-running-peer');
    if (!p) throw new Error('missing');
    const rec = Recording.record(p);
    expect(rec.trace.marked(1).length).toBeGreaterThan(30);
    expect(rec.trace.marked(2).length).toBeGreaterThan(0);
    expect(rec.trace.marked(32).length).toBeGreaterThan(0);
  });

  it('follows a person-made choice and stays deterministic with it', () => {
    const p = builtin('munmap-running-peer');
    if (!p) throw new Error('missing');
    const rec = Recording.record(p);
    const point = rec.trace.marked(32)[0] as number;
    const meta = rec.trace.meta(point);
    const other = rec.stateAt(point);
    const alt = [...other.actors.values()].find((a) => a.id !== meta.actor && a.kind === 'task');
    if (!alt) throw new Error('no alternative actor');
    const choices = new Map([[point, alt.id]]);
    const a = Recording.record(p, { choices });
    const b = Recording.record(p, { choices });
    expect(a.trace.meta(point).actor).toBe(alt.id);
    expect(a.summary.digest).toBe(b.summary.digest);
  });

  it('lists the actors that could run at a choice point, the default one first', () => {
    const p = builtin('munmap-running-peer');
    if (!p) throw new Error('missing');
    const rec = Recording.record(p);
    const point = rec.trace.marked(32)[0] as number;
    const c = rec.candidatesAt(point);
    expect(c.length).toBeGreaterThan(1);
    expect(c[0]?.actor).toBe(rec.trace.meta(point).actor);
  });

  it('stops a run that names a choice nobody could take, with a message', () => {
    const p = parseScenario(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'b', pages: 1, prot: 'rw' }] }]));
    const rec = Recording.record(p, { choices: new Map([[1, 99 as never]]) });
    expect(rec.summary.halted).toMatch(/choice at step 1: actor 99 is not runnable/);
  });

  it('keeps its checkpoints within budget on a long run by thinning them', () => {
    const p = parseScenario(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'b', pages: 3000, prot: 'rw' }, { op: 'write', addr: 'b[0..2999]' }, { op: 'read', addr: 'b[0..2999]', repeat: 3 }] }], { machine: { cpus: 1, framesPerNode: 4096 } }));
    const rec = Recording.record(p);
    expect(rec.length).toBeGreaterThan(30_000);
    expect(rec.checkpointCount).toBeLessThan(rec.length / 1000 + 2);
    expect(digestWorld(rec.stateAt(rec.length).world)).toBe(rec.summary.digest);
  });
});
