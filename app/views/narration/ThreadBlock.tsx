// The violations box and the scenario/thread block of the narration panel.
import type { ScenarioMeta } from './narration';

/** Invariant violations: those of this step as an alert, earlier ones as a reminder. */
export function Violations(props: { readonly now: readonly string[]; readonly all: readonly { readonly step: number; readonly message: string }[] }) {
  const { now, all } = props;
  if (now.length) {
    return (
      <div className="mv-violation" role="alert">
        <b>Invariant broken at this step</b>
        <ul>{now.map((v) => <li key={v}>{v}</li>)}</ul>
      </div>
    );
  }
  if (!all.length) return null;
  const first = all[0];
  return <p className="mv-violation-past" role="status">{all.length} invariant violation{all.length === 1 ? '' : 's'} so far{first ? ` (first at step ${first.step}: ${first.message})` : ''}</p>;
}

/** The scenario and, for thread scenarios, the thread it retells. */
export function ThreadBlock(props: { readonly meta: ScenarioMeta }) {
  const { meta } = props;
  const s = meta.source;
  return (
    <div className="mv-thread">
      <h3>{meta.title}{meta.kernel ? <span className="mv-muted"> · Linux {meta.kernel}</span> : null}</h3>
      {meta.summary && <p>{meta.summary}</p>}
      {s && (
        <p className="mv-small">
          From the thread <i>“{s.subject}”</i> — {s.author}, {s.list}, {s.date} <span className="mv-muted mv-mono">({s.thread})</span>
        </p>
      )}
      {meta.narration && <details><summary>About this scenario</summary><p>{meta.narration}</p></details>}
    </div>
  );
}
