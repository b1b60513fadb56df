// The plot page's controller: describes the scenario in a sweep worker (its parameters and their
// values), plans the sweep from the route, runs it there and collects each run's counters. Cancel
// terminates the worker; a new plot starts a fresh one.
import { resolveSource } from '../shell/scenario-source';
import { formatPlot, type PlotRoute } from '../../sim-core/url';
import { replaceHashNow } from '../router/hash';
import { spawnSweepWorker, type SweepLink } from '../worker/client';
import type { ScenarioSource } from '../worker/protocol';
import type { SweepFromWorker } from '../worker/sweep-protocol';
import { planSweep } from './plan';
import { PLOT_IDLE, usePlotStore } from './store';

let link: SweepLink | null = null;
let gen = 0;
let started = 0;

function stop(): void {
  link?.terminate();
  link = null;
}

/** Shows the plot a route names: describes the scenario, then sweeps. */
export async function startPlot(route: PlotRoute): Promise<void> {
  stop();
  const my = ++gen;
  usePlotStore.setState({ ...PLOT_IDLE, route, status: 'describing' });
  const source = await resolveSource(route.scenario);
  if (my !== gen) return;
  if (!('kind' in source)) { usePlotStore.setState({ status: 'error', failure: source }); return; }
  link = spawnSweepWorker((m) => onMessage(my, source, m), (message) => {
    stop();
    usePlotStore.setState({ status: 'error', sweepError: { title: 'The simulator failed', message: `The simulator stopped unexpectedly: ${message}`, problems: [], run: null } });
  });
  link.send({ type: 'describe', gen: my, source, params: [...route.params] });
}

/** Stops a sweep in progress; the runs finished so far stay drawn. */
export function cancelSweep(): void {
  if (usePlotStore.getState().status !== 'sweeping') return;
  stop();
  gen++;
  usePlotStore.setState({ status: 'cancelled', progress: null });
}

/** Leaves the plot page. */
export function closePlot(): void {
  stop();
  gen++;
  usePlotStore.setState({ ...PLOT_IDLE });
}

/** Shows `route` and writes it to the address (no history entry): re-sweeps unless only the metrics changed. */
export function commitPlot(route: PlotRoute): void {
  replaceHashNow(formatPlot(route));
  const now = usePlotStore.getState().route;
  const same = now !== null && formatPlot({ ...now, metrics: null }) === formatPlot({ ...route, metrics: null });
  if (same && usePlotStore.getState().status !== 'error') usePlotStore.setState({ route });
  else void startPlot(route);
}

function onDescribed(my: number, source: ScenarioSource, m: Extract<SweepFromWorker, { type: 'described' }>): void {
  const route = usePlotStore.getState().route;
  if (!route) return;
  const planned = planSweep(route, m.info.params ?? []);
  if (!planned.ok) {
    stop();
    usePlotStore.setState({ status: 'error', info: m.info, failure: { title: 'This plot cannot be drawn', message: planned.message, problems: [] } });
    return;
  }
  const plan = planned.plan;
  usePlotStore.setState({ status: 'sweeping', info: m.info, plan, results: plan.runs.map(() => null), progress: { run: 0, steps: 0 } });
  started = performance.now();
  link?.send({ type: 'sweep', gen: my, source, runs: plan.runs.map((r) => r.params) });
}

function onError(m: Extract<SweepFromWorker, { type: 'sweep-error' }>): void {
  stop();
  const s = usePlotStore.getState();
  if (s.status === 'describing') {
    usePlotStore.setState({ status: 'error', failure: { title: 'This plot cannot be drawn', message: m.message, problems: m.problems } });
    return;
  }
  usePlotStore.setState({ status: 'error', progress: null, sweepError: { title: 'The sweep stopped', message: m.message, problems: m.problems, run: m.run } });
}

function onMessage(my: number, source: ScenarioSource, m: SweepFromWorker): void {
  if (my !== gen || m.gen !== my) return;
  switch (m.type) {
    case 'described': onDescribed(my, source, m); return;
    case 'sweep-progress': usePlotStore.setState({ progress: { run: m.run, steps: m.steps } }); return;
    case 'sweep-run': {
      const results = usePlotStore.getState().results.slice();
      results[m.run] = m.counters;
      usePlotStore.setState({ results, progress: { run: m.run + 1, steps: 0 } });
      return;
    }
    case 'sweep-done':
      stop();
      usePlotStore.setState({ status: 'done', progress: null, done: { steps: m.steps, ms: performance.now() - started } });
      return;
    case 'sweep-error': onError(m); return;
  }
}
