// A cursor over an SVG grid of cells drawn as one focusable control: the pointer or the arrow keys
// move it (and set the shared hover to the cell's key), Enter/Space or a click toggle the selection.
import { type FocusEvent, type KeyboardEvent, type MouseEvent, type RefObject, useRef, useState } from 'react';
import type { Anchor } from './GridTip';
import { moveCursor } from './grid-keys';
import { toggleSelection, useSetHover } from '../../store/hooks';
import { clearOnEscape, isActivation } from '../lib/interact';

/** Handlers and state of a grid cursor. */
export interface GridCursor {
  readonly at: number | null;
  /** Where the cursor's cell is on screen (for the tooltip), null when unknown. */
  readonly anchor: Anchor | null;
  readonly wrapProps: {
    readonly tabIndex: 0;
    readonly onKeyDown: (e: KeyboardEvent) => void;
    readonly onFocus: (e: FocusEvent) => void;
    readonly onBlur: () => void;
  };
  readonly svgProps: {
    readonly ref: RefObject<SVGSVGElement | null>;
    readonly onMouseMove: (e: MouseEvent<SVGSVGElement>) => void;
    readonly onMouseLeave: () => void;
    readonly onClick: (e: MouseEvent<SVGSVGElement>) => void;
  };
}

function cellRect(svg: SVGSVGElement | null, cell: number, count: number, cols: number): Anchor | null {
  if (!svg) return null;
  const r = svg.getBoundingClientRect();
  const rows = Math.ceil(count / cols);
  const w = r.width / cols;
  const h = r.height / rows;
  const left = r.left + (cell % cols) * w;
  const top = r.top + Math.floor(cell / cols) * h;
  return { left, right: left + w, top, bottom: top + h };
}

function cellAt(e: MouseEvent<SVGSVGElement>, count: number, cols: number): number | null {
  const rows = Math.ceil(count / cols);
  const r = e.currentTarget.getBoundingClientRect();
  const col = Math.floor(((e.clientX - r.left) / r.width) * cols);
  const row = Math.floor(((e.clientY - r.top) / r.height) * rows);
  const c = row * cols + col;
  return col >= 0 && col < cols && c >= 0 && c < count ? c : null;
}

/** A cursor over `count` cells in rows of `cols`; `keyOf` names a cell in the shared key space. */
export function useGridCursor(count: number, cols: number, keyOf: (cell: number) => string): GridCursor {
  const [cursor, setCursor] = useState<{ at: number; anchor: Anchor | null } | null>(null);
  const svg = useRef<SVGSVGElement | null>(null);
  const setHover = useSetHover();
  const at = cursor !== null && cursor.at < count ? cursor.at : null;
  // Layout is read here, in event handlers, never while rendering.
  const moveTo = (c: number | null) => {
    setCursor(c === null ? null : { at: c, anchor: cellRect(svg.current, c, count, cols) });
    setHover(c === null ? null : keyOf(c));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (clearOnEscape(e)) return;
    // Keys the grid consumes must not reach the player's window-level shortcuts (step, play).
    if (isActivation(e) && at !== null) {
      e.preventDefault();
      e.stopPropagation();
      toggleSelection(keyOf(at));
      return;
    }
    const next = moveCursor(e.key, at ?? 0, count, cols);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    moveTo(next);
  };
  return {
    at,
    anchor: at === null ? null : (cursor?.anchor ?? null),
    wrapProps: { tabIndex: 0, onKeyDown, onFocus: (e) => { if (e.target === e.currentTarget) moveTo(at ?? 0); }, onBlur: () => moveTo(null) },
    svgProps: {
      ref: svg,
      onMouseMove: (e) => { const c = cellAt(e, count, cols); if (c !== at) moveTo(c); },
      onMouseLeave: () => moveTo(null),
      onClick: (e) => { const c = cellAt(e, count, cols); if (c !== null) toggleSelection(keyOf(c)); },
    },
  };
}
