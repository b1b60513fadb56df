// The CLI contract of DESIGN.md: exit 0 met, 1 expectation failed, 2 invalid input with a path-qualified message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sim-core/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(doc: unknown): string {
  const p = join(mkdtempSync(join(tmpdir(), 'mmscope-')), 's.json');
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
}

const base = { v: 1, id: 'cli', title: 't', summary: 's', machine: { cpus: 1 }, tasks: [{ name: 'm', process: 'a', cpu: 0, ops: [{ op: 'mmap', as: 'b', pages: 1, prot: 'rw' }, { op: 'read', addr: 'b[0]' }] }] };

describe('npm run sim', () => {
  it('prints one JSON document with results, counters, violations and a digest, and exits 0', () => {
    const r = sim('munmap-running-peer', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { scenario: string; counters: Record<string, unknown>; results: { op: string; errno: null }[]; digest: string; violations: unknown[] };
    expect(j.scenario).toBe('munmap-running-peer');
    expect(j.counters['tlb.shootdowns']).toBe(1);
    expect(j.counters['tlb.shootdowns.byCpu']).toEqual([0, 1]);
    expect(j.results[0]).toMatchObject({ task: 'main', index: 0, op: 'mmap', errno: null });
    expect(j.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(j.violations).toEqual([]);
  });

  it('exits 1 and says which expectation failed', () => {
    const r = sim(file({ ...base, expect: { results: [{ task: 'm', index: 1, ret: 'X' }] } }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/result m#1 \(read\): ret is "0", expected "X"/);
  });

  it('exits 2 with a path-qualified message for an invalid scenario, without a stack trace', () => {
    const r = sim(file({ ...base, tasks: [{ ...base.tasks[0], ops: [{ op: 'read', addr: 'nope[0]' }] }] }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tasks\[0\]\.ops\[0\]\.addr: unknown region 'nope'/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 for unknown ids, unreadable JSON, bad flags and unknown parameters', () => {
    expect(sim('no-such-scenario').code).toBe(2);
    expect(sim(file('{ not json')).err).toMatch(/not valid JSON/);
    expect(sim('first-touch', '--bogus').code).toBe(2);
    expect(sim('first-touch', '--choices', 'x:y').err).toMatch(/STEP:ACTOR/);
    expect(sim('first-touch', '--param', 'vcpus=4').err).toMatch(/has no parameter 'vcpus'/);
  });

  it('exits 2 when a region is used before its mmap has returned', () => {
    const s = { ...base, machine: { cpus: 2 }, tasks: [base.tasks[0], { name: 'p', process: 'a', cpu: 1, ops: [{ op: 'read', addr: 'b[0]' }] }] };
    const r = sim(file(s));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/region 'b' is used before its mmap has returned/);
  });
});
