// `npm run bench`: engine throughput on a large run and seek latency in a 100,000-step trace.
// Not a test: it prints figures. Run it on an otherwise idle machine.
import { performance } from 'node:perf_hooks';
import { type AnyActorScope, type AnyMachineSnapshot, createActor } from 'xstate';
import { faultDef } from '../machines/fault';
import { Recording } from '../engine/recording';
import { summarize } from '../engine/run';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { bigTouchAndUnmap, hundredThousandSteps } from './scenarios';

const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

function big(): void {
  const program = parseScenario(bigTouchAndUnmap());
  const t0 = performance.now();
  const e = createEngine(program, { clock: () => performance.now() });
  let peak = 0;
  while (e.step(false)) {
    if (e.state.step % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const wall = performance.now() - t0;
  const s = summarize(e);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const x = e.xr.stats;
  // What xstate alone would cost without the memo: a warm transition() × every call the run made.
  const perTransition = warmTransitionMs();
  console.log('== 64 CPUs, 262,144 pages touched, then munmapped');
  console.log(`steps            ${s.steps.toLocaleString('en-US')}`);
  console.log(`wall time        ${(wall / 1000).toFixed(2)} s`);
  console.log(`steps per second ${Math.round(s.steps / (wall / 1000)).toLocaleString('en-US')}`);
  console.log(`peak memory      ${mib(peak)} (RSS)`);
  console.log(`xstate           ${x.calls.toLocaleString('en-US')} transitions, ${x.computed} computed by transition(), the rest memoised`);
  console.log(`                 ${x.timeInTransition.toFixed(1)} ms inside transition() in this run; a warm transition() costs ${(perTransition * 1000).toFixed(2)} µs`);
  console.log(`engine/xstate    ${(wall / Math.max(x.timeInTransition, 1e-9)).toFixed(0)}× (engine time / time inside transition(), memoised)`);
  console.log(`                 unmemoised, transition() alone would take ~${((perTransition * x.calls) / 1000).toFixed(1)} s; engine time / that = ${(wall / (perTransition * x.calls)).toFixed(2)}×`);
  console.log(`counters         faults ${s.counters['faults.total']}, shootdowns ${s.counters['tlb.shootdowns']}, pages freed ${s.counters['pages.freed']}, violations ${s.violations.length}`);
}

// Warm cost of one machine transition() without the memo (the fault machine's usual path), in ms.
function warmTransitionMs(): number {
  const m = faultDef.machine;
  const path = ['VMA', 'NEXT', 'NEXT', 'NEXT', 'DO_ANON', 'DONE'];
  const self = createActor(m);
  const scope = { self, id: '', sessionId: '', system: self.system, logger: () => undefined, defer: () => undefined, stopChild: () => undefined, emit: () => undefined, actionExecutor: () => undefined } as unknown as AnyActorScope;
  const runOnce = () => {
    let snap = m.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot;
    for (const type of path) snap = m.transition(snap, { type }, scope) as AnyMachineSnapshot;
  };
  for (let i = 0; i < 2000; i++) runOnce();
  const n = 20000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) runOnce();
  return (performance.now() - t0) / (n * path.length);
}

// A deterministic sequence of step numbers to seek to.
function* lcg(n: number, max: number): Generator<number> {
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    yield x % (max + 1);
  }
}

function pct(a: number[], p: number): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

function seek(): void {
  const program = parseScenario(hundredThousandSteps());
  const t0 = performance.now();
  const rec = Recording.record(program);
  const recordMs = performance.now() - t0;
  const times: number[] = [];
  const detail: number[] = [];
  for (const n of lcg(200, rec.length)) {
    const a = performance.now();
    rec.stateAt(n);
    times.push(performance.now() - a);
    if (n < rec.length) {
      const b = performance.now();
      rec.stepAt(n);
      detail.push(performance.now() - b);
    }
  }
  console.log(`== seek in a ${rec.length.toLocaleString('en-US')}-step trace (${rec.checkpointCount} checkpoints, recorded in ${(recordMs / 1000).toFixed(2)} s)`);
  console.log(`state at step    p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (200 random steps)`);
  console.log(`narrated step    p50 ${pct(detail, 0.5).toFixed(1)} ms, p95 ${pct(detail, 0.95).toFixed(1)} ms, max ${Math.max(...detail).toFixed(1)} ms`);
}

const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'seek') seek();
if (which === 'all' || which === 'big') big();
