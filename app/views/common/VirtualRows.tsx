// A windowed list: only the rows in view (plus a margin) are in the DOM, so a list of a thousand
// folios costs a few dozen rows per frame.
import { type ReactNode, useState } from 'react';

/** Rows of fixed height `rowHeight` in a scroll box `height` px tall; `row(i)` renders row i. */
export function VirtualRows(props: { readonly count: number; readonly rowHeight: number; readonly height: number; readonly label: string; readonly row: (i: number) => ReactNode }) {
  const { count, rowHeight, height } = props;
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / rowHeight) - 4);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + 4);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(<div key={i} className="mv-vrow" style={{ top: i * rowHeight, height: rowHeight }}>{props.row(i)}</div>);
  }
  return (
    <div className="mv-vlist" style={{ maxHeight: height }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} role="list" aria-label={props.label}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
