// A tooltip for a grid cell, rendered into document.body with fixed positioning so that no scroll
// container or containment (content-visibility) of the views clips it. Placed below the cell, or
// above it when the cell is low in the window, and kept inside the window horizontally.
import { createPortal } from 'react-dom';

/** A cell's rectangle in window coordinates. */
export interface Anchor { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }

const WIDTH = 340;

/** The tooltip of the cell at `anchor`. */
export function GridTip(props: { readonly anchor: Anchor; readonly title: string; readonly lines: readonly string[] }) {
  const { anchor } = props;
  const below = anchor.bottom < window.innerHeight * 0.6;
  const left = Math.max(4, Math.min(window.innerWidth - WIDTH - 4, (anchor.left + anchor.right) / 2 - WIDTH / 2));
  const style = below ? { left, top: anchor.bottom + 6 } : { left, bottom: window.innerHeight - anchor.top + 6 };
  return createPortal(
    <div className="mv-tip" style={style} role="presentation">
      <b>{props.title}</b>
      {props.lines.map((l) => <div key={l}>{l}</div>)}
    </div>,
    document.body,
  );
}
