import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../sim-core/scenarios/builtin';
import { readersScenario } from '../../sim-core/scenarios/testing-params';
import { FolioDecoder } from './folio-delta';
import { Host } from './host';
import type { FromWorker, ToWorker } from './protocol';

// Frames as the UI sees them: folios rebuilt from their deltas, in order.
function harness() {
  const out: FromWorker[] = [];
  let t = 0;
  const decoder = new FolioDecoder();
  const host = new Host((raw) => {
    const m = structuredClone(raw);
    if (m.type === 'ready') decoder.reset();
    out.push(m.type === 'frame' ? { ...m, frame: { ...m.frame, memory: { ...m.frame.memory, folios: decoder.apply(m.folios) } } } : m);
  }, () => t++);
  const send = (m: ToWorker) => { out.length = 0; host.handle(m); return out.slice(); };
  return { send };
}

const load = (over: Partial<Extract<ToWorker, { type: 'load' }>> = {}): ToWorker => ({
  type: 'load', gen: 1, source: { kind: 'builtin', id: 'fork-cow' }, choices: [], params: [], step: 0, ...over,
});
const frameOf = (ms: FromWorker[]) => {
  const f = ms.find((m) => m.type === 'frame');
  if (f?.type !== 'frame') throw new Error(`no frame in ${JSON.stringify(ms.map((m) => m.type))}`);
  return f.frame;
};

