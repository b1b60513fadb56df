// One mm's page-table tree: boxes for the tables Linux has allocated, links labelled with the entry
// that points down (e.g. PGD[253]), the walk in progress lit level by level, tables written this step
// outlined, and tables already unlinked but not yet freed set apart below.
import { linkHorizontal } from 'd3-shape';
import { memo, useMemo } from 'react';
import type { MmView, TableView } from '../../sim/frame';
import { plural } from '../../../sim-core/kernel/words';
import { levelName } from '../lib/geometry';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { ptKey } from '../lib/keys';
import { EntryRing, spanWords, TableBody } from './TableBox';
import { layoutTree, NODE_H, NODE_W, type PlacedNode } from './tree';

/** Marks from the step and the walks, per table pfn. */
export interface TreeMarks {
  readonly walk: ReadonlyMap<number, number>;
  readonly written: ReadonlyMap<number, readonly number[]>;
  readonly touched: ReadonlySet<number>;
  readonly fresh: ReadonlySet<number>;
}

const link = linkHorizontal();

function litClass(pfn: number, sel: Lit | null, hov: Lit | null): string {
  return sel?.tables.has(pfn) ? 'mv-node-sel' : hov?.tables.has(pfn) ? 'mv-node-hov' : '';
}

/** How a table box is marked: the entry a walk reads, entries written, touched, new, lit. */
interface NodeMarks { readonly walked: number | undefined; readonly written: readonly number[]; readonly touched: boolean; readonly fresh: boolean; readonly lit: string; readonly selected: boolean }

const NO_ENTRIES: readonly number[] = [];

function nodeMarks(pfn: number, marks: TreeMarks, sel: Lit | null, hov: Lit | null): NodeMarks {
  return {
    walked: marks.walk.get(pfn), written: marks.written.get(pfn) ?? NO_ENTRIES, touched: marks.touched.has(pfn), fresh: marks.fresh.has(pfn),
    lit: litClass(pfn, sel, hov), selected: sel?.key === ptKey(pfn),
  };
}

function label(t: TableView, walked: number | undefined): string {
  const walk = walked !== undefined ? `, the walk reads entry ${walked}` : '';
  return `${levelName(t.level)} table pfn ${t.pfn}, ${t.used} of 512 entries used, covers ${spanWords(t)}${walk}`;
}

// Memoised on what it draws: a step that marks one table re-renders that box alone.
const Node = memo(function Node(props: { readonly p: PlacedNode } & NodeMarks) {
  const { p, walked } = props;
  const t = p.node.table;
  const selectable = useSelectable();
  const cls = ['mv-tnode', walked !== undefined ? 'is-walk' : '', props.touched ? 'is-touched' : '', props.fresh ? 'is-fresh' : '', props.lit].join(' ');
  return (
    <g className={cls} transform={`translate(${p.x},${p.y})`} {...selectable(ptKey(t.pfn), label(t, walked), props.selected)}>
      <TableBody table={t} />
      {props.written.map((i) => <EntryRing key={`w${i}`} index={i} className="mv-ring-written" />)}
      {walked !== undefined && <EntryRing index={walked} className="mv-ring-walk" />}
      {props.fresh && <text className="mv-node-badge" x={NODE_W - 6} y={14}>new</text>}
      <rect className="mv-ring" width={NODE_W} height={NODE_H} rx={4} />
    </g>
  );
});

/** The tree of one mm (memoised: its props keep their identity while they read the same). */
export const MmTree = memo(function MmTree(props: { readonly mm: MmView; readonly marks: TreeMarks; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { mm, marks, sel, hov } = props;
  const layout = useMemo(() => layoutTree(mm), [mm]);
  const selectable = useSelectable();
  return (
    <div className="mv-pt-mm">
      <h3>mm {mm.id} · {mm.process} <span className="mv-muted">· {plural(mm.tables.length, 'page-table page')}</span></h3>
      <div className="mv-pt-scroll">
        <svg width={layout.width} height={layout.height} className="mv-pt-svg" role="group" aria-label={`Page tables of mm ${mm.id}`}>
          {layout.links.map((l) => (
            <g key={l.to.node.table.pfn} className={marks.walk.has(l.to.node.table.pfn) ? 'mv-link is-walk' : 'mv-link'}>
              <path d={link({ source: [l.from.x + NODE_W, l.from.y + NODE_H / 2], target: [l.to.x, l.to.y + NODE_H / 2] }) ?? ''} />
              <text x={l.to.x + 2} y={l.to.y - 3}>{levelName(l.from.node.table.level)}[{l.to.node.index}]</text>
            </g>
          ))}
          {layout.nodes.map((p) => <Node key={p.node.table.pfn} p={p} {...nodeMarks(p.node.table.pfn, marks, sel, hov)} />)}
        </svg>
      </div>
      {layout.orphans.length > 0 && (
        <div className="mv-orphans">
          <span className="mv-chip warn">unlinked by free_pgtables, freed after the TLB flush (tlb_remove_table)</span>
          {layout.orphans.map((t) => (
            <span key={t.pfn} className={`mv-btn mv-mono ${sel?.tables.has(t.pfn) ? 'is-sel' : ''}`} {...selectable(ptKey(t.pfn), `unlinked ${levelName(t.level)} table pfn ${t.pfn}`, sel?.key === ptKey(t.pfn))}>
              {levelName(t.level)} pfn {t.pfn} ({t.used} used)
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
