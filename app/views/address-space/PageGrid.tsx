// The base layer of a VMA's page grid: runs of cells filled by PTE kind, the cell grid over them,
// corner marks on aggregated cells that mix kinds, and pfn labels when cells are big enough.
import { memo } from 'react';
import { gridFill, kindFill } from '../common/Patterns';
import { kindInfo, mapsFrame } from '../lib/pte';
import { sameBytes } from '../lib/same';
import { CELL, rowRuns, type VmaCells } from './layout';

type Props = { readonly cells: VmaCells; readonly prefix: string; readonly labels: boolean };

// Redraw only when what is drawn changed: the kinds (and pfns, when labelled) of the cells.
function same(a: Props, b: Props): boolean {
  const x = a.cells;
  const y = b.cells;
  return a.prefix === b.prefix && a.labels === b.labels && x.cols === y.cols && x.bucket === y.bucket && sameBytes(x.codes, y.codes) && sameBytes(x.mixed, y.mixed) && (!a.labels || sameBytes(x.pfns, y.pfns));
}

/** Draws the cells of one VMA (memoised on content). */
export const PageGrid = memo(function PageGrid(props: Props) {
  const { cells, prefix } = props;
  const runs = rowRuns(cells.codes, cells.cols);
  const full = Math.floor(cells.count / cells.cols);
  const rest = cells.count % cells.cols;
  return (
    <g>
      {runs.map((r) => (
        <rect key={`${r.row}:${r.col}`} x={r.col * CELL} y={r.row * CELL} width={r.len * CELL} height={CELL} fill={kindFill(prefix, kindInfo(r.code).cls)} />
      ))}
      {full > 0 && <rect width={cells.cols * CELL} height={full * CELL} fill={gridFill(prefix)} />}
      {rest > 0 && <rect y={full * CELL} width={rest * CELL} height={CELL} fill={gridFill(prefix)} />}
      {cells.bucket > 1 && <MixedMarks cells={cells} />}
      {props.labels && <PfnLabels cells={cells} />}
    </g>
  );
}, same);

function MixedMarks(props: { readonly cells: VmaCells }) {
  const { cells } = props;
  const marks: number[] = [];
  cells.mixed.forEach((m, i) => { if (m) marks.push(i); });
  return <>{marks.map((i) => <path key={i} className="mv-mixed" d={`M${(i % cells.cols) * CELL} ${Math.floor(i / cells.cols) * CELL} h4 l-4 4 z`} />)}</>;
}

/** pfn numbers inside big cells: the physical side of each mapping, readable without hovering. */
function PfnLabels(props: { readonly cells: VmaCells }) {
  const { cells } = props;
  const pfns = cells.pfns;
  const out: { i: number; text: string }[] = [];
  for (let i = 0; i < cells.count; i++) {
    const code = cells.codes[i] ?? 0;
    const glyph = kindInfo(code).glyph;
    if (!glyph) continue;
    out.push({ i, text: mapsFrame(code) ? String(pfns[i]) : glyph });
  }
  return (
    <g className="mv-cell-label" aria-hidden="true">
      {out.map(({ i, text }) => (
        <text key={i} x={(i % cells.cols) * CELL + CELL / 2} y={Math.floor(i / cells.cols) * CELL + CELL * 0.68} fontSize={text.length > 3 ? 2.6 : 3.4}>{text}</text>
      ))}
    </g>
  );
}
