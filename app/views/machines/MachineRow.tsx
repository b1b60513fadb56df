// One running machine on one line (kind, id, CPU, task, state, detail), and the statechart panel:
// the chart (ChartCanvas) with the current state lit and the state it just left marked, a key to its
// marks, and the transitions out of the current state spelled out.
import { memo } from 'react';
import type { ActorView } from '../../sim/frame';
import type { MachineGraph } from '../../sim/graphs';
import { SrOnly } from '../common/ViewFrame';
import { cx } from '../lib/cx';
import { useSelectable } from '../lib/interact';
import { actorKey } from '../lib/keys';
import { outgoing } from './chart';
import { ChartCanvas } from './ChartCanvas';

/** The step's transition for this actor, when it ran in this step. */
export interface Moved { readonly from: string; readonly to: string; readonly event: string }

/** What the chips' marks mean (static, drawn once under the chart). */
function ChartKey() {
  return (
    <p className="mv-chart-key" aria-hidden="true">
      <span className="mv-state is-now">now</span> current state · <span className="mv-state is-was">was</span> the state it just left · <span className="mv-state is-waiting">waits</span> sleeps there · <span className="mv-state is-final">end</span> final
    </p>
  );
}

/** The statechart panel of one machine: its chart with the current state lit and the ways out of it. */
export const ChartPanel = memo(function ChartPanel(props: { readonly actor: ActorView; readonly g: MachineGraph | undefined; readonly moved: Moved | null; readonly gone: boolean; readonly why: string }) {
  const { actor: a, g, moved } = props;
  const exits = g ? outgoing(g, a.state) : [];
  return (
    <section className="mv-chart-panel" aria-label={`Statechart of ${a.kind} #${a.id}`}>
      <p className="mv-chart-title"><b>{a.kind}</b> #{a.id} <span className="mv-muted">· {props.why}{moved && <>: <span className="mv-mono">{moved.from} —{moved.event}→ {moved.to}</span></>}</span></p>
      {g ? <ChartCanvas g={g} state={a.state} was={moved?.from ?? null} /> : <p className="mv-muted">No statechart for {a.kind}.</p>}
      {g && <ChartKey />}
      {exits.length > 0 && !props.gone && <div className="mv-exits">from {a.state}: {exits.map((e) => `${e.event} → ${e.target}`).join(' · ')}</div>}
    </section>
  );
});

/**
 * One actor on one line; `moved` is set when it ran in this step (a green edge; the statechart's title
 * spells the transition out, so the row keeps its size), `gone` when it finished in it.
 * Memoised: a machine that did not move in this step is not redrawn. The rows keep their place from
 * step to step (the statechart has its own panel above them), so stepping does not reflow the list.
 */
export const MachineRow = memo(function MachineRow(props: { readonly actor: ActorView; readonly depth: number; readonly moved: Moved | null; readonly gone: boolean; readonly lit: string; readonly selected: boolean; readonly open: boolean }) {
  const { actor: a, moved } = props;
  const selectable = useSelectable();
  const who = `${a.kind} #${a.id}`;
  const label = `${who} on CPU${a.cpu}${a.task ? `, task ${a.task}` : ''}, state ${a.state}${a.detail ? `, ${a.detail}` : ''}`;
  return (
    <div className={cx('mv-machine', props.lit, moved && 'is-moved', props.gone && 'is-gone', props.open && 'is-open')} style={{ marginLeft: props.depth * 14 }}>
      <div className="mv-machine-head">
        <span className="mv-btn" {...selectable(actorKey(a.id), label, props.selected)}><b>{a.kind}</b> #{a.id}</span>
        <span className="mv-muted">CPU{a.cpu}{a.task ? ` · ${a.task}` : ''}</span>
        <span className="mv-mono mv-now">{a.state}{a.detail ? ` (${a.detail})` : ''}</span>
        {a.waiting && <span className="mv-chip warn">waiting</span>}
        {moved && <SrOnly> (ran this step: {moved.from} —{moved.event}→ {moved.to})</SrOnly>}
        {props.gone && <span className="mv-chip">finished this step</span>}
      </div>
    </div>
  );
});