describe('the simulation worker host', () => {
  it('answers a load with ready (total, markers, graphs, header facts) and the requested frame', () => {
    const { send } = harness();
    const ms = send(load({ step: 5 }));
    const ready = ms[0];
    expect(ready?.type).toBe('ready');
    if (ready?.type !== 'ready') return;
    expect(ready.total).toBeGreaterThan(20);
    expect(ready.info).toMatchObject({ id: 'fork-cow', title: 'fork() and copy-on-write', kernel: '6.18', custom: false });
    expect(Object.keys(ready.graphs)).toContain('fault');
    expect(ready.markers.counts.fault).toBeGreaterThan(0);
    expect(frameOf(ms)).toMatchObject({ step: 5, total: ready.total, record: { step: 4 } });
  });

  it('gives the same frame whether it steps forward one at a time or seeks straight there', () => {
    const { send } = harness();
    send(load());
    let stepped = frameOf(send({ type: 'seek', gen: 1, step: 1 }));
    for (let n = 2; n <= 30; n++) stepped = frameOf(send({ type: 'seek', gen: 1, step: n }));
    send({ type: 'seek', gen: 1, step: 45 });
    expect(frameOf(send({ type: 'seek', gen: 1, step: 30 }))).toEqual(stepped);
  });

  it('shows the initial state with no record at step 0 and clamps steps past the end', () => {
    const { send } = harness();
    const start = frameOf(send(load({ step: 0 })));
    expect(start.record).toBeNull();
    expect(frameOf(send({ type: 'seek', gen: 1, step: 10_000 })).step).toBe(start.total);
  });

  it('ignores seeks for an older load', () => {
    const { send } = harness();
    send(load({ gen: 2 }));
    expect(send({ type: 'seek', gen: 1, step: 3 })).toEqual([]);
  });

  it('reports an invalid custom scenario with its path-qualified problems', () => {
    const { send } = harness();
    const doc = structuredClone(BUILTIN_SCENARIOS[0]) as { tasks: { ops: unknown[] }[] };
    (doc.tasks[0] as { ops: unknown[] }).ops.push({ op: 'frobnicate' });
    const [err] = send(load({ source: { kind: 'custom', text: JSON.stringify(doc) } }));
    expect(err).toMatchObject({ type: 'error', kind: 'scenario', message: 'This scenario is not valid.' });
    expect(err?.type === 'error' && err.problems.join('\n')).toMatch(/^tasks\[0\]\.ops\[\d+\]/);
  });

  it('reports text that is not JSON', () => {
    const { send } = harness();
    const [err] = send(load({ source: { kind: 'custom', text: '{"v":1,' } }));
    expect(err?.type === 'error' && err.problems[0]).toContain('not valid JSON');
  });

  it('runs a scheduling choice from the link and refuses one that does not fit', () => {
    const { send } = harness();
    expect(frameOf(send(load({ source: { kind: 'builtin', id: 'munmap-running-peer' }, choices: [[0, 1]], step: 1 }))).record?.actor).toBe(1);
    const [err] = send(load({ source: { kind: 'builtin', id: 'munmap-running-peer' }, choices: [[0, 7]] }));
    expect(err).toMatchObject({ type: 'error', kind: 'choices', problems: [expect.stringContaining('actor 7 is not runnable') as unknown] });
  });

  it('refuses parameters the scenario does not declare, naming them', () => {
    const { send } = harness();
    const [err] = send(load({ params: [['cpus', '4']] }));
    expect(err).toMatchObject({
      type: 'error', kind: 'scenario', message: 'The link sets parameters this scenario does not accept.',
      problems: ["unknown parameter 'cpus': this scenario declares no parameters"],
    });
  });

  it('records a custom scenario with the link\'s parameters and tells the UI their declarations and values', () => {
    const { send } = harness();
    const source = { kind: 'custom', text: JSON.stringify(readersScenario()) } as const;
    const ready = (ms: FromWorker[]) => {
      const r = ms[0];
      if (r?.type !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(r)}`);
      return r;
    };
    const plain = ready(send(load({ source })));
    const five = ready(send(load({ gen: 2, source, params: [['readers', '5'], ['then', 'exit']] })));
    expect(five.info.title).toBe('5 readers of one buffer');
    expect(five.info.params?.map((p) => [p.name, p.value])).toEqual([['readers', 5], ['pages', 4], ['then', 'exit']]);
    expect(five.info.params?.[0]).toMatchObject({ kind: 'int', min: 1, max: 7, default: 2, doc: 'Reader threads, one per CPU' });
    expect(five.info.params?.[2]).toMatchObject({ kind: 'choice', values: ['sleep', 'exit'], default: 'sleep' });
    expect([plain.summary.counters['tlb.shootdowns'], five.summary.counters['tlb.shootdowns']]).toEqual([2, 5]);
    expect(five.total).toBeGreaterThan(plain.total);
    const again = ready(send(load({ gen: 3, source, params: [['readers', '5'], ['then', 'exit']] })));
    expect([again.total, again.summary.digest]).toEqual([five.total, five.summary.digest]);
  });

  it('reports each bad parameter value of a link with what the parameter takes', () => {
    const { send } = harness();
    const source = { kind: 'custom', text: JSON.stringify(readersScenario()) } as const;
    const [err] = send(load({ source, params: [['readers', '0'], ['then', 'run']] }));
    expect(err).toMatchObject({
      type: 'error', kind: 'scenario', message: 'The link sets parameters this scenario does not accept.',
      problems: ["parameter 'readers': 0 is below its minimum; it takes an integer from 1 to 7", "parameter 'then': 'run' is not one of sleep, exit"],
    });
  });

  it('refuses machines too large to draw', () => {
    const { send } = harness();
    const doc = { ...(BUILTIN_SCENARIOS[0] as object), machine: { cpus: 2, nodes: 1, framesPerNode: 1 << 22 } };
    const [err] = send(load({ source: { kind: 'custom', text: JSON.stringify(doc) } }));
    expect(err).toMatchObject({ type: 'error', kind: 'limit' });
  });

  it('refuses scenarios whose ops produce more results than the browser keeps', () => {
    const { send } = harness();
    const doc = { v: 1, id: 'many', title: 't', summary: 's', machine: { cpus: 1 }, tasks: [{ name: 'main', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]', repeat: 1_000_000 }] }] };
    const [err] = send(load({ source: { kind: 'custom', text: JSON.stringify(doc) } }));
    expect(err).toMatchObject({ type: 'error', kind: 'limit', message: expect.stringContaining('1,000,001 times') as unknown });
  });

  it('reports an unknown built-in id', () => {
    const { send } = harness();
    expect(send(load({ source: { kind: 'builtin', id: 'nope' } }))[0]).toMatchObject({ type: 'error', message: "There is no built-in scenario 'nope'." });
  });
});
