// One running machine on one line (kind, id, CPU, task, state, detail), and the statechart panel:
// layers of states with the current state lit, the state it just left marked, final and waiting
// states labelled in words, and the transitions out of the current state spelled out.
import { memo } from 'react';
import type { ActorView } from '../../sim/frame';
import type { MachineGraph, StateGraphNode } from '../../sim/graphs';
import { SrOnly } from '../common/ViewFrame';
import { cx } from '../lib/cx';
import { useSelectable } from '../lib/interact';
import { actorKey } from '../lib/keys';
import { layers, outgoing } from './chart';

/** The step's transition for this actor, when it ran in this step. */
export interface Moved { readonly from: string; readonly to: string; readonly event: string }

// Memoised: a step moves the machine by one state, so only the chips it enters and leaves change.
// The current and previous states are marked by a glyph in a slot every chip reserves (machines.css)
// and by words for screen readers only, so a step changes no chip's size: the chart is not laid out
// or repainted again around the two chips that changed.
const StateChip = memo(function StateChip(props: { readonly name: string; readonly final: boolean; readonly waiting: boolean; readonly now: boolean; readonly was: boolean; readonly description: string }) {
  const was = props.was && !props.now;
  const cls = cx('mv-state', props.final && 'is-final', props.waiting && 'is-waiting', props.now && 'is-now', was && 'is-was');
  return (
    <span className={cls} title={props.description || undefined} aria-current={props.now ? 'step' : undefined}>
      {props.name}
      {props.waiting && <small> waits</small>}
      {props.now && <SrOnly> (current state)</SrOnly>}
      {was && <SrOnly> (the state it just left)</SrOnly>}
    </span>
  );
});

/** What the chips' marks mean (static, drawn once under the chart). */
function ChartKey() {
  return (
    <p className="mv-chart-key" aria-hidden="true">
      <span className="mv-state is-now">now</span> current state · <span className="mv-state is-was">was</span> the state it just left · <span className="mv-state is-waiting">waits</span> sleeps there · <span className="mv-state is-final">end</span> final
    </p>
  );
}

const LAYERS = new WeakMap<MachineGraph, StateGraphNode[][]>();

/** The layers of a chart, computed once per machine kind (graphs do not change during a run). */
function layersOf(g: MachineGraph): StateGraphNode[][] {
  let l = LAYERS.get(g);
  if (!l) LAYERS.set(g, (l = layers(g)));
  return l;
}

/** The chart of machine `g` with `state` lit. */
export function Chart(props: { readonly g: MachineGraph; readonly state: string; readonly moved: Moved | null }) {
  const { g, state, moved } = props;
  return (
    <div className="mv-chart" role="list" aria-label={`${g.kind} states, ${state} current`}>
      {layersOf(g).map((layer, i) => (
        <div key={i} className="mv-layer" role="listitem">
          {i > 0 && <span className="mv-layer-arrow" aria-hidden="true">→</span>}
          <div className="mv-layer-states">
            {layer.map((s) => <StateChip key={s.name} name={s.name} final={s.final} waiting={s.waiting} description={s.description} now={s.name === state} was={moved?.from === s.name} />)}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The statechart panel of one machine: its chart with the current state lit and the ways out of it. */
export const ChartPanel = memo(function ChartPanel(props: { readonly actor: ActorView; readonly g: MachineGraph | undefined; readonly moved: Moved | null; readonly gone: boolean; readonly why: string }) {
  const { actor: a, g, moved } = props;
  const exits = g ? outgoing(g, a.state) : [];
  return (
    <section className="mv-chart-panel" aria-label={`Statechart of ${a.kind} #${a.id}`}>
      <p className="mv-chart-title"><b>{a.kind}</b> #{a.id} <span className="mv-muted">· {props.why}</span></p>
      {g ? <Chart g={g} state={a.state} moved={moved} /> : <p className="mv-muted">No statechart for {a.kind}.</p>}
      {g && <ChartKey />}
      {exits.length > 0 && !props.gone && <div className="mv-exits">from {a.state}: {exits.map((e) => `${e.event} → ${e.target}`).join(' · ')}</div>}
    </section>
  );
});

/**
 * One actor on one line; `moved` is set when it ran in this step, `gone` when it finished in it.
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
        {moved && <span className="mv-chip ok">this step: {moved.from} —{moved.event}→ {moved.to}</span>}
        {props.gone && <span className="mv-chip">finished this step</span>}
      </div>
    </div>
  );
});
