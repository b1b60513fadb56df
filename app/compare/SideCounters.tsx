// One run's counters at the cursor, two columns of name and value; the ones that differ from the
// other run are marked (the diff table below gives the numbers side by side).
import { COUNTER_HELP } from '../../sim-core/model/counters';
import { cx } from '../views/lib/cx';
import { baseName, type Counters, flattenCounters, formatCounter } from './diff';

const help = (name: string): string | undefined => (COUNTER_HELP as Record<string, string>)[baseName(name)];

/**
 * The counters of one run; `differs` holds the flattened names that differ from the other run, null
 * when the other run has nothing on screen to compare with.
 */
export function SideCounters({ counters, differs, label }: { counters: Counters; differs: ReadonlySet<string> | null; label: string }) {
  const rows = [...flattenCounters(counters)];
  const note = differs === null ? 'nothing to compare with' : differs.size === 0 ? 'same as the other run' : `${differs.size} differ from the other run`;
  return (
    <section className="cmp-counters" aria-label={`Counters of run ${label}`}>
      <h3 className="cmp-h3">Counters <span className="muted">· {note}</span></h3>
      <dl className="cmp-counter-grid">
        {rows.map(([name, v]) => (
          <div key={name} className={cx('cmp-counter', differs?.has(name) && 'is-different')} title={help(name)}>
            <dt className="mono">{name}</dt>
            <dd>{formatCounter(name, v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
