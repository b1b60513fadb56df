// SVG fills for PTE kinds and frame kinds. Each kind has a colour (theme variable) AND a shape
// (notch, stripes, hatch, dot, bar) so colour is never the only carrier. Patterns repeat once per
// cell, aligned with a grid of `cell`-unit squares starting at 0.
import { memo } from 'react';
import { LEAF_KINDS } from '../lib/pte';

/** The fill URL of a PTE kind pattern. */
export const kindFill = (prefix: string, cls: string): string => `url(#${prefix}-k-${cls})`;
/** The fill URL of a physical-frame pattern. */
export const frameFill = (prefix: string, cls: FrameCls): string => `url(#${prefix}-f-${cls})`;

/** The fill URL of the cell-grid lines drawn over runs of cells. */
export const gridFill = (prefix: string): string => `url(#${prefix}-grid)`;

/** Physical frame classes drawn by the memory view. */
export type FrameCls = 'free' | 'anon' | 'file' | 'unmapped' | 'pgtable' | 'reserved' | 'zero';
const FRAME_CLS: readonly FrameCls[] = ['free', 'anon', 'file', 'unmapped', 'pgtable', 'reserved', 'zero'];

/** The mark drawn over the colour of a kind, in a `c`-unit cell. */
function Mark(props: { readonly shape: string; readonly c: number }) {
  const { c } = props;
  const q = c / 4;
  switch (props.shape) {
    case 'ro': case 'file': return <path className="mv-pat-mark" d={`M${c - 2 * q} 0 H${c} V${2 * q} Z`} />;
    case 'zero': return <circle className="mv-pat-line" cx={c / 2} cy={c / 2} r={q} fill="none" />;
    case 'swap': case 'pgtable': return <path className="mv-pat-line" d={`M0 ${c} L${c} 0 M${-c / 2} ${c / 2} L${c / 2} ${-c / 2} M${c / 2} ${1.5 * c} L${1.5 * c} ${c / 2}`} />;
    case 'migration': case 'reserved': return <path className="mv-pat-line" d={`M0 0 L${c} ${c} M${c} 0 L0 ${c}`} />;
    case 'marker': return <circle className="mv-pat-mark" cx={c / 2} cy={c / 2} r={q * 0.9} />;
    case 'protnone': return <path className="mv-pat-line" d={`M0 ${c / 2} H${c}`} />;
    case 'huge': return <path className="mv-pat-line" d={`M0 ${q} H${c} M0 ${3 * q} H${c}`} />;
    case 'unmapped': return <path className="mv-pat-line" d={`M0 ${c / 2} H${c} M${c / 2} 0 V${c}`} />;
    default: return null;
  }
}

function Tile(props: { readonly id: string; readonly c: number; readonly bg: string; readonly shape: string }) {
  return (
    <pattern id={props.id} patternUnits="userSpaceOnUse" width={props.c} height={props.c}>
      <rect className={props.bg} width={props.c} height={props.c} />
      <Mark shape={props.shape} c={props.c} />
    </pattern>
  );
}

/** Hidden defs with every kind pattern, ids prefixed by `prefix`, tiles of `cell` units (static: memoised). */
export const Patterns = memo(function Patterns(props: { readonly prefix: string; readonly cell: number }) {
  const { prefix, cell } = props;
  return (
    <svg className="mv-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        {LEAF_KINDS.map((k) => <Tile key={k.cls} id={`${prefix}-k-${k.cls}`} c={cell} bg={`mv-k-${k.cls}`} shape={k.cls} />)}
        {FRAME_CLS.map((f) => <Tile key={f} id={`${prefix}-f-${f}`} c={cell} bg={`mv-f-${f}`} shape={f} />)}
        <pattern id={`${prefix}-grid`} patternUnits="userSpaceOnUse" width={cell} height={cell}>
          <path className="mv-grid-line" d={`M${cell} 0 V${cell} H0`} />
        </pattern>
      </defs>
    </svg>
  );
});

/** A small square swatch filled with a pattern, for legends. */
export function Swatch(props: { readonly fill: string }) {
  return (
    <svg className="mv-swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
      <rect width="10" height="10" style={{ fill: props.fill }} />
    </svg>
  );
}

/** An outline style explained in a legend: its CSS border and its meaning. */
export interface MarkKey { readonly color: string; readonly style: 'solid' | 'dashed' | 'dotted'; readonly label: string }

/** The outline styles the views share (see .mv-lit-* in views.css). */
export const MARKS = {
  sel: { color: 'var(--select)', style: 'solid', label: 'selected' },
  hov: { color: 'var(--accent)', style: 'dashed', label: 'hovered' },
  fault: { color: 'var(--danger)', style: 'solid', label: 'fault in progress' },
  step: { color: 'var(--fg)', style: 'dotted', label: 'written this step' },
} as const satisfies Record<string, MarkKey>;

/** A one-line legend: swatches with their labels, then outline styles. */
export function Legend(props: { readonly items: readonly { readonly fill: string; readonly label: string }[]; readonly label: string; readonly marks?: readonly MarkKey[] }) {
  return (
    <ul className="mv-legend" aria-label={props.label}>
      {props.items.map((it) => <li key={it.label}><Swatch fill={it.fill} />{it.label}</li>)}
      {(props.marks ?? []).map((m) => <li key={m.label}><span className="mv-line-key" style={{ borderColor: m.color, borderTopStyle: m.style }} />{m.label}</li>)}
    </ul>
  );
}
