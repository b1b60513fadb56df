// The plot page's smaller parts: the metric picker, the legend and the sweep's status line.
import { METRICS } from '../../sim-core/scenarios/metrics';
import { commitPlot, cancelSweep, startPlot } from './controller';
import { markerPath, refPath } from './layout';
import { DEFAULT_METRICS, type SweepPlan } from './plan';
import { seriesLabel } from './series';
import { usePlotStore } from './store';

/** Checkboxes for the metrics drawn; a change redraws without re-running (the address follows). */
export function MetricPicker() {
  const route = usePlotStore((s) => s.route);
  if (!route) return null;
  const on = route.metrics ?? DEFAULT_METRICS;
  const toggle = (id: string): void => {
    const next = METRICS.map((m) => m.id).filter((m) => (m === id ? !on.includes(m) : on.includes(m)));
    commitPlot({ ...route, metrics: next });
  };
  return (
    <fieldset className="plot-metrics">
      <legend>Metrics</legend>
      {METRICS.map((m) => {
        const checked = on.includes(m.id);
        return (
          <label key={m.id} className="plot-metric" title={`${m.label} (${m.unit})`}>
            <input type="checkbox" checked={checked} disabled={checked && on.length === 1} onChange={() => toggle(m.id)} /> {m.label}
          </label>
        );
      })}
    </fieldset>
  );
}

/** The series' line and marker, and the reference diamond when there are reference points. */
export function Legend({ plan, refs }: { plan: SweepPlan; refs: boolean }) {
  return (
    <ul className="plot-legend" aria-label="Legend">
      {plan.seriesValues.map((v, i) => (
        <li key={v ?? 'all'} className={`plot-s${i}`}>
          <svg width="30" height="14" aria-hidden="true"><line className="plot-line" x1="1" x2="29" y1="7" y2="7" /><path className="plot-marker" d={markerPath(i)} transform="translate(15 7)" /></svg>
          {seriesLabel(plan, v)}
        </li>
      ))}
      {refs && (
        <li className="plot-ref-key">
          <svg width="30" height="14" aria-hidden="true"><g className="plot-ref plot-sn"><path d={refPath(70)} transform="translate(15 7)" /></g></svg>
          measured on Linux 6.18 (LAB.md; hover a diamond for its source)
        </li>
      )}
    </ul>
  );
}

const n = (x: number): string => x.toLocaleString('en-US');

/** Progress while sweeping (with Cancel), a summary when done, or why it stopped. */
export function SweepStatus() {
  const s = usePlotStore();
  const runs = s.plan?.runs.length ?? 0;
  const finished = s.results.filter((r) => r !== null).length;
  switch (s.status) {
    case 'idle':
    case 'describing':
      return <p className="plot-status muted" role="status">Reading the scenario…</p>;
    case 'sweeping': {
      const run = s.progress ? s.plan?.runs[Math.min(s.progress.run, runs - 1)] : undefined;
      const what = run ? run.params.map(([k, v]) => `${k}=${v}`).join(', ') : '';
      return (
        <div className="plot-status">
          <progress value={finished} max={runs} aria-label="Sweep progress" />
          <span role="status">Run {n(Math.min(finished + 1, runs))} of {n(runs)}{what && ` (${what})`}{s.progress?.steps ? `: ${n(s.progress.steps)} steps` : ''}</span>
          <button type="button" className="button" onClick={cancelSweep}>Cancel</button>
        </div>
      );
    }
    case 'done':
      return <p className="plot-status muted" role="status">{n(runs)} runs, {n(s.done?.steps ?? 0)} simulated steps, in {((s.done?.ms ?? 0) / 1000).toFixed(1)} s.</p>;
    case 'cancelled':
      return (
        <div className="plot-status" role="status">
          <span>Cancelled after {n(finished)} of {n(runs)} runs; the finished ones are drawn.</span>
          {s.route && <button type="button" className="button" onClick={() => { if (s.route) void startPlot(s.route); }}>Run again</button>}
        </div>
      );
    case 'error':
      return s.sweepError ? (
        <div className="plot-status plot-sweep-error" role="alert">
          <b>{s.sweepError.title}.</b> {s.sweepError.message}
          {s.sweepError.problems.length > 0 && <ul>{s.sweepError.problems.map((p) => <li key={p}><code>{p}</code></li>)}</ul>}
        </div>
      ) : null;
  }
}
