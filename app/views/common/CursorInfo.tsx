// What a grid's cursor cell says: a tooltip and a polite live line for screen readers. It reads the
// frame only while a cursor is shown, so a grid without one does not re-render on every step.
import type { Frame } from '../../sim/frame';
import { useSimStore } from '../../store/sim-store';
import { type Anchor, GridTip } from './GridTip';
import { SrOnly } from './ViewFrame';

/** A cell's description. */
export interface CellText { readonly title: string; readonly lines: readonly string[] }

/** The tooltip and the spoken line of cell `at` (nothing but an empty live region without a cursor). */
export function CursorInfo(props: { readonly at: number | null; readonly anchor: Anchor | null; readonly describe: (f: Frame, at: number) => CellText | null }) {
  const { at, anchor } = props;
  const frame = useSimStore((s) => (at === null ? null : s.frame));
  const info = frame && at !== null ? props.describe(frame, at) : null;
  return (
    <>
      {info && anchor && <GridTip anchor={anchor} title={info.title} lines={info.lines} />}
      <SrOnly live>{info ? `${info.title}. ${info.lines.join('. ')}` : ''}</SrOnly>
    </>
  );
}
