// Narration: what this step does and why (the record's sentence), the kernel function and file it
// models with links to the source, the actor and its transition, invariant violations up front, the
// step's plan on demand, and the mailing-list thread the scenario retells.
import { useState } from 'react';
import type { StepView } from '../../sim/frame';
import { useFramePart, useScenarioRaw } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { formatUs } from '../lib/format';
import { DIFF_LIMIT } from '../lib/step-changes';
import { identUrl, scenarioMeta, sourceUrl } from './narration';
import './narration.css';
import { ThreadBlock, Violations } from './ThreadBlock';

function KernelRef(props: { readonly r: StepView }) {
  const { r } = props;
  const fn = identUrl(r.fn);
  const file = sourceUrl(r.file);
  // Not kernel source (the MMU, user space): say it as the CLI trace does, "file: what".
  if (!fn && !file) return <p className="mv-kref"><span className="mv-muted">models </span><span className="mv-mono">{r.file}: {r.fn}</span></p>;
  return (
    <p className="mv-kref">
      <span className="mv-muted">models </span>
      {fn ? <a href={fn} target="_blank" rel="noreferrer" className="mv-mono" aria-label={`${r.fn} on Elixir (opens a new tab)`}>{r.fn}()</a> : <span className="mv-mono">{r.fn}</span>}
      <span className="mv-muted"> in </span>
      {file ? <a href={file} target="_blank" rel="noreferrer" className="mv-mono" aria-label={`${r.file} on Elixir (opens a new tab)`}>{r.file}</a> : <span className="mv-mono">{r.file}</span>}
    </p>
  );
}

/** The step's plan, one op a line; rendered only while open (a zap step has hundreds). */
function Diff(props: { readonly diff: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const { diff } = props;
  return (
    <details className="mv-diff" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>What changed ({diff.length}{diff.length >= DIFF_LIMIT ? '+' : ''} plan ops)</summary>
      {open && <ol>{diff.map((d, i) => <li key={i} className="mv-mono">{d}</li>)}</ol>}
      {open && diff.length >= DIFF_LIMIT && <p className="mv-muted">Only the first {DIFF_LIMIT} are listed.</p>}
    </details>
  );
}

function StepBody(props: { readonly r: StepView }) {
  const { r } = props;
  return (
    <>
      <p className="mv-who">
        <b>CPU{r.cpu}</b> · <span className="mv-mono">{r.kind} #{r.actor}</span>{r.task ? <> · task <b>{r.task}</b></> : null}
        <br /><span className="mv-mono">{r.from} —{r.event}→ {r.to}</span>
      </p>
      <p className="mv-say">{r.say}</p>
      <KernelRef r={r} />
      <p className="mv-muted mv-small">this step costs {formatUs(r.cost)} (modelled){r.runnable > 1 ? ` · ${r.runnable} machines were runnable` : ''}</p>
      {r.diff.length > 0 && <Diff diff={r.diff} />}
    </>
  );
}

/** The narration panel (reads the store; no props). */
export function NarrationPanel() {
  const r = useFramePart('record');
  const step = useFramePart('step');
  const total = useFramePart('total');
  const time = useFramePart('time');
  const violations = useFramePart('violations');
  const meta = scenarioMeta(useScenarioRaw());
  const ready = step !== undefined;
  return (
    <ViewFrame title="Narration" className="mv-narr" ready={ready} extra={ready ? <span className="mv-muted">step {step} of {total} · t = {formatUs(time ?? 0)}</span> : null}>
      <Violations now={r?.violations ?? []} all={violations ?? []} />
      {r ? <StepBody r={r} /> : <p className="mv-say">The initial state: nothing has run yet. Step forward to start the scenario.</p>}
      {meta && <ThreadBlock meta={meta} />}
    </ViewFrame>
  );
}
