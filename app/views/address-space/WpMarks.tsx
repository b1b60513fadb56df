// The uffd-wp overlay of a VMA's page grid: a bar along the bottom of every cell whose PTE carries
// the uffd-wp bit or is a PTE_MARKER_UFFD_WP, so a protected page reads as protected whatever its
// PTE kind colour. Plus the legend swatch's pattern.
import { memo } from 'react';
import { sameBytes } from '../lib/same';
import { CELL, rowRuns } from './layout';

/** Height of the bar in grid units (a cell is CELL units high). */
const BAR = 2.6;

/** The fill URL of the legend swatch for uffd-wp. */
export const wpFill = (prefix: string): string => `url(#${prefix}-uffd-wp)`;

type Props = { readonly wp: Uint8Array; readonly cols: number };

/** Bars over the cells with uffd-wp (memoised on the bits). */
export const WpMarks = memo(function WpMarks(props: Props) {
  const runs = rowRuns(props.wp, props.cols, (v) => v === 1);
  return (
    <g aria-hidden="true">
      {runs.map((r) => <rect key={`${r.row}:${r.col}`} className="mv-as-wp" x={r.col * CELL + 0.4} y={(r.row + 1) * CELL - BAR - 0.4} width={r.len * CELL - 0.8} height={BAR} />)}
    </g>
  );
}, (a, b) => a.cols === b.cols && sameBytes(a.wp, b.wp));

/** The pattern the legend swatch draws: an unmapped cell with the uffd-wp bar. */
export const WpDefs = memo(function WpDefs(props: { readonly prefix: string }) {
  return (
    <svg className="mv-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={`${props.prefix}-uffd-wp`} patternUnits="userSpaceOnUse" width={CELL} height={CELL}>
          <rect className="mv-k-none" width={CELL} height={CELL} />
          <rect className="mv-as-wp" y={CELL - 4} width={CELL} height={4} />
        </pattern>
      </defs>
    </svg>
  );
});
