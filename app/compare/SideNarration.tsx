// What one run's current step does: the record's sentence, the kernel function and file it models
// (linked to Elixir), and who ran it.
import type { StepView } from '../sim/frame';
import { identUrl, sourceUrl } from '../views/narration/narration';

function KernelRef({ r }: { r: StepView }) {
  const fn = identUrl(r.fn);
  const file = sourceUrl(r.file);
  return (
    <p className="cmp-kref">
      {fn ? <a href={fn} target="_blank" rel="noreferrer" className="mono" aria-label={`${r.fn} on Elixir (opens a new tab)`}>{r.fn}()</a> : <span className="mono">{r.fn}</span>}
      <span className="muted"> in </span>
      {file ? <a href={file} target="_blank" rel="noreferrer" className="mono" aria-label={`${r.file} on Elixir (opens a new tab)`}>{r.file}</a> : <span className="mono">{r.file}</span>}
    </p>
  );
}

/** The narration of the step that led to the frame on screen (none at step 0). */
export function SideNarration({ record, label }: { record: StepView | null; label: string }) {
  return (
    <section className="cmp-narration" aria-label={`Narration of run ${label}`}>
      {record ? (
        <>
          <p className="cmp-who muted">
            step {record.step + 1} · <b>CPU{record.cpu}</b>{record.task ? <> · {record.task}</> : null} · <span className="mono">{record.kind}</span>
          </p>
          <p className="cmp-say">{record.say}</p>
          <KernelRef r={record} />
        </>
      ) : <p className="cmp-say muted">The run starts here: no step has run yet.</p>}
    </section>
  );
}
