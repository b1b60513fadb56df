// Bad scenarios are refused with path-qualified messages, never a crash.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors';
import { parseScenario, parseScenarioText } from './parse';
import { scenario } from './testing';

function problems(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
}

const ok = () => scenario([{ name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'read', addr: 'buf[0]' }] }]);

describe('scenario validation', () => {
  it('accepts a well-formed scenario', () => {
    expect(problems(ok())).toEqual([]);
  });

  it('names an unknown field by its path instead of ignoring it', () => {
    const s = ok() as unknown as { tasks: { ops: Record<string, unknown>[] }[] };
    (s.tasks[0]?.ops[1] as Record<string, unknown>).colour = 'red';
    expect(problems(s)).toEqual(["tasks[0].ops[1].colour: unknown field 'colour'"]);
  });

  it('says which op name is unknown and where', () => {
    const s = ok() as unknown as { tasks: { ops: Record<string, unknown>[] }[] };
    (s.tasks[0]?.ops[1] as Record<string, unknown>).op = 'frobnicate';
    expect(problems(s)[0]).toMatch(/^tasks\[0\]\.ops\[1\]\.op: unknown op "frobnicate"/);
  });

  it('reports a region nobody maps', () => {
    const s = ok();
    s.tasks[0]?.ops.push({ op: 'write', addr: 'bfu[2]' });
    expect(problems(s)).toEqual(["tasks[0].ops[2].addr: unknown region 'bfu'"]);
  });

  it('refuses a page range on an op that takes "pages"', () => {
    const s = ok();
    s.tasks[0]?.ops.push({ op: 'munmap', addr: 'buf[0..3]', pages: 4 });
    expect(problems(s)[0]).toMatch(/^tasks\[0\]\.ops\[2\]\.addr: .*only allowed on read and write/);
  });

  it('finds "after" dependencies that can never be satisfied', () => {
    const s = scenario([
      { name: 'a', process: 'p', cpu: 0, ops: [{ op: 'sleep', after: 'b#0' }] },
      { name: 'b', process: 'p', cpu: 1, ops: [{ op: 'sleep', after: 'a#0' }] },
    ]);
    expect(problems(s).join('\n')).toMatch(/form a cycle/);
    const t = scenario([{ name: 'a', process: 'p', cpu: 0, ops: [{ op: 'sleep', after: 'a#5' }] }]);
    expect(problems(t)).toEqual(["tasks[0].ops[0].after: task 'a' has only 1 ops (0-based index 5)"]);
  });

  it('checks the fork contract: declared child, forkedBy, own process', () => {
    const s = scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'fork', child: 'k' }] },
      { name: 'k', process: 'app', cpu: 1, forkedBy: 'p', ops: [] },
    ]);
    expect(problems(s)).toEqual(["tasks[0].ops[0].child: the child 'k' needs its own process name (not 'app')"]);
  });

  it('refuses CPUs the machine does not have and kernels it does not model', () => {
    const s = { ...ok(), kernel: '7.4', machine: { cpus: 1 } };
    s.tasks[0] = { ...s.tasks[0], cpu: 3 } as never;
    const p = problems(s);
    expect(p).toContain("kernel: '7.4' is newer than the kernels mmscope models (2.6.0 to 6.18)");
  });

  it('refuses absurd machine sizes with a message', () => {
    expect(problems({ ...ok(), machine: { cpus: 4, nodes: 64, framesPerNode: 4_000_000 } }).join()).toMatch(/too large to simulate/);
    expect(problems({ ...ok(), machine: { cpus: 100000 } })[0]).toMatch(/^machine\.cpus: /);
  });

  it('refuses a shared mapping it does not model rather than running it as a private one', () => {
    const s = ok();
    s.tasks[0]?.ops.push({ op: 'mmap', as: 'shm', pages: 1, prot: 'rw', shared: true });
    expect(problems(s)).toEqual(['tasks[0].ops[2].shared: shared (shmem) mappings are not modelled yet']);
  });

  it('asks for the source region of a handler that resolves faults by moving pages', () => {
    const s = ok();
    s.tasks[0]?.ops.push({ op: 'userfaultfd', as: 'u' }, { op: 'uffd_serve', uffd: 'u', resolve: 'move', count: 1 });
    expect(problems(s)).toEqual(['tasks[0].ops[3].src: resolve "move" needs src, the region whose page at the same offset is moved in']);
  });

  it('names an undefined userfaultfd and lists the defined ones', () => {
    const s = ok();
    s.tasks[0]?.ops.push({ op: 'userfaultfd', as: 'u1' }, { op: 'UFFDIO_COPY', uffd: 'u2', dst: 'buf', pages: 1 });
    expect(problems(s)).toEqual(['tasks[0].ops[3].uffd: no userfaultfd named "u2" (defined: u1)']);
    const none = ok();
    none.tasks[0]?.ops.push({ op: 'uffd_serve', uffd: 'u', resolve: 'copy', count: 1 });
    expect(problems(none)).toEqual(['tasks[0].ops[2].uffd: no userfaultfd named "u" (no userfaultfd op defines one)']);
  });

  it('reports broken JSON text with the position', () => {
    expect(() => parseScenarioText('{"v": 1,', 'x.json')).toThrow(/x\.json: not valid JSON/);
  });

  it('reports a missing required field by path', () => {
    const s = ok() as unknown as Record<string, unknown>;
    delete s.title;
    expect(problems(s)).toEqual(['title: missing required field']);
  });
});
