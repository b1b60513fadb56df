// Parameters and instances, end to end through the parser: a document with references compiles to
// the plain v1 program it stands for, and every misuse gets a path-qualified message.
import { describe, expect, it } from 'vitest';
import { checkExpect } from '../engine/expect';
import { runProgram } from '../engine/run';
import { ScenarioError } from './errors';
import { MAX_EXPANDED_VALUES, MAX_INSTANCES } from './expand';
import { ParamError, type ParamOverrides } from './params';
import { parseScenario } from './parse';
import { readersScenario } from './testing-params';

type Doc = Record<string, unknown>;
type Task = { name: string; cpu: number | string; instances?: unknown; forkedBy?: string; process: string; ops: Doc[] };

const problems = (doc: unknown, params?: ParamOverrides): string[] => {
  try {
    parseScenario(doc, params);
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
};

// The readers scenario with some change to its parsed form.
function readers(edit: (d: Doc & { tasks: Task[]; params: Doc; machine: Doc }) => void = () => {}): Doc {
  const d = readersScenario() as Doc & { tasks: Task[]; params: Doc; machine: Doc };
  edit(d);
  return d;
}

describe('parameters', () => {
  it('compile to the plain document they stand for, numbers as numbers and text interpolated', () => {
    const p = parseScenario(readers(), { pages: '8', then: 'exit' });
    expect(p.scenario.title).toBe('2 readers of one buffer');
    expect(p.scenario.tasks[0]?.ops).toEqual([
      { op: 'mmap', as: 'buf', pages: 8, prot: 'rw' },
      { op: 'write', addr: 'buf[0..7]', value: 'A' },
      { op: 'munmap', addr: 'buf', pages: 8, after: 'reader1#1' },
    ]);
    expect(p.scenario.tasks[1]?.ops[1]).toEqual({ op: 'exit' });
    expect(p.scenario.expect?.counters).toEqual({ 'tlb.shootdowns': 2 });
    expect('params' in p.scenario).toBe(false);
  });

  it('keep the declarations and the values of the run on the program', () => {
    const p = parseScenario(readers(), new Map([['readers', '3']]));
    expect(p.params).toEqual({ readers: 3, pages: 4, then: 'sleep' });
    expect(p.paramDecls.map((d) => `${d.name}:${d.kind}`)).toEqual(['readers:int', 'pages:int', 'then:choice']);
    const plain = { v: 1, id: 'plain', title: 't', summary: 's', machine: { cpus: 1 }, tasks: [{ name: 'm', process: 'a', cpu: 0, ops: [] }] };
    expect(parseScenario(plain)).toMatchObject({ paramDecls: [], params: {} });
  });

  it('give a run that meets its expectations for each value, and differs between values', () => {
    const runs = [1, 4, 7].map((n) => {
      const p = parseScenario(readers(), { readers: n });
      const r = runProgram(p);
      expect(checkExpect(p, r)).toEqual([]);
      return r;
    });
    expect(runs.map((r) => r.counters['tlb.shootdowns'])).toEqual([1, 4, 7]);
    expect(new Set(runs.map((r) => r.digest)).size).toBe(3);
    expect(runProgram(parseScenario(readers(), { readers: 4 })).digest).toBe(runs[1]?.digest);
  });

  it('refuse references to undeclared parameters with the path and the expression', () => {
    const d = readers((x) => { (x.tasks[0] as Task).ops[1] = { op: 'write', addr: 'buf[${vpcus*2}]' }; });
    expect(problems(d)).toEqual(["tasks[0].ops[1].addr: unknown parameter 'vpcus' in ${vpcus*2}"]);
  });

  it('refuse division by zero and i outside an instanced task', () => {
    expect(problems(readers((x) => { x.machine.cpus = '${8/(pages-4)}'; }))).toEqual(['machine.cpus: division by zero in ${8/(pages-4)}']);
    expect(problems(readers((x) => { x.title = 'writer ${i}'; }))).toEqual(['title: \'i\' is only defined inside a task with "instances" in ${i}']);
  });

  it('leave values in the params block alone and report bad ones there', () => {
    expect(problems(readers((x) => { x.params.pages = { doc: 'p', min: 1, max: 8, default: 9 }; }))).toEqual(['params.pages: default 9 is above max 8']);
  });

  it('raise ParamError for bad values, so callers can tell a bad link from a bad scenario', () => {
    expect(() => parseScenario(readers(), { readers: 9 })).toThrow(ParamError);
    expect(problems(readers(), { readers: 9 })).toEqual(["parameter 'readers': 9 is above its maximum; it takes an integer from 1 to 7"]);
  });
});

describe('instances', () => {
  it('expand to tasks named with their index, on consecutive CPUs, with i bound', () => {
    const p = parseScenario(readers(), { readers: 3 });
    expect(p.tasks.map((t) => `${t.name}@${t.cpu}`)).toEqual(['writer@0', 'reader0@1', 'reader1@2', 'reader2@3']);
    expect(p.scenario.tasks.map((t) => t.ops[0]?.note ?? null)).toEqual([null, 'Reader 0 reads every page on CPU 1.', 'Reader 1 reads every page on CPU 2.', 'Reader 2 reads every page on CPU 3.']);
    expect(p.scenario.tasks.some((t) => 'instances' in t)).toBe(false);
  });

  it('let after, forkedBy and expected results name an expanded task', () => {
    const d = readers((x) => {
      x.tasks.push({ name: 'kid', process: 'kid${i}', cpu: 5, forkedBy: 'forker${i}', instances: 2, ops: [{ op: 'read', addr: 'buf[0]' }] });
      x.tasks.push({ name: 'forker', process: 'app', cpu: 3, instances: 2, ops: [{ op: 'fork', child: 'kid${i}', after: 'writer#1' }] });
      x.expect = { results: [{ task: 'kid1', index: 0, ret: 'A' }, { task: 'forker1', index: 0, ret: '104' }] };
    });
    const p = parseScenario(d);
    expect(p.tasks.map((t) => t.name)).toEqual(['writer', 'reader0', 'reader1', 'kid0', 'kid1', 'forker0', 'forker1']);
    expect(p.tasks[4]?.forkedBy).toBe(6);
    expect(checkExpect(p, runProgram(p))).toEqual([]);
  });

  it('refuse an after, forkedBy or result naming the base name, saying which names exist', () => {
    const d = readers((x) => { (x.tasks[0] as Task).ops[2] = { op: 'munmap', addr: 'buf', pages: 1, after: 'reader#0' }; });
    expect(problems(d, { readers: 5 })).toEqual(["tasks[0].ops[2].after: 'reader' is a task with \"instances\"; name one instance: reader0 to reader4"]);
    const e = readers((x) => { x.expect = { results: [{ task: 'reader', index: 0 }] }; });
    expect(problems(e)).toEqual(["expect.results[0].task: 'reader' is a task with \"instances\"; name one instance: reader0, reader1"]);
  });

  it('refuse an instance whose CPU the machine does not have', () => {
    expect(problems(readers((x) => { (x.tasks[1] as Task).cpu = 3; }), { readers: 6 }))
      .toEqual(['tasks[1].instances: instance 5 would run on CPU 8, but machine.cpus is 8 (CPUs 0 to 7)']);
  });

  it('refuse absurd counts with a message instead of expanding them', () => {
    expect(problems(readers((x) => { (x.tasks[1] as Task).instances = 1e9; }))).toEqual(['tasks[1].instances: 1000000000 instances; a task may have at most 256']);
    expect(problems(readers((x) => { (x.tasks[1] as Task).instances = 20; }))).toEqual(['tasks[1].instances: 20 instances need 20 CPUs (one each), but machine.cpus is 8']);
    expect(problems(readers((x) => { (x.tasks[1] as Task).instances = '${readers-5}'; }))).toEqual(['tasks[1].instances: must be a whole number from 0 (got -3)']);
    expect(problems(readers((x) => { (x.tasks[1] as Task).instances = 'two'; }))).toEqual(['tasks[1].instances: must be a whole number from 0 (got "two")']);
  });

  it('refuse an expansion that would build too large a document', () => {
    const big = readers((x) => {
      x.machine.cpus = MAX_INSTANCES;
      Object.assign(x.tasks[1] as Task, { instances: MAX_INSTANCES, cpu: 0, ops: Array.from({ length: Math.ceil(MAX_EXPANDED_VALUES / MAX_INSTANCES) }, () => ({ op: 'sleep' })) });
    });
    expect(problems(big)).toEqual(['tasks[1].instances: 256 copies of this task (7,820 JSON values each) would be more than 1,000,000 values, too large to simulate']);
  });

  it('report problems inside an instance once, at the task of the document, naming the instance', () => {
    const d = readers((x) => { (x.tasks[1] as Task).ops[0] = { op: 'read', addr: 'buf[${8/(1-i)}]' }; });
    expect(problems(d)).toEqual(['tasks[1].ops[0].addr: division by zero in ${8/(1-i)} (in instance i=1)']);
  });

  it('point later validation problems at the task of the document and its instance', () => {
    const d = readers((x) => {
      (x.tasks[1] as Task).ops[0] = { op: 'read', addr: 'bfu[${i}]' };
      x.tasks.push({ name: 'late', process: 'app', cpu: 7, ops: [{ op: 'read', addr: 'bfu' }] });
    });
    expect(problems(d)).toEqual([
      "tasks[1][i=0].ops[0].addr: unknown region 'bfu'", "tasks[1][i=1].ops[0].addr: unknown region 'bfu'", "tasks[2].ops[0].addr: unknown region 'bfu'",
    ]);
  });

  it('expand to no task at all for zero instances', () => {
    const d = readers((x) => {
      x.params.readers = { doc: 'r', min: 0, max: 7, default: 0 };
      (x.tasks[0] as Task).ops[2] = { op: 'munmap', addr: 'buf', pages: '$pages' };
      x.expect = undefined;
    });
    expect(parseScenario(d).tasks.map((t) => t.name)).toEqual(['writer']);
  });
});
