// A folio in detail: pfn, order and node; refcount, mapcount and pincount as badges; flags, content
// tag, rmap (anon_vma, index); the PTEs that map it and the TLBs that cache it. Why it is shown
// (copied from, copy of, touched this step, selected) heads the card.
import { memo } from 'react';
import type { FolioView } from '../../sim/frame';
import { useFrameSelector } from '../../store/hooks';
import { hex } from '../lib/geometry';
import { useSelectable } from '../lib/interact';
import { pfnKey } from '../lib/keys';
import { type CardModel, selectCards } from './select';

/** Badges for the three counts, with the invariant refcount ≥ mapcount + pincount checked. */
export function CountBadges(props: { readonly folio: FolioView }) {
  const f = props.folio;
  const broken = f.refcount < f.mapcount + f.pincount;
  return (
    <span className="mv-badges">
      <span className="mv-chip" title="folio_ref_count">ref {f.refcount}</span>
      <span className="mv-chip" title="folio_mapcount: PTEs mapping it">map {f.mapcount}</span>
      <span className={`mv-chip ${f.pincount ? 'warn' : ''}`} title="folio_maybe_dma_pinned: FOLL_PIN pins">pin {f.pincount}</span>
      {f.exclusive && <span className="mv-chip ok" title="PageAnonExclusive">AnonExclusive</span>}
      {broken && <span className="mv-chip danger">refcount &lt; mapcount + pins!</span>}
    </span>
  );
}

/** One folio card; `why` says why it is shown (memoised: a card that reads the same is not redrawn). */
export const FolioCard = memo(function FolioCard(props: { readonly card: CardModel }) {
  const { folio: f, why, lit, maps, tlb } = props.card;
  const selectable = useSelectable();
  const key = pfnKey(f.pfn);
  return (
    <div className={`mv-card ${lit}`}>
      <div className="mv-card-head">
        <span className="mv-btn mv-mono" {...selectable(key, `folio at pfn ${f.pfn}`, lit === 'is-sel')}>folio pfn {f.pfn}</span>
        <span className="mv-muted">{f.order ? `order ${f.order} (${2 ** f.order} pages)` : 'order 0'} · node {f.node}</span>
        {why && <span className="mv-chip">{why}</span>}
      </div>
      <CountBadges folio={f} />
      <div>content <b className="mv-tag">“{f.content[0] ?? ''}”</b>{f.content.length > 1 ? ` … (${f.content.length} shown)` : ''} · flags <span className="mv-mono">{f.flags.join(' ') || 'none'}</span></div>
      <div className="mv-muted">{f.anonVma === null ? 'no anon_vma (file or unmapped)' : `anon_vma #${f.anonVma} · index ${hex(f.index)}`}</div>
      <div className="mv-muted">{maps.length ? `mapped by ${maps.join('; ')}` : 'mapped by no PTE'}{tlb.length ? ` · in the TLB of ${tlb.join(', ')}` : ''}</div>
    </div>
  );
});

/** The cards of the folios that matter now (reads the store; re-renders only when a card changes). */
export function FolioCards() {
  const cards = useFrameSelector(selectCards);
  if (!cards?.length) return null;
  return <div className="mv-cards">{cards.map((c) => <FolioCard key={c.folio.pfn} card={c} />)}</div>;
}
