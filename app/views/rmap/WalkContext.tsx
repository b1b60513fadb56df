// Why walks run, and who waits for them: each migrate_pages call as a line and a strip of its folios
// by state (the one being walked outlined), each reclaim pass, and every task asleep in
// migration_entry_wait on a migration entry (selectable: it lights the task's CPU and address).
import { memo } from 'react';
import type { Frame, MigrationView } from '../../sim/frame';
import { hex } from '../lib/geometry';
import { useSelectable } from '../lib/interact';
import { actorKey } from '../lib/keys';
import { SrOnly } from '../common/ViewFrame';
import { MIGRATION_STATES, migrationLine, migrationSummary, migrationWaiters, reclaimLine, type Waiter } from './context';

const CELL = 9;
const PER_ROW = 32;
/** Most folios drawn in a strip; the summary counts them all. */
const MAX_CELLS = 128;

/** One path per state (a subpath per folio), so a call of 64 folios costs a handful of elements. */
export function stripPaths(m: MigrationView, max: number = MAX_CELLS): Record<string, string> {
  const d: Record<string, string> = { queued: '', unmapped: '', done: '', failed: '' };
  m.folios.slice(0, max).forEach((x, i) => {
    d[x.state] += `M${(i % PER_ROW) * CELL + 0.5} ${Math.floor(i / PER_ROW) * CELL + 0.5}h${CELL - 1.5}v${CELL - 1.5}h${1.5 - CELL}z`;
  });
  return d;
}

const Strip = memo(function Strip(props: { readonly m: MigrationView; readonly current: number | null }) {
  const { m } = props;
  const n = Math.min(m.folios.length, MAX_CELLS);
  const rows = Math.ceil(n / PER_ROW);
  const paths = stripPaths(m);
  const at = props.current === null ? -1 : m.folios.findIndex((x) => x.src === props.current);
  return (
    <svg className="mv-rm-strip" viewBox={`0 0 ${PER_ROW * CELL} ${rows * CELL}`} style={{ maxWidth: PER_ROW * CELL * 1.25 }} role="img" aria-label={`folios of the call by state: ${migrationSummary(m)}`}>
      {MIGRATION_STATES.map((st) => paths[st] && <path key={st} className={`mv-rm-cell is-${st}`} d={paths[st]} />)}
      {at >= 0 && at < n && <rect className="mv-rm-cell is-walked" x={(at % PER_ROW) * CELL} y={Math.floor(at / PER_ROW) * CELL} width={CELL} height={CELL} />}
    </svg>
  );
});

function StripKey() {
  return (
    <ul className="mv-legend" aria-label="Folio states in migrate_pages">
      {MIGRATION_STATES.map((s) => <li key={s}><svg className="mv-swatch" viewBox="0 0 10 10" aria-hidden="true"><rect className={`mv-rm-cell is-${s}`} width="10" height="10" /></svg>{s === 'unmapped' ? 'unmapped (migration entries)' : s === 'done' ? 'moved' : s}</li>)}
    </ul>
  );
}

function WaiterLine(props: { readonly w: Waiter; readonly selected: boolean }) {
  const { w } = props;
  const selectable = useSelectable();
  const on = w.pfn === null ? 'a migration entry' : `pfn ${w.pfn}`;
  const text = `${w.task ?? 'a task'} (CPU${w.cpu}) sleeps in migration_entry_wait: its ${w.write ? 'write' : 'read'} at ${hex(w.addr)} found a migration entry${w.pfn === null ? '' : ` for pfn ${w.pfn}`}; folio_unlock at the end of the move wakes it`;
  return (
    <li className="mv-rm-waiter" title={text}>
      <span className="mv-btn" {...selectable(actorKey(w.actor), text, props.selected)}>{w.task ?? 'task'}</span> sleeps in migration_entry_wait on {on}
      <SrOnly>{`: ${text}`}</SrOnly>
    </li>
  );
}

/** The tasks asleep in migration_entry_wait (nothing when none): each selectable, lighting its CPU and address. */
export function Waiters(props: { readonly frame: Frame; readonly selection: string | null }) {
  const waiters = migrationWaiters(props.frame);
  if (!waiters.length) return null;
  return <ul className="mv-rm-waiters" aria-label="Tasks waiting on a migration entry">{waiters.map((w) => <WaiterLine key={w.actor} w={w} selected={props.selection === actorKey(w.actor)} />)}</ul>;
}

/** The migrate_pages calls and reclaim passes of the frame (nothing when none). */
export function WalkContext(props: { readonly frame: Frame; readonly walkedSrc: number | null }) {
  const { frame } = props;
  if (!frame.migrations.length && !frame.reclaims.length) return null;
  return (
    <div className="mv-rm-context">
      {frame.migrations.map((m) => (
        <div key={m.actor} className="mv-rm-mig">
          <p className="mv-rm-ctx-line"><b className="mv-mono">{migrationLine(m)}</b><br /><span className="mv-muted">{migrationSummary(m)}</span></p>
          <Strip m={m} current={props.walkedSrc} />
        </div>
      ))}
      {frame.migrations.length > 0 && <StripKey />}
      {frame.reclaims.map((r) => <p key={r.actor} className="mv-rm-ctx-line mv-mono">{reclaimLine(r)}</p>)}
    </div>
  );
}
