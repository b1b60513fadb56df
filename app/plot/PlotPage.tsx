// The plot page (#/plot/<id>?x=...&from=&to=&series=&p=&m=): sweeps one integer parameter of a
// scenario headless in a worker, for each value of a choice parameter, and draws one chart per
// metric with the LAB.md measurements as reference points. Loaded lazily.
import { useEffect, useMemo } from 'react';
import { METRICS } from '../../sim-core/scenarios/metrics';
import { formatHash, formatPlot, formatScenarioRef, plotRoute, type PlotRoute } from '../../sim-core/url';
import { Brand } from '../shell/Brand';
import { ErrorPanel } from '../shell/ErrorPanel';
import { ThemeToggle } from '../shell/ThemeToggle';
import { Chart } from './Chart';
import { closePlot, startPlot } from './controller';
import { DEFAULT_METRICS, type SweepPlan } from './plan';
import { PlotForm } from './PlotForm';
import { Legend, MetricPicker, SweepStatus } from './PlotParts';
import { refsOf, seriesOf } from './series';
import { usePlotStore } from './store';
import '../styles/plot.css';

const APP_TITLE = document.title;

/** The player's link to the scenario the plot is about. */
const playerLink = (r: PlotRoute): string => (r.scenario.kind === 'builtin' ? formatHash({ kind: 'builtin', id: r.scenario.id, step: 0, params: new Map(), choices: new Map() }) : `#/c/${r.scenario.data}`);

function Failed({ route }: { route: PlotRoute }) {
  const failure = usePlotStore((s) => s.failure);
  if (!failure) return null;
  const plain = formatPlot(plotRoute(route.scenario));
  return (
    <div className="page">
      <header className="topbar"><Brand /><span className="topbar-spacer" /><ThemeToggle /></header>
      <main className="centered">
        <ErrorPanel failure={failure}>
          {failure.title !== 'Unknown scenario' && failure.title !== 'This link is broken' && (
            <>
              <a className="button" href={playerLink(route)}>Open the scenario in the player</a>
              {plain !== formatPlot(route) && <a className="button" href={plain}>Plot it with the defaults</a>}
            </>
          )}
        </ErrorPanel>
      </main>
    </div>
  );
}

function Charts({ plan }: { plan: SweepPlan }) {
  const route = usePlotStore((s) => s.route);
  const results = usePlotStore((s) => s.results);
  const info = usePlotStore((s) => s.info);
  const ids = route?.metrics ?? DEFAULT_METRICS;
  const charts = useMemo(() => {
    const values = Object.fromEntries((info?.params ?? []).map((p) => [p.name, p.value]));
    const scenario = info && !info.custom ? info.id : null;
    return METRICS.filter((m) => ids.includes(m.id)).map((m) => ({ metric: m, series: seriesOf(plan, results, m), refs: refsOf(scenario, plan, values, m) }));
  }, [plan, results, info, ids]);
  return (
    <>
      <Legend plan={plan} refs={charts.some((c) => c.refs.length > 0)} />
      <div className="plot-grid">
        {charts.map((c) => <Chart key={c.metric.id} metric={c.metric} plan={plan} series={c.series} refs={c.refs} />)}
      </div>
    </>
  );
}

function Header() {
  const info = usePlotStore((s) => s.info);
  const showData = usePlotStore((s) => s.showData);
  useEffect(() => {
    document.title = info ? `Plot: ${info.title} — mmscope` : APP_TITLE;
    return () => { document.title = APP_TITLE; };
  }, [info]);
  return (
    <header className="topbar plot-topbar">
      <Brand />
      <div className="scenario-head">
        <h1 className="scenario-title"><span className="muted">Plot · </span>{info?.title ?? 'Loading…'}{info?.custom && <span className="badge badge-custom">custom</span>}</h1>
        {info && <p className="scenario-source">{info.summary}</p>}
      </div>
      <span className="topbar-spacer" />
      <button type="button" className="button" aria-pressed={showData} onClick={() => usePlotStore.setState({ showData: !showData })}>
        {showData ? 'Hide data tables' : 'Show data tables'}
      </button>
      <ThemeToggle />
    </header>
  );
}

/** The plot of the route's sweep. */
export default function PlotPage({ route }: { route: PlotRoute }) {
  useEffect(() => { void startPlot(route); }, [route]);
  useEffect(() => () => closePlot(), []);
  const failure = usePlotStore((s) => s.failure);
  const plan = usePlotStore((s) => s.plan);
  const params = usePlotStore((s) => s.info?.params);
  const shown = usePlotStore((s) => s.route);
  if (failure) return <Failed route={route} />;
  return (
    <div className="plot-page">
      <Header />
      <main className="plot-main">
        {plan && params && <PlotForm key={shown ? formatPlot({ ...shown, metrics: null }) : ''} plan={plan} params={params} />}
        {plan && <MetricPicker />}
        <SweepStatus />
        {plan && <Charts plan={plan} />}
        <p className="plot-foot muted">Each point is one run of {formatScenarioRef(route.scenario).startsWith('c/') ? 'the custom scenario' : 'the scenario'} to its end; the runs are deterministic, so reloading the link draws the same plot.</p>
      </main>
    </div>
  );
}
