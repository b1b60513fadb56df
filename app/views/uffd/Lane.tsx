// One lane of a context's message flow: its kernel name, what it holds, and the message cards in it.
// A card selects its page (the address-space view outlines it) and lights when its page is lit.
import { memo } from 'react';
import { cx } from '../lib/cx';
import { vpnOf } from '../lib/geometry';
import { type Lit, litPages } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { type CardModel, type LaneId, movedWord } from './model';
import { Wbr } from './Wbr';

/** Most cards drawn per lane; the rest are counted (64 vCPUs can queue 64 messages). */
export const MAX_CARDS = 12;

/** The heading and the one-line meaning of each lane. */
export const LANES: Readonly<Record<LaneId, { readonly name: string; readonly sub: string }>> = {
  pending: { name: 'fault_pending_wqh', sub: 'queued by handle_userfault, not read yet' },
  read: { name: 'fault_wqh', sub: 'read by the handler, waiting for resolution' },
  woken: { name: 'woken', sub: 'wake_userfault: the fault retries' },
};

// A card lights for its own key, or when what is selected lights its page (a folio, a page, a fault).
function litClass(c: CardModel, mm: number, sel: Lit | null, hov: Lit | null): string {
  const lights = (l: Lit | null) => !!l && (l.key === c.key || (!l.key.startsWith('vma:') && !l.key.startsWith('mm:') && litPages(l, mm).has(vpnOf(c.addr))));
  return lights(sel) ? 'is-sel' : lights(hov) ? 'is-hov' : '';
}

/** A message card. */
function Card(props: { readonly c: CardModel; readonly lane: LaneId; readonly lit: string; readonly pressed: boolean }) {
  const { c, lane } = props;
  const selectable = useSelectable();
  return (
    <li>
      <div className={cx('mv-uffd-card', `in-${lane}`, c.moved && 'is-moved', props.lit)} {...selectable(c.key, c.label, props.pressed)}>
        <span className="mv-uffd-card-sub">
          <b>#{c.id}</b> <span className={cx('mv-uffd-flags', c.flags.includes('WP') && 'has-wp')}>{c.flags}</span> · {c.task}
          {c.tid !== null && <span className="mv-muted"> (ptid {c.tid})</span>}
        </span>
        <span className="mv-mono mv-uffd-addr">{`0x${c.addr.toString(16)}`}</span>
        {c.moved && <span className="mv-uffd-moved">{movedWord(lane)}</span>}
      </div>
    </li>
  );
}

type Props = { readonly id: LaneId; readonly cards: readonly CardModel[]; readonly mm: number; readonly sel: Lit | null; readonly hov: Lit | null };

/** One lane with its cards (memoised: a step that leaves it alone skips it). */
export const Lane = memo(function Lane(props: Props) {
  const { id, cards, sel } = props;
  const lane = LANES[id];
  const shown = cards.slice(0, MAX_CARDS);
  const n = cards.length;
  return (
    <div className={cx('mv-uffd-lane', `lane-${id}`)} role="group" aria-label={`${lane.name}: ${n} message${n === 1 ? '' : 's'}`}>
      <h4 className="mv-mono"><Wbr text={lane.name} /></h4>
      <p className="mv-uffd-sub">{lane.sub}</p>
      {n === 0 ? <p className="mv-uffd-empty">empty</p> : (
        <ul className="mv-uffd-cards">
          {shown.map((c) => <Card key={c.id} c={c} lane={id} lit={litClass(c, props.mm, sel, props.hov)} pressed={sel?.key === c.key} />)}
        </ul>
      )}
      {n > shown.length && <p className="mv-muted">+{n - shown.length} more</p>}
    </div>
  );
});
