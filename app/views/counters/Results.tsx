// The results of the scenario's ops so far, as Linux reports them: a value, an errno name, a signal,
// bytes done; the ones that arrived in this step are highlighted.
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

/** The results list; `step` is the frame's step (a result of record step n shows at frame n + 1). */
export function Results(props: { readonly results: Frame['results']; readonly step: number }) {
  const { results, step } = props;
  return (
    <div className="mv-results">
      <h3>Results so far <span className="mv-muted">({results.length})</span></h3>
      {results.length === 0 ? <p className="mv-muted">No op has completed yet.</p> : (
        <ol>
          {results.map((r) => (
            <li key={`${r.task}#${r.index}`} className={cx(r.step === step - 1 && 'is-new', (r.errno || r.signal) && 'is-error')}>
              <span className="mv-mono">{r.task}#{r.index}</span> {r.op} → <b className="mv-mono">{resultText(r)}</b> <span className="mv-muted">(step {r.step})</span>
              {r.step === step - 1 && <span className="mv-chip ok">new</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
