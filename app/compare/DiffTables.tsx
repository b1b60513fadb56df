// The counters that differ between the runs, as A, B and B − A: at the cursor (each run at its own
// clamped step) and at the end of the runs.
import { useMemo } from 'react';
import { type CounterDiff, type Counters, diffCounters, formatCounter, formatDiff } from './diff';
import { useCompareStore } from './store';

function DiffTable({ caption, a, b, id, failed }: { caption: string; a: Counters | null; b: Counters | null; id: string; failed: string | null }) {
  const rows: CounterDiff[] = useMemo(() => (a && b ? diffCounters(a, b) : []), [a, b]);
  return (
    <section className="cmp-diff" aria-labelledby={id}>
      <h2 id={id} className="cmp-diff-title">{caption}</h2>
      {failed ? <p className="muted">{failed}</p> : !a || !b ? <p className="muted">Waiting for both runs.</p>
        : rows.length === 0 ? <p className="muted">No counter differs.</p>
          : (
            <table className="cmp-diff-table" aria-labelledby={id}>
              <thead><tr><th scope="col">Counter</th><th scope="col">A</th><th scope="col">B</th><th scope="col">B − A</th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name}>
                    <th scope="row" className="mono">{r.name}</th>
                    <td>{formatCounter(r.name, r.a)}</td>
                    <td>{formatCounter(r.name, r.b)}</td>
                    <td className={r.delta > 0 ? 'is-up' : r.delta < 0 ? 'is-down' : ''}>{formatDiff(r.name, r.delta)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
    </section>
  );
}

/** Both diff tables. */
export function DiffTables() {
  const cursor = useCompareStore((s) => s.cursor);
  const fa = useCompareStore((s) => s.a.frame);
  const fb = useCompareStore((s) => s.b.frame);
  const ea = useCompareStore((s) => s.a.summary?.counters ?? null);
  const eb = useCompareStore((s) => s.b.summary?.counters ?? null);
  const at = fa && fb && (fa.step !== cursor || fb.step !== cursor) ? ` (A at step ${fa.step}, B at step ${fb.step})` : '';
  const endAt = useCompareStore((s) => (s.a.total !== null && s.b.total !== null ? ` (A: ${s.a.total} steps, B: ${s.b.total})` : ''));
  const failed = useCompareStore((s) => (s.a.status === 'error' ? 'A' : s.b.status === 'error' ? 'B' : null));
  const why = failed && `Run ${failed} could not start, so there is nothing to compare.`;
  return (
    <div className="cmp-diffs">
      <DiffTable id="cmp-diff-now" caption={`Counters that differ at step ${cursor.toLocaleString('en-US')}${at}`} a={fa?.counters ?? null} b={fb?.counters ?? null} failed={why} />
      <DiffTable id="cmp-diff-end" caption={`Counters that differ at the end of the runs${endAt}`} a={ea} b={eb} failed={why} />
    </div>
  );
}
