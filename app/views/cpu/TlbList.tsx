// A CPU's TLB entries in model order: virtual page → pfn, W/R, dirty, ASID and mm, with stale
// entries (disagree with their PTE) and dormant ones (unusable now) marked in words.
import { memo } from 'react';
import type { CpuView, TlbView } from '../../sim/frame';
import { VirtualRows } from '../common/VirtualRows';
import { hex } from '../lib/geometry';
import { type Lit, tlbId } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { vaddrKey } from '../lib/keys';

// Two lines per entry: the translation, then its state in words (cards are narrow).
const ROW = 32;

type EntryProps = { readonly e: TlbView; readonly asid: number; readonly lit: string; readonly selected: boolean };

// Frames are rebuilt every step: skip rows whose entry reads the same.
function sameEntry(a: EntryProps, b: EntryProps): boolean {
  const x = a.e;
  const y = b.e;
  return a.lit === b.lit && a.selected === b.selected && a.asid === b.asid && x.vpn === y.vpn && x.pfn === y.pfn && x.writable === y.writable
    && x.dirty === y.dirty && x.asid === y.asid && x.stale === y.stale && x.dormant === y.dormant && x.process === y.process;
}

const Entry = memo(function Entry(props: EntryProps) {
  const { e, lit } = props;
  const selectable = useSelectable();
  const notes = `${e.stale ? ', stale' : ''}${e.dormant ? ', dormant' : ''}`;
  const label = `TLB entry ${hex(e.vaddr)} to pfn ${e.pfn}, ${e.writable ? 'writable' : 'read-only'}, ASID ${e.asid} (${e.process})${notes}`;
  return (
    <div role="listitem" className={`mv-tlb-row ${lit} ${e.stale ? 'is-stale' : ''} ${e.dormant ? 'is-dormant' : ''}`}>
      <span className="mv-tlb-btn" {...selectable(vaddrKey(e.vaddr), label, props.selected)}>
        <span className="mv-tlb-line mv-mono">
          <span className="mv-tlb-va">{hex(e.vaddr)}</span> → pfn {e.pfn} <span title={`${e.writable ? 'writable' : 'read-only'}${e.dirty ? ', dirty' : ''}`}>{e.writable ? 'RW' : 'RO'}{e.dirty ? ' D' : ''}</span>
        </span>
        <span className="mv-tlb-notes">
          {e.stale ? <b className="mv-stale">stale</b> : 'matches its PTE'}
          {e.dormant ? ' · dormant' : ''}
          {e.asid !== props.asid ? ` · ASID ${e.asid} (${e.process})` : ''}
        </span>
      </span>
    </div>
  );
}, sameEntry);

/** The TLB of one CPU. */
export function TlbList(props: { readonly c: Pick<CpuView, 'id' | 'asid' | 'tlb'>; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { c } = props;
  if (!c.tlb.length) return <p className="mv-muted">TLB empty.</p>;
  return <VirtualRows count={c.tlb.length} rowHeight={ROW} height={Math.min(c.tlb.length, 5) * ROW + 2} label={`TLB of CPU${c.id}`} row={(i) => {
    const e = c.tlb[i];
    if (!e) return null;
    const id = tlbId(c.id, i);
    const lit = props.sel?.tlb.has(id) ? 'is-sel' : props.hov?.tlb.has(id) ? 'is-hov' : '';
    return <Entry e={e} asid={c.asid} lit={lit} selected={props.sel?.key === vaddrKey(e.vaddr)} />;
  }} />;
}
