// One NUMA node's frames as a grid: filled by class (pattern + colour), large folios outlined, the
// selection/hover/step outlined, copies drawn as arrows from the old frame to the new one, and content
// tags inside big cells. One focusable control; arrow keys move a cursor frame by frame.
import { memo } from 'react';
import type { Frame } from '../../sim/frame';
import { rowRuns } from '../address-space/layout';
import { CursorInfo } from '../common/CursorInfo';
import { frameFill, gridFill } from '../common/Patterns';
import { useGridCursor } from '../common/use-grid-cursor';
import { frameIndex } from '../lib/frame-index';
import type { Lit } from '../lib/highlight';
import { pfnKey } from '../lib/keys';
import { sameBytes } from '../lib/same';
import type { CopyView } from '../lib/step-changes';
import { frameInfo } from './frame-info';
import { FRAME_CLASSES } from './layout';
import type { NodeModel, Tag } from './select';

const C = 10;
/** Room above the first row for copy arcs. */
const PAD = 8;

/** What a node's map draws. */
export interface NodeMapProps {
  readonly m: NodeModel; readonly prefix: string; readonly sel: Lit | null; readonly hov: Lit | null;
  readonly touched: ReadonlySet<number>; readonly copies: readonly CopyView[];
}

const Cells = memo(function Cells(props: { readonly classes: Uint8Array; readonly cols: number; readonly prefix: string }) {
  const { classes, cols, prefix } = props;
  const full = Math.floor(classes.length / cols);
  return (
    <g>
      {rowRuns(classes, cols).map((r) => <rect key={`${r.row}:${r.col}`} x={r.col * C} y={r.row * C} width={r.len * C} height={C} fill={frameFill(prefix, FRAME_CLASSES[r.code] ?? 'free')} />)}
      <rect width={cols * C} height={full * C} fill={gridFill(prefix)} />
    </g>
  );
}, (a, b) => a.cols === b.cols && a.prefix === b.prefix && sameBytes(a.classes, b.classes));

function Outline(props: { readonly first: number; readonly cols: number; readonly pfns: ReadonlySet<number>; readonly n: number; readonly className: string }) {
  const flags = new Uint8Array(props.n);
  for (const p of props.pfns) if (p >= props.first && p < props.first + props.n) flags[p - props.first] = 1;
  return <>{rowRuns(flags, props.cols, (v) => v === 1).map((r) => <rect key={`${r.row}:${r.col}`} className={props.className} x={r.col * C + 1} y={r.row * C + 1} width={r.len * C - 2} height={C - 2} />)}</>;
}

function center(pfn: number, first: number, cols: number): [number, number] {
  const i = pfn - first;
  return [(i % cols) * C + C / 2, Math.floor(i / cols) * C + C / 2];
}

function CopyArrows(props: { readonly copies: readonly CopyView[]; readonly first: number; readonly n: number; readonly cols: number; readonly prefix: string }) {
  const { first, n, cols } = props;
  const inNode = (p: number | null): p is number => p !== null && p >= first && p < first + n;
  return (
    <>
      {props.copies.filter((c) => inNode(c.from) && inNode(c.to)).map((c) => {
        const [x1, y1] = center(c.from, first, cols);
        const [x2, y2] = center(c.to as number, first, cols);
        const lift = Math.min(y1 + PAD - 1, Math.max(C, Math.abs(x2 - x1) / 3));
        return <path key={`${c.from}-${c.to}`} className="mv-copy-arrow" d={`M${x1} ${y1} C${x1} ${y1 - lift} ${x2} ${y2 - lift} ${x2} ${y2}`} markerEnd={`url(#${props.prefix}-arrow)`} />;
      })}
    </>
  );
}

function Tags(props: { readonly tags: readonly Tag[]; readonly cols: number }) {
  const { tags, cols } = props;
  return <g className="mv-frame-tag" aria-hidden="true">{tags.map(({ i, t }) => <text key={i} x={(i % cols) * C + C / 2} y={Math.floor(i / cols) * C + C * 0.72} fontSize={t.length > 2 ? 4.2 : 6.4}>{t}</text>)}</g>;
}

/** The map of one node (memoised: its props keep their identity while they read the same). */
export const FrameMap = memo(function FrameMap(props: NodeMapProps) {
  const { m: { node, first, n, cols, classes, tags, large }, sel, hov } = props;
  const rows = Math.ceil(n / cols);
  const grid = useGridCursor(n, cols, (c) => pfnKey(first + c));
  const describe = (f: Frame, at: number) => frameInfo(f, frameIndex(f), first + at);
  return (
    <div className="mv-grid-wrap" role="group" aria-roledescription="frame grid" aria-label={`Frames of node ${node}: arrow keys move between frames, Enter selects a frame`} {...grid.wrapProps}>
      <svg viewBox={`0 ${-PAD} ${cols * C} ${rows * C + PAD}`} className="mv-grid" role="img" aria-label={`${n} frames coloured by use`} {...grid.svgProps}>
        <defs><marker id={`${props.prefix}-arrow`} viewBox="0 0 6 6" refX="5" refY="3" markerWidth="5" markerHeight="5" orient="auto"><path className="mv-arrow-head" d="M0 0 L6 3 L0 6 z" /></marker></defs>
        <Cells classes={classes} cols={cols} prefix={props.prefix} />
        {tags.length > 0 && <Tags tags={tags} cols={cols} />}
        {large.size > 0 && <Outline first={first} n={n} cols={cols} className="mv-folio-outline" pfns={large} />}
        {props.touched.size > 0 && <Outline first={first} n={n} cols={cols} className="mv-lit-step" pfns={props.touched} />}
        {hov && <Outline first={first} n={n} cols={cols} className="mv-lit-hov" pfns={hov.pfns} />}
        {sel && <Outline first={first} n={n} cols={cols} className="mv-lit-sel" pfns={sel.pfns} />}
        <CopyArrows copies={props.copies} first={first} n={n} cols={cols} prefix={props.prefix} />
        {grid.at !== null && <rect className="mv-cursor" x={(grid.at % cols) * C} y={Math.floor(grid.at / cols) * C} width={C} height={C} />}
      </svg>
      <CursorInfo at={grid.at} anchor={grid.anchor} describe={describe} />
    </div>
  );
});
