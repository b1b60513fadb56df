// One column of the comparison: the run's parameters (editable), a link to it in the player, then
// at the cursor its narration, its CPUs with IPIs and its counters. While recording it shows the
// progress; if the run cannot start, why, and a way to reset it.
import { useMemo } from 'react';
import { type CompareRoute, formatCompare, type Side } from '../../sim-core/url';
import { CpuStrip } from './CpuStrip';
import { endedNote, playerHash, sideLabel, sideStep } from './cursor';
import { diffCounters } from './diff';
import { SideCounters } from './SideCounters';
import { SideNarration } from './SideNarration';
import { SideParams } from './SideParams';
import { type SideState, useCompareStore } from './store';

const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');

function Loading({ s, label }: { s: SideState; label: string }) {
  return (
    <div className="cmp-loading" aria-busy="true">
      <progress aria-label={`Recording run ${label}`} />
      <p className="muted" role="status">
        {s.progress > 0 ? `Recording run ${label}: ${s.progress.toLocaleString('en-US')} steps so far` : `Starting the simulator for run ${label}`}
      </p>
    </div>
  );
}

function Failed({ s, route, side }: { s: SideState; route: CompareRoute; side: Side }) {
  const f = s.failure;
  const own = side === 'a' ? route.a : route.b;
  return (
    <div className="cmp-failed" role="alert">
      <h3>{f?.title ?? 'This run cannot start'}</h3>
      <p>{f?.message}</p>
      {f && f.problems.length > 0 && <ul className="error-problems" aria-label="Problems">{f.problems.map((p) => <li key={p}><code>{p}</code></li>)}</ul>}
      <p className="error-actions">
        {own.size > 0 && <a className="button" href={formatCompare({ ...route, [side]: new Map() })}>Reset run {sideLabel(side)} to the defaults</a>}
        <a className="button" href="#/">Back to the gallery</a>
      </p>
    </div>
  );
}

/** The differing counters of this side against the other at the frames on screen (null: the other has none). */
function useDiffers(side: Side): ReadonlySet<string> | null {
  const mine = useCompareStore((st) => st[side].frame);
  const theirs = useCompareStore((st) => (st[other(side)].status === 'ready' ? st[other(side)].frame : null));
  return useMemo(() => (mine && theirs ? new Set(diffCounters(mine.counters, theirs.counters).map((d) => d.name)) : null), [mine, theirs]);
}

/** The column of run A or run B. */
export function SidePanel({ route, side }: { route: CompareRoute; side: Side }) {
  const s = useCompareStore((st) => st[side]);
  const cursor = useCompareStore((st) => st.cursor);
  const differs = useDiffers(side);
  const label = sideLabel(side);
  const params = side === 'a' ? route.a : route.b;
  const ended = endedNote(side, cursor, s.total);
  return (
    <section className={`cmp-side cmp-side-${side}`} aria-label={`Run ${label}`} data-total={s.total ?? undefined}>
      <header className="cmp-side-head">
        <h2 className="cmp-side-title"><span className={`cmp-tag cmp-tag-${side}`}>{label}</span> Run {label}</h2>
        <span className="topbar-spacer" />
        {s.total !== null && (
          <a className="button" href={playerHash(route.scenario, params, sideStep(cursor, s.total))}>Open {label} in the player</a>
        )}
      </header>
      {s.info?.params && <SideParams route={route} side={side} params={s.info.params} label={label} />}
      {s.status === 'loading' && <Loading s={s} label={label} />}
      {s.status === 'error' && <Failed s={s} route={route} side={side} />}
      {s.status === 'ready' && s.frame && (
        <>
          <p className="cmp-side-step">
            {ended ? <span className="cmp-ended" role="status">{ended}</span>
              : <span className="muted">step {s.frame.step.toLocaleString('en-US')} of {(s.total ?? 0).toLocaleString('en-US')}</span>}
          </p>
          <SideNarration record={s.frame.record} label={label} />
          <CpuStrip frame={s.frame} label={label} />
          <SideCounters counters={s.frame.counters} differs={differs} label={label} />
        </>
      )}
    </section>
  );
}
