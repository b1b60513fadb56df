// One CPU: what it runs (or idle / lazy with the borrowed mm), loaded mm and ASID, mm_cpumask
// memberships, ASID slots with their tlb_gen against the mm's, its part in any shootdown, its TLB.
import { memo } from 'react';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { cpuKey } from '../lib/keys';
import type { AsidRow } from './cpu-info';
import type { CpuModel } from './select';
import { TlbList } from './TlbList';

function Asids(props: { readonly rows: readonly AsidRow[] }) {
  const { rows } = props;
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

/** A CPU card, with its parts in the shootdowns on screen (memoised: redrawn only when it reads differently). */
export const CpuCard = memo(function CpuCard(props: { readonly c: CpuModel; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { c, sel, hov } = props;
  const selectable = useSelectable();
  const st = c.status;
  const n = c.counts;
  const lit = sel?.cpus.has(c.id) ? 'is-sel' : hov?.cpus.has(c.id) ? 'is-hov' : '';
  return (
    <div className={`mv-cpu ${lit}`}>
      <div className="mv-cpu-head">
        <span className="mv-btn" {...selectable(cpuKey(c.id), `CPU${c.id}: ${st.label}`, sel?.key === cpuKey(c.id))}><b>CPU{c.id}</b> · node {c.node}</span>
        <span className={`mv-cpu-state is-${st.cls}`}>{st.label}</span>
      </div>
      {c.others.length > 0 && <div className="mv-muted">also on this CPU: {c.others.join(', ')}</div>}
      <div className="mv-muted">loaded_mm {c.mm === null ? 'init_mm' : (c.process ?? c.mm)} · ASID {c.asid}{c.lazy ? ' · cpu_tlbstate.is_lazy' : ''}</div>
      <div className="mv-muted">mm_cpumask of: {c.member.length ? c.member.map((m) => `${m.process}${m.loaded ? '' : ' (stale bit: not loaded)'}`).join(', ') : 'none'}</div>
      <Asids rows={c.asids} />
      {c.roles.map((r) => <div key={r} className="mv-role">{r}</div>)}
      <div className="mv-muted">TLB: {n.n} entries{n.stale ? ` · ${n.stale} stale` : ''}{n.dormant ? ` · ${n.dormant} dormant` : ''}</div>
      <TlbList c={c} sel={sel} hov={hov} />
    </div>
  );
});
