// The rmap graph on screen: an ARIA tree of rows (folio, anon_vma, VMAs with their PTE) over an SVG of elbow
// connectors. One tab stop: the arrow keys move between rows, Enter/Space select the row's object
// (lighting it in every view), Escape clears the selection. Pointer and focus set the shared hover.
// Events are delegated to the tree so rows take only primitive props and skip unchanged renders.
import { type FocusEvent, type KeyboardEvent, memo, type MouseEvent, useState } from 'react';
import type { Frame } from '../../sim/frame';
import { toggleSelection, useSetHover } from '../../store/hooks';
import { useSimStore } from '../../store/sim-store';
import { cx } from '../lib/cx';
import type { Lit } from '../lib/highlight';
import { clearOnEscape, isActivation } from '../lib/interact';
import { type GraphLayout, type GraphNode, type PlacedEdge, BOX_H } from './layout';
import type { RmapModel } from './model';
import { nodeText, rowVpn } from './text';

type RowProps = {
  readonly i: number; readonly kind: string; readonly status: string; readonly x: number; readonly y: number; readonly level: number;
  readonly tag: string; readonly main: string; readonly note: string; readonly sub: string; readonly subTag: string; readonly badge: string | null; readonly swatch: string | null;
  readonly label: string; readonly rowKey: string | null; readonly lit: string; readonly selected: boolean; readonly focusable: boolean;
};

const Row = memo(function Row(p: RowProps) {
  return (
    <div role="treeitem" aria-level={p.level} aria-selected={p.selected} aria-label={p.label} tabIndex={p.focusable ? 0 : -1}
      data-i={p.i} data-key={p.rowKey ?? undefined} title={p.label} className={cx('mv-rm-row', `k-${p.kind}`, `is-${p.status}`, p.lit, p.rowKey && 'is-pick')}
      style={{ top: p.y, left: p.x, height: BOX_H }}>
      <span className="mv-rm-line">
        {p.tag && <span className="mv-rm-tag">{p.tag}</span>}
        <span className="mv-rm-main">{p.main}{p.note && <span className="mv-rm-note"> · {p.note}</span>}</span>
        {p.badge && <span className={cx('mv-rm-badge', `is-${p.status}`)}>{p.badge}</span>}
      </span>
      <span className="mv-rm-line mv-rm-sub">
        {p.subTag && <span className="mv-rm-tag">{p.subTag}</span>}
        {p.swatch && <svg className="mv-rm-swatch" viewBox="0 0 10 10" aria-hidden="true"><rect className={`mv-k-${p.swatch}`} width="10" height="10" /></svg>}
        <span className="mv-rm-text">{p.sub}</span>
      </span>
    </div>
  );
});

// Draw order: pending under done under the current path, so shared trunks take the walk's colour.
const ORDER: Readonly<Record<string, number>> = { idle: 0, pending: 1, done: 2, next: 3, now: 4 };

function Links(props: { readonly edges: readonly PlacedEdge[]; readonly width: number; readonly height: number }) {
  const edges = [...props.edges].sort((a, b) => (ORDER[a.status] ?? 0) - (ORDER[b.status] ?? 0));
  return (
    <svg className="mv-rm-links" width={props.width + 4} height={props.height} aria-hidden="true" focusable="false">
      {edges.map((e) => <path key={e.id} className={cx('mv-rm-link', `is-${e.status}`)} d={e.d} />)}
    </svg>
  );
}

function litOf(n: GraphNode, m: RmapModel, l: Lit | null): boolean {
  if (!l) return false;
  if (n.kind === 'folio') return l.pfns.has(m.pfn + m.page);
  if (!n.row) return false;
  const vpn = rowVpn(n.row);
  return l.vmas.has(n.row.vma) || (vpn !== null && (l.pages.get(n.row.mm)?.has(vpn) ?? false));
}

function rowAt(e: { target: EventTarget }): HTMLElement | null {
  return e.target instanceof Element ? e.target.closest<HTMLElement>('[role="treeitem"]') : null;
}

/** The keyboard, pointer and focus handlers of the tree, and the row that holds the tab stop. */
function useTreeEvents(count: number) {
  const [focus, setFocus] = useState(0);
  const setHover = useSetHover();
  // Read at event time: mouseover fires often, and the store need not hear the same key twice.
  const hover = (key: string | null) => { if (useSimStore.getState().hover !== key) setHover(key); };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (clearOnEscape(e)) return;
    const row = rowAt(e);
    const at = Number(row?.dataset.i ?? focus);
    const key = row?.dataset.key;
    const next = e.key === 'ArrowDown' ? Math.min(count - 1, at + 1) : e.key === 'ArrowUp' ? Math.max(0, at - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? count - 1 : null;
    // Keys the tree uses must not reach the player's window shortcuts (stepping, play).
    if (next !== null) {
      setFocus(next);
      e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')[next]?.focus();
    } else if (isActivation(e) && key) toggleSelection(key);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return {
    focus: Math.min(focus, Math.max(0, count - 1)),
    props: {
      onKeyDown,
      onClick: (e: MouseEvent) => { const k = rowAt(e)?.dataset.key; if (k) toggleSelection(k); },
      onMouseOver: (e: MouseEvent) => hover(rowAt(e)?.dataset.key ?? null),
      onMouseLeave: () => hover(null),
      onFocus: (e: FocusEvent) => { const r = rowAt(e); if (r) { setFocus(Number(r.dataset.i)); hover(r.dataset.key ?? null); } },
      onBlur: () => hover(null),
    },
  };
}

/** The graph of `model` laid out as `layout`, lit by the selection and the hover. */
export function RmapGraph(props: { readonly frame: Frame; readonly model: RmapModel; readonly layout: GraphLayout; readonly sel: Lit | null; readonly hov: Lit | null; readonly selection: string | null }) {
  const { frame, model, layout, sel, hov } = props;
  const tree = useTreeEvents(layout.nodes.length);
  const name = model.walk ? `rmap walk of folio pfn ${model.pfn} (${model.walk.purpose})` : `reverse map of folio pfn ${model.pfn}`;
  return (
    <div className="mv-rm-tree" role="tree" aria-label={`${name}: arrow keys move between rows, Enter selects`} style={{ height: layout.height }} {...tree.props}>
      <Links edges={layout.edges} width={layout.width} height={layout.height} />
      {layout.nodes.map((p, i) => {
        const t = nodeText(frame, model, p.node);
        const lit = litOf(p.node, model, sel) ? 'is-sel' : litOf(p.node, model, hov) ? 'is-hov' : '';
        return (
          <Row key={p.node.id} i={i} kind={p.node.kind} status={p.node.status} x={p.x} y={p.y} level={p.depth + 1} tag={t.tag} main={t.main} note={t.note} sub={t.sub} subTag={t.subTag}
            badge={t.badge} swatch={t.swatch} label={t.label} rowKey={t.key} lit={lit} selected={t.key !== null && t.key === props.selection} focusable={i === tree.focus} />
        );
      })}
    </div>
  );
}
