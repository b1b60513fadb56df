// One CPU: what it runs (or idle / lazy with the borrowed mm), loaded mm and ASID, mm_cpumask
// memberships, ASID slots with their tlb_gen against the mm's, its part in any shootdown, its TLB.
import type { CpuView, MmView } from '../../sim/frame';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { cpuKey } from '../lib/keys';
import { asidRows, cpuStatus, memberships, tlbCounts } from './cpu-info';
import { TlbList } from './TlbList';

function Asids(props: { readonly c: CpuView; readonly mms: readonly MmView[] }) {
  const rows = asidRows(props.c, props.mms);
  if (!rows.length) return <div className="mv-muted">ASIDs: none in use</div>;
  return (
    <div className="mv-asids">
      <span className="mv-muted">ASIDs:</span>
      {rows.map((r) => {
        const behind = r.mmGen !== null && r.tlbGen < r.mmGen;
        return (
          <span key={r.slot} className={`mv-chip ${behind ? 'warn' : ''}`} title="ASID slot: mm, tlb_gen flushed to / the mm's tlb_gen">
            {r.loaded ? '▶ ' : ''}ASID {r.slot}: {r.process} · gen {r.tlbGen}{r.mmGen === null ? '' : ` / mm ${r.mmGen}`}{behind ? ' (behind)' : ''}
          </span>
        );
      })}
    </div>
  );
}

/** A CPU card; `roles` are its parts in the shootdowns on screen. */
export function CpuCard(props: { readonly c: CpuView; readonly mms: readonly MmView[]; readonly roles: readonly string[]; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { c, mms, sel, hov } = props;
  const selectable = useSelectable();
  const st = cpuStatus(c);
  const member = memberships(c, mms);
  const n = tlbCounts(c);
  const lit = sel?.cpus.has(c.id) ? 'is-sel' : hov?.cpus.has(c.id) ? 'is-hov' : '';
  return (
    <div className={`mv-cpu ${lit}`}>
      <div className="mv-cpu-head">
        <span className="mv-btn" {...selectable(cpuKey(c.id), `CPU${c.id}: ${st.label}`, sel?.key === cpuKey(c.id))}><b>CPU{c.id}</b> · node {c.node}</span>
        <span className={`mv-cpu-state is-${st.cls}`}>{st.label}</span>
      </div>
      <div className="mv-muted">loaded_mm {c.mm === null ? 'init_mm' : (c.process ?? c.mm)} · ASID {c.asid}{c.lazy ? ' · cpu_tlbstate.is_lazy' : ''}</div>
      <div className="mv-muted">mm_cpumask of: {member.length ? member.map((m) => `${m.process}${m.loaded ? '' : ' (stale bit: not loaded)'}`).join(', ') : 'none'}</div>
      <Asids c={c} mms={mms} />
      {props.roles.map((r) => <div key={r} className="mv-role">{r}</div>)}
      <div className="mv-muted">TLB: {n.n} entries{n.stale ? ` · ${n.stale} stale` : ''}{n.dormant ? ` · ${n.dormant} dormant` : ''}</div>
      <TlbList c={c} sel={sel} hov={hov} />
    </div>
  );
}
