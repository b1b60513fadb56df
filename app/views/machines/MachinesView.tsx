// Machines view: every running machine (frame.actors) in tree order, one line each, beside the
// statechart of the selected machine (else the one that ran this step) with its current state lit;
// the machine that ran shows the transition it took, and one that finished in this step stays on
// screen at its final state. The list and the chart keep their places as a person steps, so a step
// redraws what changed instead of moving a whole chart from one row to another.
import type { ActorView, Frame } from '../../sim/frame';
import { frameSelector, useFrameSelector, useGraphs } from '../../store/hooks';
import { ViewFrame } from '../common/ViewFrame';
import { actorKey } from '../lib/keys';
import { useLit } from '../lib/use-lit';
import { actorTree } from './chart';
import { ChartPanel, MachineRow, type Moved } from './MachineRow';
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
  // The chart shown: the selected machine's, else the one that ran this step.
  const chosen = rows.find((x) => sel?.key === actorKey(x.actor.id));
  const picked = chosen ?? rows.find((x) => x.actor.id === d?.ran);
  const why = chosen ? 'selected' : picked?.gone ? 'ran this step and finished' : 'ran this step';
  return (
    <ViewFrame title="Machines" className="mv-machines" ready={!!d}>
      {rows.length === 0 && <p className="mv-muted">No machine is running.</p>}
      {rows.length > 0 && (
        <div className="mv-machines-body">
          <div className="mv-machine-list">
            <p className="mv-note">Every running machine, under the one that started it; select one to see its statechart.</p>
            {rows.map(({ actor, depth, gone, moved }) => {
              const lit = sel?.actors.has(actor.id) ? 'is-sel' : hov?.actors.has(actor.id) ? 'is-hov' : '';
              return <MachineRow key={actor.id} actor={actor} depth={depth} moved={moved} gone={gone} lit={lit} selected={sel?.key === actorKey(actor.id)} open={actor.id === picked?.actor.id} />;
            })}
          </div>
          <div className="mv-charts">
            {picked && <ChartPanel actor={picked.actor} g={graphs[picked.actor.kind]} moved={picked.moved} gone={picked.gone} why={why} />}
          </div>
        </div>
      )}
    </ViewFrame>
  );
}
