// The CLI contract of DESIGN.md: exit 0 met, 1 expectation failed, 2 invalid input with a path-qualified message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readersScenario } from '../scenarios/testing-params';

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
    expect(sim('first-touch', '--param', 'vcpus=4').err).toMatch(/unknown parameter 'vcpus': this scenario declares no parameters/);
  });

  it('exits 2 when a region is used before its mmap has returned', () => {
    const s = { ...base, machine: { cpus: 2 }, tasks: [base.tasks[0], { name: 'p', process: 'a', cpu: 1, ops: [{ op: 'read', addr: 'b[0]' }] }] };
    const r = sim(file(s));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/region 'b' is used before its mmap has returned/);
  });

  it('runs a scenario with --param values (repeatable) and reports them in --json', () => {
    const f = file(readersScenario());
    const j = (...a: string[]) => JSON.parse(sim(f, '--json', ...a).out) as { params: unknown; counters: Record<string, unknown>; expect: { met: boolean } };
    const plain = j();
    expect(plain.params).toEqual({ readers: 2, pages: 4, then: 'sleep' });
    const five = j('--param', 'readers=5', '--param=then=exit');
    expect(five.params).toEqual({ readers: 5, pages: 4, then: 'exit' });
    expect([plain.counters['tlb.shootdowns'], five.counters['tlb.shootdowns']]).toEqual([2, 5]);
    expect(five.expect.met).toBe(true);
    expect(sim(f, '--param', 'pages=2').out).toMatch(/^parameters: readers=2 pages=2 then=sleep$/m);
  });

  it('exits 2 naming each bad parameter and what it takes', () => {
    const r = sim(file(readersScenario()), '--param', 'readers=9', '--param', 'then=run');
    expect(r.code).toBe(2);
    expect(r.err).toContain("invalid parameters:\n  parameter 'readers': 9 is above its maximum; it takes an integer from 1 to 7\n  parameter 'then': 'run' is not one of sleep, exit");
    expect(sim('first-touch', '--param', 'x=1', '--param', 'x=2').err).toMatch(/--param x is given twice/);
  });

  it('lists a scenario\'s parameters with their ranges, values, defaults and docs', () => {
    const f = file(readersScenario());
    const r = sim(f, '--list-params', '--param', 'readers=99');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  readers  an integer from 1 to 7, default 2\n      Reader threads, one per CPU');
    expect(r.out).toContain('  then  one of sleep, exit, default sleep');
    expect(r.out).toContain(`example: npm run sim -- ${f} --param readers=2 --param pages=4 --param then=sleep`);
    expect(sim('first-touch', '--list-params').out).toBe('first-touch declares no parameters.\n');
  });

  it('runs the example of the Parameters section of LANGUAGE.md as that section describes', () => {
    const doc = readFileSync('sim-core/scenarios/LANGUAGE.md', 'utf8');
    const example = /## Parameters[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const f = file(example);
    const five = JSON.parse(sim(f, '--json', '--param', 'readers=5', '--param', 'then=exit').out) as { params: unknown; expect: { met: boolean }; results: { task: string; op: string }[] };
    expect(five.params).toEqual({ readers: 5, pages: 4, then: 'exit' });
    expect(five.expect.met).toBe(true);
    expect(five.results.filter((r) => r.op === 'exit').map((r) => r.task).sort()).toEqual(['reader0', 'reader1', 'reader2', 'reader3', 'reader4']);
  });
});
