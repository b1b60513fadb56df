// One mm's page-table tree: boxes for the tables Linux has allocated, links labelled with the entry
// that points down (e.g. PGD[253]), the walk in progress lit level by level, tables written this step
// outlined, and tables already unlinked but not yet freed set apart below.
import { linkHorizontal } from 'd3-shape';
import { useMemo } from 'react';
import type { MmView, TableView } from '../../sim/frame';
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

function label(t: TableView, marks: TreeMarks): string {
  const walk = marks.walk.has(t.pfn) ? `, the walk reads entry ${marks.walk.get(t.pfn) ?? ''}` : '';
  return `${levelName(t.level)} table pfn ${t.pfn}, ${t.used} of 512 entries used, covers ${spanWords(t)}${walk}`;
}

function Node(props: { readonly p: PlacedNode; readonly marks: TreeMarks; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { p, marks } = props;
  const t = p.node.table;
  const selectable = useSelectable();
  const walked = marks.walk.get(t.pfn);
  const cls = ['mv-tnode', marks.walk.has(t.pfn) ? 'is-walk' : '', marks.touched.has(t.pfn) ? 'is-touched' : '', marks.fresh.has(t.pfn) ? 'is-fresh' : '', litClass(t.pfn, props.sel, props.hov)].join(' ');
  return (
    <g className={cls} transform={`translate(${p.x},${p.y})`} {...selectable(ptKey(t.pfn), label(t, marks), props.sel?.key === ptKey(t.pfn))}>
      <TableBody table={t} />
      {(marks.written.get(t.pfn) ?? []).map((i) => <EntryRing key={`w${i}`} index={i} className="mv-ring-written" />)}
      {walked !== undefined && <EntryRing index={walked} className="mv-ring-walk" />}
      {marks.fresh.has(t.pfn) && <text className="mv-node-badge" x={NODE_W - 6} y={14}>new</text>}
      <rect className="mv-ring" width={NODE_W} height={NODE_H} rx={4} />
    </g>
  );
}

/** The tree of one mm. */
export function MmTree(props: { readonly mm: MmView; readonly marks: TreeMarks; readonly sel: Lit | null; readonly hov: Lit | null }) {
  const { mm, marks, sel, hov } = props;
  const layout = useMemo(() => layoutTree(mm), [mm]);
  const selectable = useSelectable();
  return (
    <div className="mv-pt-mm">
      <h3>mm {mm.id} · {mm.process} <span className="mv-muted">· {mm.tables.length} page-table pages</span></h3>
      <div className="mv-pt-scroll">
        <svg width={layout.width} height={layout.height} className="mv-pt-svg" role="group" aria-label={`Page tables of mm ${mm.id}`}>
          {layout.links.map((l) => (
            <g key={l.to.node.table.pfn} className={marks.walk.has(l.to.node.table.pfn) ? 'mv-link is-walk' : 'mv-link'}>
              <path d={link({ source: [l.from.x + NODE_W, l.from.y + NODE_H / 2], target: [l.to.x, l.to.y + NODE_H / 2] }) ?? ''} />
              <text x={l.to.x + 2} y={l.to.y - 3}>{levelName(l.from.node.table.level)}[{l.to.node.index}]</text>
            </g>
          ))}
          {layout.nodes.map((p) => <Node key={p.node.table.pfn} p={p} marks={marks} sel={sel} hov={hov} />)}
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
}
