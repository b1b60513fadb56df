// `when` keeps a task, an op or an expected result only in the runs whose parameters match.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors';
import { parseScenario } from './parse';
import type { ParamOverrides } from './params';

const doc = (extra: Record<string, unknown> = {}, op: Record<string, unknown> = {}) => ({
  v: 1, id: 'w', title: 't', summary: 's', machine: { cpus: 2 },
  params: {
    how: { doc: 'variant', values: ['copy', 'move'], default: 'copy' },
    n: { doc: 'count', min: 1, max: 4, default: 1 },
  },
  tasks: [
    { name: 'main', process: 'p', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 2, prot: 'rw' },
      { op: 'write', addr: 'buf[0]', value: 'c', when: { how: 'copy' } },
      { op: 'write', addr: 'buf[1]', value: 'm', when: { how: 'move' }, ...op },
    ]},
    { name: 'peer', process: 'p', cpu: 1, when: { n: [2, 3, 4] }, ops: [{ op: 'sleep' }] },
  ],
  ...extra,
});

const problems = (d: unknown, p?: ParamOverrides): string[] => {
  try {
    parseScenario(d, p);
    return [];
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
};

describe('when', () => {
  it('keeps only the ops whose parameters match, without the when field', () => {
    const copy = parseScenario(doc()).scenario.tasks[0]?.ops;
    expect(copy).toEqual([{ op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0]', value: 'c' }]);
    const move = parseScenario(doc(), { how: 'move' }).scenario.tasks[0]?.ops;
    expect(move?.[1]).toEqual({ op: 'write', addr: 'buf[1]', value: 'm' });
  });

  it('drops a whole task, and accepts a list of values', () => {
    expect(parseScenario(doc()).scenario.tasks.map((t) => t.name)).toEqual(['main']);
    expect(parseScenario(doc(), { n: 3 }).scenario.tasks.map((t) => t.name)).toEqual(['main', 'peer']);
  });

  it('filters expected results too', () => {
    const d = doc({ expect: { results: [{ task: 'main', index: 1, ret: 'x', when: { how: 'move' } }] } });
    expect(parseScenario(d).scenario.expect?.results ?? []).toEqual([]);
  });

  it('names an unknown parameter, a value the parameter cannot take, and a malformed when, by path', () => {
    expect(problems(doc({}, { when: { hwo: 'move' } }))).toEqual(["tasks[0].ops[2].when: unknown parameter 'hwo'"]);
    expect(problems(doc({}, { when: { how: 'remap' } }))).toEqual(["tasks[0].ops[2].when: \"remap\" is not a value of 'how', which takes one of copy, move"]);
    expect(problems(doc({}, { when: 'move' }))[0]).toMatch(/^tasks\[0\]\.ops\[2\]\.when: must be an object/);
  });
});
