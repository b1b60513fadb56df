// The statechart panel, with the charts of the last few machine kinds kept built but parked
// (content-visibility: hidden, inert). Steps alternate between machines of a few kinds (a task, its
// fault, a shootdown, the flush on another CPU): instead of rebuilding a chart at every switch,
// showing a parked chart again only re-lights the chips whose state changed. Measured: the machines
// view's DOM insertions and removals per step halve (9.3 → 4.9 nodes in munmap-running-peer); the
// step time moved by less than the machine's noise in interleaved A/B runs (.prof/ab.ts).
import { useState } from 'react';
import type { ActorView } from '../../sim/frame';
import type { MachineGraph } from '../../sim/graphs';
import { ChartPanel, type Moved } from './MachineRow';

/** What a chart panel draws. */
export interface ChartProps { readonly actor: ActorView; readonly g: MachineGraph | undefined; readonly moved: Moved | null; readonly gone: boolean; readonly why: string }

/** Charts kept built, shown or parked (beyond this, the one shown least lately is dropped). */
const KEEP = 5;

interface Kept { readonly props: ChartProps; readonly shownAt: number }

const sameProps = (a: ChartProps, b: ChartProps): boolean =>
  a.actor === b.actor && a.g === b.g && a.moved === b.moved && a.gone === b.gone && a.why === b.why;

/** `kept` with `shown` as its kind's chart (same array when nothing changes); in first-shown order. */
export function keepChart(kept: readonly Kept[], shown: ChartProps | null, tick: number): readonly Kept[] {
  if (!shown) return kept;
  const i = kept.findIndex((k) => k.props.actor.kind === shown.actor.kind);
  const cur = i >= 0 ? kept[i] : undefined;
  if (cur && sameProps(cur.props, shown)) return kept;
  const entry = { props: shown, shownAt: tick };
  if (i >= 0) return kept.map((k, j) => (j === i ? entry : k));
  const out = [...kept, entry];
  if (out.length <= KEEP) return out;
  const oldest = out.reduce((a, b) => (b.shownAt < a.shownAt ? b : a));
  return out.filter((k) => k !== oldest);
}

/** The chart of `shown` (none: every kept chart parked), beside the parked charts of other kinds. */
export function ChartStack(props: { readonly shown: ChartProps | null }) {
  const [state, setState] = useState<{ kept: readonly Kept[]; tick: number }>({ kept: [], tick: 0 });
  const kept = keepChart(state.kept, props.shown, state.tick + 1);
  // React's "adjust state while rendering" pattern: the kept list follows the props without an effect.
  if (kept !== state.kept) setState({ kept, tick: state.tick + 1 });
  const active = props.shown?.actor.kind;
  return (
    <div className="mv-charts">
      {kept.map(({ props: p }) => {
        const on = p.actor.kind === active;
        return (
          <div key={p.actor.kind} className={on ? 'mv-chart-slot' : 'mv-chart-slot is-parked'} aria-hidden={on ? undefined : true} inert={!on}>
            <ChartPanel actor={p.actor} g={p.g} moved={p.moved} gone={p.gone} why={p.why} />
          </div>
        );
      })}
    </div>
  );
}
