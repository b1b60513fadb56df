// One chart: a metric against the swept parameter, a line with markers per series and the LAB.md
// reference points as hollow diamonds (their label and source in a tooltip). d3 computes the layout
// (layout.ts); React draws it. The SVG is one image for assistive technology, summarised in its
// label, and the numbers are in a table beside it (DataTable.tsx).
import { memo } from 'react';
import type { Metric } from '../../sim-core/scenarios/metrics';
import { DataTable } from './DataTable';
import { chartLayout, type ChartLayout, markerPath, refPath, SIZE } from './layout';
import type { SweepPlan } from './plan';
import { fmt, type RefPoint, type SeriesData } from './series';

function summary(metric: Metric, plan: SweepPlan, series: readonly SeriesData[], refs: readonly RefPoint[]): string {
  const parts = series.filter((s) => s.points.length > 0).map((s) => {
    const ys = [...s.points].sort((a, b) => a.x - b.x).map((p) => p.y);
    return `${s.label} from ${fmt(ys[0] ?? 0)} to ${fmt(ys.at(-1) ?? 0)}`;
  });
  const what = `${metric.label} (${metric.unit}) against ${plan.x.name} from ${plan.from} to ${plan.to}`;
  const lines = parts.length ? `: ${parts.join('; ')}` : ': no runs finished yet';
  return `${what}${lines}.${refs.length ? ` ${refs.length} measured reference point${refs.length === 1 ? '' : 's'} from LAB.md.` : ''}`;
}

function Axes({ l, xName, unit }: { l: ChartLayout; xName: string; unit: string }) {
  const { area } = l;
  return (
    <g className="plot-axes">
      {l.yTicks.map((t) => (
        <g key={`y${t.value}`}>
          <line className="plot-gridline" x1={area.left} x2={area.right} y1={t.pos} y2={t.pos} />
          <text className="plot-tick" x={area.left - 6} y={t.pos} dy="0.32em" textAnchor="end">{t.label}</text>
        </g>
      ))}
      {l.xTicks.map((t) => (
        <g key={`x${t.value}`}>
          <line className="plot-tickmark" x1={t.pos} x2={t.pos} y1={area.bottom} y2={area.bottom + 4} />
          <text className="plot-tick" x={t.pos} y={area.bottom + 16} textAnchor="middle">{t.label}</text>
        </g>
      ))}
      <line className="plot-axis" x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} />
      <line className="plot-axis" x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} />
      <text className="plot-axis-title" x={(area.left + area.right) / 2} y={SIZE.height - 4} textAnchor="middle">{xName}</text>
      <text className="plot-axis-title" transform={`translate(12 ${(area.top + area.bottom) / 2}) rotate(-90)`} textAnchor="middle">{unit}</text>
    </g>
  );
}

function Refs({ l }: { l: ChartLayout }) {
  const d = refPath();
  return (
    <g className="plot-refs">
      {l.refs.map(({ ref, px, py, pyLow, pyHigh }, i) => {
        const cls = `plot-ref plot-s${ref.series ?? 'n'}`;
        const title = <title>{`${ref.label} — measured on Linux 6.18 (${ref.source})`}</title>;
        if (px === null) {
          return <g key={i} className={cls}><line x1={l.area.left} x2={l.area.right} y1={py} y2={py} className="plot-ref-level" />{title}</g>;
        }
        return (
          <g key={i} className={cls} data-ref={ref.label}>
            {pyLow !== null && pyHigh !== null && <line className="plot-ref-range" x1={px} x2={px} y1={pyLow} y2={pyHigh} />}
            <path d={d} transform={`translate(${px} ${py})`} />
            {title}
          </g>
        );
      })}
    </g>
  );
}

/** One metric's chart and its data table. */
export const Chart = memo(function Chart({ metric, plan, series, refs }: { metric: Metric; plan: SweepPlan; series: readonly SeriesData[]; refs: readonly RefPoint[] }) {
  const l = chartLayout(series, refs, plan.from, plan.to);
  const id = `plot-${metric.id.replace(/\W/g, '-')}`;
  return (
    <figure className="plot-chart" aria-labelledby={`${id}-title`} data-metric={metric.id}>
      <figcaption id={`${id}-title`} className="plot-chart-title">{metric.label} <span className="muted">({metric.unit})</span></figcaption>
      <svg className="plot-svg" viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} role="img" aria-label={summary(metric, plan, series, refs)}>
        <Axes l={l} xName={plan.x.name} unit={metric.unit} />
        {l.lines.map((s) => (
          <g key={s.index} className={`plot-series plot-s${s.index}`}>
            <path className="plot-line" d={s.d} />
            {s.points.map((p) => (
              <path key={p.x} className="plot-marker" d={markerPath(s.index)} transform={`translate(${p.px} ${p.py})`}>
                <title>{`${series[s.index]?.label ?? ''}: ${plan.x.name} = ${p.x}, ${fmt(p.y)} ${metric.unit}`}</title>
              </path>
            ))}
          </g>
        ))}
        <Refs l={l} />
      </svg>
      <DataTable metric={metric} plan={plan} series={series} refs={refs} />
    </figure>
  );
});
