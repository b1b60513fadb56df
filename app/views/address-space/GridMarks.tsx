// Outlines over a VMA's page grid: the selection and the hover (from any view), faults in progress,
// PTEs this step wrote, and the keyboard/pointer cursor.
import { type Lit, litPages } from '../lib/highlight';
import { CELL, litCells, rowRuns, type VmaCells } from './layout';

function Outlines(props: { readonly cells: VmaCells; readonly vpns: ReadonlySet<number>; readonly className: string }) {
  const { cells } = props;
  const runs = rowRuns(litCells(cells, props.vpns), cells.cols, (v) => v === 1);
  return <>{runs.map((r) => <rect key={`${r.row}:${r.col}`} className={props.className} x={r.col * CELL + 1} y={r.row * CELL + 1} width={r.len * CELL - 2} height={CELL - 2} />)}</>;
}

/** True when `lit` should outline pages one by one (a whole-VMA selection outlines the band instead). */
function perPage(lit: Lit | null, mm: number): lit is Lit {
  return !!lit && !lit.key.startsWith('vma:') && !lit.key.startsWith('mm:') && lit.mms.has(mm);
}

/** The overlay of one VMA grid. */
export function GridMarks(props: {
  readonly cells: VmaCells; readonly mm: number; readonly sel: Lit | null; readonly hov: Lit | null;
  readonly faults: ReadonlySet<number>; readonly changed: ReadonlySet<number>; readonly cursor: number | null;
}) {
  const { cells, mm, sel, hov, cursor } = props;
  return (
    <g aria-hidden="true">
      {props.changed.size > 0 && <Outlines cells={cells} className="mv-lit-step" vpns={props.changed} />}
      {props.faults.size > 0 && <Outlines cells={cells} className="mv-lit-fault" vpns={props.faults} />}
      {perPage(hov, mm) && <Outlines cells={cells} className="mv-lit-hov" vpns={litPages(hov, mm)} />}
      {perPage(sel, mm) && <Outlines cells={cells} className="mv-lit-sel" vpns={litPages(sel, mm)} />}
      {cursor !== null && <rect className="mv-cursor" x={(cursor % cells.cols) * CELL} y={Math.floor(cursor / cells.cols) * CELL} width={CELL} height={CELL} />}
    </g>
  );
}
