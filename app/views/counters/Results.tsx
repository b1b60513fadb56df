// The results of the scenario's ops so far, as Linux reports them: a value, an errno name, a signal,
// bytes done; the ones that arrived in this step are highlighted.
import { memo, useState } from 'react';
import type { Frame } from '../../sim/frame';
import { cx } from '../lib/cx';

type Result = Frame['results'][number];

/** One result as text: "0x7f…", "EEXIST", "SIGSEGV", "4096 bytes". */
export function resultText(r: Result): string {
  if (r.signal) return r.signal;
  if (r.errno) return r.errno;
  const parts = [r.ret === null ? 'ok' : String(r.ret)];
  if (r.bytes !== undefined) parts.push(`${r.bytes} bytes`);
  if (r.status) parts.push(`status [${r.status.join(', ')}]`);
  return parts.join(' · ');
}

/**
 * The record step whose results are new in the frame after `step` steps (step − 1), or −1 when none
 * is: most steps complete no op, and then the list need not be redrawn.
 */
export function freshStep(results: Frame['results'], step: number): number {
  // Results arrive in step order, so the new ones are at the end.
  for (let i = results.length - 1; i >= 0 && (results[i]?.step ?? -1) >= step - 1; i--) if (results[i]?.step === step - 1) return step - 1;
  return -1;
}

/** Results drawn at once: the latest ones (a run of thousands of ops drew a row per op each step). */
export const RESULTS_SHOWN = 100;

/** The results list; those of record step `fresh` are marked new (memoised on both). */
export const Results = memo(function Results(props: { readonly results: Frame['results']; readonly fresh: number }) {
  const { results, fresh } = props;
  const [all, setAll] = useState(false);
  const from = all ? 0 : Math.max(0, results.length - RESULTS_SHOWN);
  return (
    <div className="mv-results">
      <h3>Results so far <span className="mv-muted">({results.length})</span></h3>
      {from > 0 && (
        <p className="mv-muted">
          {from.toLocaleString('en-US')} earlier result{from === 1 ? '' : 's'} not drawn{' '}
          <button type="button" className="mv-btn" onClick={() => setAll(true)}>show all {results.length.toLocaleString('en-US')}</button>
        </p>
      )}
      {results.length === 0 ? <p className="mv-muted">No op has completed yet.</p> : (
        <ol start={from + 1}>
          {results.slice(from).map((r) => (
            <li key={`${r.task}#${r.index}`} className={cx(r.step === fresh && 'is-new', (r.errno || r.signal) && 'is-error')}>
              <span className="mv-mono">{r.task}#{r.index}</span> {r.op} → <b className="mv-mono">{resultText(r)}</b> <span className="mv-muted">(step {r.step})</span>
              {r.step === fresh && <span className="mv-chip ok">new</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
