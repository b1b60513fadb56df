// Machines view: every running machine (frame.actors) in tree order, each with its statechart and
// the current state lit; the machine that ran this step shows the transition it took, and one that
// finished in this step stays on screen at its final state.
import { useMemo } from 'react';
import type { ActorView, Frame } from '../../sim/frame';
import { useFrame, useGraphs } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { actorKey } from '../lib/keys';
import { useLit } from '../lib/use-lit';
import { actorTree } from './chart';
import { MachineRow, type Moved } from './MachineRow';
import './machines.css';

/** The actors to draw: the frame's, plus the step's actor if its machine ended in this step. */
export function actorsToDraw(f: Frame): { readonly actor: ActorView; readonly depth: number; readonly gone: boolean }[] {
  const rows = actorTree(f.actors).map((r) => ({ ...r, gone: false }));
  const r = f.record;
  if (!r || f.actors.some((a) => a.id === r.actor)) return rows;
  const ghost: ActorView = { id: r.actor, kind: r.kind, cpu: r.cpu, task: r.task, state: r.to, waiting: false, detail: '', parent: null };
  return [...rows, { actor: ghost, depth: 0, gone: true }];
}

/** The machines view (reads the store; no props). */
export function MachinesView() {
  const frame = useFrame();
  const graphs = useGraphs();
  const { sel, hov } = useLit();
  const rows = useMemo(() => (frame ? actorsToDraw(frame) : []), [frame]);
  const r = frame?.record ?? null;
  // The chart shown in full: the selected machine, else the one that ran this step.
  const picked = rows.find((x) => sel?.key === actorKey(x.actor.id))?.actor.id ?? r?.actor ?? null;
  return (
    <ViewFrame title="Machines" className="mv-machines" ready={!!frame}>
      {rows.length === 0 && <p className="mv-muted">No machine is running.</p>}
      {rows.length > 0 && <p className="mv-note">The machine that ran this step shows its statechart; select another to see its own.</p>}
      {rows.map(({ actor, depth, gone }) => {
        const moved: Moved | null = r && r.actor === actor.id ? { from: r.from, to: r.to, event: r.event } : null;
        const lit = sel?.actors.has(actor.id) ? 'is-sel' : hov?.actors.has(actor.id) ? 'is-hov' : '';
        return <MachineRow key={actor.id} actor={actor} depth={depth} g={graphs[actor.kind]} moved={moved} gone={gone} lit={lit} selected={sel?.key === actorKey(actor.id)} open={actor.id === picked} />;
      })}
    </ViewFrame>
  );
}
