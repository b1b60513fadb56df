// A chart's numbers as tables: the value of each series at each swept value, and the LAB.md
// reference points with their source. Always in the page for screen readers; shown on request.
import type { Metric } from '../../sim-core/scenarios/metrics';
import { usePlotStore } from './store';
import type { SweepPlan } from './plan';
import { fmt, type RefPoint, type SeriesData } from './series';

function RefTable({ metric, refs, plan }: { metric: Metric; refs: readonly RefPoint[]; plan: SweepPlan }) {
  return (
    <table className="plot-table">
      <caption>{metric.label}: measured on Linux 6.18 (LAB.md)</caption>
      <thead><tr><th scope="col">Measurement</th><th scope="col">{plan.x.name}</th><th scope="col">{metric.unit}</th><th scope="col">Source</th></tr></thead>
      <tbody>
        {refs.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{r.x ?? 'any'}</td>
            <td>{fmt(r.y)}{r.low !== null && r.high !== null ? ` (${fmt(r.low)}–${fmt(r.high)})` : ''}</td>
            <td className="plot-source">{r.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The data of one chart. */
export function DataTable({ metric, plan, series, refs }: { metric: Metric; plan: SweepPlan; series: readonly SeriesData[]; refs: readonly RefPoint[] }) {
  const shown = usePlotStore((s) => s.showData);
  const at = (s: SeriesData, x: number): string => {
    const p = s.points.find((q) => q.x === x);
    return p ? fmt(p.y) : '—';
  };
  return (
    <div className={shown ? 'plot-data' : 'visually-hidden'}>
      <table className="plot-table">
        <caption>{metric.label} ({metric.unit}) by {plan.x.name}</caption>
        <thead><tr><th scope="col">{plan.x.name}</th>{series.map((s) => <th key={s.index} scope="col">{s.label}</th>)}</tr></thead>
        <tbody>
          {plan.values.map((x) => (
            <tr key={x}><th scope="row">{x}</th>{series.map((s) => <td key={s.index}>{at(s, x)}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {refs.length > 0 && <RefTable metric={metric} refs={refs} plan={plan} />}
    </div>
  );
}
