// Every folio as a compact windowed list (pfn, order, counts, content, flags); a row selects its folio.
import { memo } from 'react';
import type { FolioView } from '../../sim/frame';
import { VirtualRows } from '../common/VirtualRows';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { pfnKey } from '../lib/keys';

const ROW = 22;

type RowProps = { readonly f: FolioView; readonly lit: string; readonly selected: boolean };

// Frames are rebuilt every step: skip rows whose folio reads the same.
function sameRow(a: RowProps, b: RowProps): boolean {
  const x = a.f;
  const y = b.f;
  return a.lit === b.lit && a.selected === b.selected && x.pfn === y.pfn && x.order === y.order && x.refcount === y.refcount && x.mapcount === y.mapcount
    && x.pincount === y.pincount && x.content[0] === y.content[0] && x.flags.join() === y.flags.join();
}

const Row = memo(function Row(props: RowProps) {
  const { f, lit } = props;
  const selectable = useSelectable();
  const label = `folio pfn ${f.pfn}, order ${f.order}, refcount ${f.refcount}, mapcount ${f.mapcount}, pincount ${f.pincount}, content ${f.content[0] ?? ''}`;
  return (
    <div role="listitem" className={`mv-frow ${lit}`}>
      <span className="mv-frow-btn" {...selectable(pfnKey(f.pfn), label, props.selected)}>
        <span className="mv-mono">{f.pfn}</span>
        <span>{f.order}</span>
        <span>{f.refcount}</span>
        <span>{f.mapcount}</span>
        <span className={f.pincount ? 'mv-warn' : ''}>{f.pincount}</span>
        <span className="mv-mono mv-ellipsis">{f.content[0] ?? ''}</span>
        <span className="mv-muted mv-ellipsis">{f.flags.join(' ')}</span>
      </span>
    </div>
  );
}, sameRow);

/** The list of all folios (memoised: redrawn when the folios, the selection or the hover change). */
export const FolioList = memo(function FolioList(props: { readonly folios: readonly FolioView[]; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { folios } = props;
  if (!folios.length) return <p className="mv-muted">No folio is allocated.</p>;
  return (
    <div className="mv-folios">
      <div className="mv-frow mv-frow-head" aria-hidden="true"><span className="mv-frow-btn"><span>pfn</span><span>order</span><span>ref</span><span>map</span><span>pin</span><span>content</span><span>flags</span></span></div>
      <VirtualRows count={folios.length} rowHeight={ROW} height={Math.min(folios.length, 8) * ROW + 2} label={`${folios.length} folios`}
        row={(i) => {
          const f = folios[i];
          if (!f) return null;
          const lit = props.sel?.pfns.has(f.pfn) ? 'is-sel' : props.hov?.pfns.has(f.pfn) ? 'is-hov' : '';
          return <Row f={f} lit={lit} selected={props.sel?.key === pfnKey(f.pfn)} />;
        }} />
    </div>
  );
});
