// Reverse-map view: the rmap graph of DESIGN.md, folio → anon_vma → anon_vma_chain → VMAs → PTEs.
// While an rmap walk runs (try_to_unmap, try_to_migrate, remove_migration_ptes) it animates the walk:
// VMAs visited, the one being visited, those to come, the PTE in each and a flush in flight. Otherwise
// it shows the rmap of the selected folio, or of the folio the step touched, as a walk would find it.
import { useMemo, useState } from 'react';
import type { Frame, RmapWalkView } from '../../sim/frame';
import { useFrame, useSelection } from '../../store/hooks';
import { SrOnly, ViewFrame } from '../common/ViewFrame';
import { parseKey } from '../lib/keys';
import { useLit } from '../lib/use-lit';
import { callbackOf, shortState, stateText } from './describe';
import { graphOf, layoutGraph } from './layout';
import { pickModel, type RmapModel } from './model';
import { RmapGraph } from './RmapGraph';
import './rmap.css';
import { Waiters, WalkContext } from './WalkContext';

/**
 * The folio pfn the selection stands for. Selecting another kind of object (a VMA row here, a page
 * elsewhere) keeps the folio chosen before, so the graph does not vanish under the pointer;
 * clearing the selection drops it.
 */
function useChosenPfn(selection: string | null): number | null {
  const [kept, setKept] = useState<number | null>(null);
  const k = parseKey(selection);
  const pfn = k?.kind === 'pfn' ? k.n : null;
  // React's "adjust state while rendering": no effect, no extra paint.
  if (pfn !== null && pfn !== kept) setKept(pfn);
  if (selection === null && kept !== null) setKept(null);
  return pfn ?? (selection === null ? null : kept);
}

function WalkLine(props: { readonly w: RmapWalkView }) {
  const { w } = props;
  return (
    <p className="mv-rm-walk" title={`${w.purpose} → rmap_walk_anon → ${callbackOf(w.purpose)}: ${stateText(w)}`}>
      <b className="mv-mono">{callbackOf(w.purpose)}</b> · {shortState(w)}
      <SrOnly>{`. ${w.purpose}: ${stateText(w)}`}</SrOnly>
    </p>
  );
}

function WalkChips(props: { readonly w: RmapWalkView; readonly others: number }) {
  return (
    <>
      {props.w.batch && <span className="mv-chip" title="TTU_BATCH_FLUSH: flushes of PTEs other CPUs may cache are deferred to try_to_unmap_flush">TTU_BATCH_FLUSH</span>}
      {props.others > 0 && <span className="mv-chip">+{props.others} more walk{props.others === 1 ? '' : 's'}</span>}
    </>
  );
}

// Above a graph the hint is one line (its full text on hover); alone, it explains the view.
function Hint(props: { readonly text: string; readonly short: boolean }) {
  return <p className={props.short ? 'mv-rm-hint is-short' : 'mv-rm-hint'} title={props.short ? props.text : undefined}>{props.text}</p>;
}

function hint(f: Frame, m: RmapModel | null): string {
  const ended = f.record?.kind === 'rmap_walk' && f.record.to === 'done' ? `Walk ended this step (${f.record.fn})` : '';
  if (m?.mode === 'selected') return 'No walk runs: the selected folio’s rmap now, as rmap_walk_anon would find it.';
  if (m) return ended ? `${ended}: the folio’s rmap now.` : 'No walk runs: the rmap of the folio this step touched (select one to keep it).';
  if (f.migrations.length || f.reclaims.length) return `${ended || 'No rmap walk runs at this step'}: the call below is between walks. Select a folio to see its rmap.`;
  return `${ended ? `${ended}. ` : ''}No rmap walk runs now and no anonymous folio is selected or touched. Reclaim (try_to_unmap) and migration (try_to_migrate, remove_migration_ptes) walk folio → anon_vma → VMAs → PTEs; select a folio in Physical memory to see its reverse map.`;
}

/** The rmap view (reads the store; no props). */
export function RmapView() {
  const frame = useFrame();
  const selection = useSelection();
  const { sel, hov } = useLit();
  const pfn = useChosenPfn(selection);
  const model = useMemo(() => (frame ? pickModel(frame, pfn) : null), [frame, pfn]);
  const layout = useMemo(() => (model ? layoutGraph(graphOf(model)) : null), [model]);
  const walks = frame?.rmapWalks.length ?? 0;
  const extra = model?.walk ? <WalkChips w={model.walk} others={walks - 1} /> : null;
  return (
    <ViewFrame title="Reverse map (rmap)" className="mv-rmap" ready={!!frame} extra={extra}>
      {model?.walk ? <WalkLine w={model.walk} /> : frame && <Hint text={hint(frame, model)} short={!!model} />}
      {frame && <Waiters frame={frame} selection={selection} />}
      {frame && model && layout && <RmapGraph frame={frame} model={model} layout={layout} sel={sel} hov={hov} selection={selection} />}
      {frame && <WalkContext frame={frame} walkedSrc={model?.walk?.src ?? null} />}
    </ViewFrame>
  );
}
