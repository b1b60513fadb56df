// Machines view: every running machine (frame.actors) in tree order, each with its statechart and
// the current state lit; the machine that ran this step shows the transition it took, and one that
// finished in this step stays on screen at its final state.
import type { ActorView, Frame } from '../../sim/frame';
import { frameSelector, useFrameSelector, useGraphs } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { actorKey } from '../lib/keys';
import { useLit } from '../lib/use-lit';
import { actorTree } from './chart';
import { MachineRow, type Moved } from './MachineRow';
import './machines.css';

/** A machine to draw: `moved` when it ran in this step, `gone` when it finished in it. */
export interface ActorRow { readonly actor: ActorView; readonly depth: number; readonly gone: boolean; readonly moved: Moved | null }

/** The actors to draw: the frame's, plus the step's actor if its machine ended in this step. */
export function actorsToDraw(f: Frame): ActorRow[] {
  const r = f.record;
  const moved = (id: number): Moved | null => (r && r.actor === id ? { from: r.from, to: r.to, event: r.event } : null);
  const rows = actorTree(f.actors).map((x) => ({ ...x, gone: false, moved: moved(x.actor.id) }));
  if (!r || f.actors.some((a) => a.id === r.actor)) return rows;
  const ghost: ActorView = { id: r.actor, kind: r.kind, cpu: r.cpu, task: r.task, state: r.to, waiting: false, detail: '', parent: null };
  return [...rows, { actor: ghost, depth: 0, gone: true, moved: moved(r.actor) }];
}

// Once per frame, and kept while it reads the same: a step redraws the rows of the machines it
// moved and no others (MachineRow is memoised).
const selectRows = frameSelector((f) => ({ rows: actorsToDraw(f), ran: f.record?.actor ?? null }));

/** The machines view (reads the store; no props). */
export function MachinesView() {
  const d = useFrameSelector(selectRows);
  const graphs = useGraphs();
  const { sel, hov } = useLit();
  const rows = d?.rows ?? [];
  // The chart shown in full: the selected machine, else the one that ran this step.
  const picked = rows.find((x) => sel?.key === actorKey(x.actor.id))?.actor.id ?? d?.ran ?? null;
  return (
    <ViewFrame title="Machines" className="mv-machines" ready={!!d}>
      {rows.length === 0 && <p className="mv-muted">No machine is running.</p>}
      {rows.length > 0 && <p className="mv-note">The machine that ran this step shows its statechart; select another to see its own.</p>}
      {rows.map(({ actor, depth, gone, moved }) => {
        const lit = sel?.actors.has(actor.id) ? 'is-sel' : hov?.actors.has(actor.id) ? 'is-hov' : '';
        return <MachineRow key={actor.id} actor={actor} depth={depth} g={graphs[actor.kind]} moved={moved} gone={gone} lit={lit} selected={sel?.key === actorKey(actor.id)} open={actor.id === picked} />;
      })}
    </ViewFrame>
  );
}
