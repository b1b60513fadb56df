// Counters: the run's counters under their CLI names, what changed since the frame shown before
// (this step when stepping), the modelled cost in µs, and the results of the scenario's ops so far.
import { useMemo, useState } from 'react';
import { COUNTER_HELP } from '../../../sim-core/model/counters';
import type { Frame } from '../../sim/frame';
import { useFramePart } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { cx } from '../lib/cx';
import { usePrevious } from '../lib/use-lit';
import { counterRows, formatDelta, formatValue } from './counters';
import './counters.css';
import { freshStep, Results } from './Results';

const HELP: Readonly<Record<string, string>> = COUNTER_HELP;

type Shown = { readonly step: number; readonly counters: Frame['counters'] };

/** The counters on screen and those shown before them (for the deltas). */
function useCounters(): { readonly now: Shown | null; readonly prev: Shown | null } {
  const step = useFramePart('step');
  const counters = useFramePart('counters');
  // One object per (step, counters), so re-rendering for another reason keeps the previous one.
  const now = useMemo(() => (step === undefined || counters === undefined ? null : { step, counters }), [step, counters]);
  return { now, prev: usePrevious(now) };
}

/** The counters panel (reads the store; no props). */
export function CountersPanel() {
  const { now, prev } = useCounters();
  const results = useFramePart('results');
  const [all, setAll] = useState(false);
  if (!now || !results) return <ViewFrame title="Counters" ready={false} />;
  const groups = counterRows(now, prev && prev.step !== now.step ? prev : null);
  const since = prev && prev.step !== now.step ? (prev.step === now.step - 1 ? 'this step' : `since step ${prev.step}`) : null;
  const toggle = <button type="button" className="mv-btn" aria-pressed={all} onClick={() => setAll(!all)}>{all ? 'Hide zero counters' : 'Show all counters'}</button>;
  return (
    <ViewFrame title="Counters" className="mv-counters" ready extra={toggle}>
      <table className="mv-ctable">
        <caption className="mv-muted">{since ? `Δ = change ${since}` : 'Step to see what changes'}</caption>
        <thead><tr><th scope="col">counter</th><th scope="col">value</th><th scope="col">Δ</th></tr></thead>
        {groups.map((g) => {
          const rows = g.rows.filter((r) => all || r.changed || (typeof r.value === 'number' ? r.value !== 0 : r.value.some((n) => n !== 0)));
          if (!rows.length) return null;
          return (
            <tbody key={g.title}>
              <tr><th colSpan={3} scope="rowgroup" className="mv-cgroup">{g.title}</th></tr>
              {rows.map((r) => (
                <tr key={r.name} className={cx(r.changed && 'is-changed')} title={HELP[r.name]}>
                  <th scope="row" className="mv-mono">{r.name}</th>
                  <td>{formatValue(r.name, r.value)}</td>
                  <td>{r.changed && r.delta !== null ? <span className="mv-delta">{formatDelta(r.name, r.delta)}</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      <Results results={results} fresh={freshStep(results, now.step)} />
    </ViewFrame>
  );
}
