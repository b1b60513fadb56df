// Physical memory view: frames per NUMA node coloured by use (folios, page tables, the zero page,
// free), folios that matter this step as cards with their counts, a copy or a move drawn as such,
// and every folio in a windowed list.
import { useMemo } from 'react';
import { useFrame } from '../../store/hooks';
import { frameFill, Legend, MARKS, Patterns } from '../common/Patterns';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { frameIndex } from '../lib/frame-index';
import { parseKey } from '../lib/keys';
import { resolveCopies, stepChanges } from '../lib/step-changes';
import { useLit } from '../lib/use-lit';
import { FolioCard } from './FolioCard';
import { FolioList } from './FolioList';
import { FrameMap } from './FrameMap';
import { FRAME_CLASSES, FRAME_LABELS, frameClasses, focusFolios, nodeCols, nodeCounts } from './layout';
import './memory.css';

function touchedPfns(keys: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const k of keys) {
    const p = parseKey(k);
    if (p?.kind === 'pfn') out.add(p.n);
  }
  return out;
}

/** The physical-memory view (reads the store; no props). */
export function MemoryView() {
  const frame = useFrame();
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  const d = useMemo(() => {
    if (!frame) return null;
    return {
      idx: frameIndex(frame), classes: frameClasses(frame.memory), touched: touchedPfns(frame.record?.touched ?? []),
      copies: resolveCopies(stepChanges(frame.record), frame.memory.folios),
    };
  }, [frame]);
  const cards = useMemo(() => (frame ? focusFolios(frame, sel, hov) : []), [frame, sel, hov]);
  const present = new Set(d ? [...d.classes] : []);
  const legend = FRAME_CLASSES.filter((_, i) => present.has(i)).map((c) => ({ fill: frameFill(prefix, c), label: FRAME_LABELS[c] }));
  const marks = [d?.touched.size ? { ...MARKS.step, label: 'touched this step' } : null, sel ? MARKS.sel : null].filter((m) => m !== null);
  return (
    <ViewFrame title="Physical memory" className="mv-mem" ready={!!frame && !!d}>
      <Patterns prefix={prefix} cell={10} />
      {d && d.copies.map((c) => (
        <p key={c.from} className="mv-copy-line" role="status">
          {c.move ? 'moved' : 'copied'}: pfn {c.from} → {c.to === null ? 'a new folio' : `pfn ${c.to}`}, content “{c.content}” {c.move ? '(the old frame is gone)' : '(both frames now hold it)'}
        </p>
      ))}
      {frame && d && Array.from({ length: frame.memory.nodes }, (_, node) => {
        const counts = nodeCounts(d.classes, node, frame.memory.framesPerNode);
        const summary = FRAME_CLASSES.filter((c) => counts.get(c)).map((c) => `${counts.get(c) ?? 0} ${c}`).join(', ');
        return (
          <div key={node} className="mv-node-block">
            <h3>Node {node} <span className="mv-muted">· {frame.memory.framesPerNode} frames: {summary}</span></h3>
            <FrameMap frame={frame} idx={d.idx} node={node} classes={d.classes} cols={nodeCols(frame.memory.framesPerNode)} prefix={prefix} sel={sel} hov={hov} touched={d.touched} copies={d.copies} />
          </div>
        );
      })}
      <Legend label="Frame kinds on screen" items={legend} marks={marks} />
      {frame && d && cards.length > 0 && (
        <div className="mv-cards">
          {cards.map((f) => {
            const copy = d.copies.find((c) => c.from === f.pfn || c.to === f.pfn);
            const why = copy ? (copy.from === f.pfn ? 'copied from' : 'the copy') : sel?.pfns.has(f.pfn) ? 'selected' : d.touched.has(f.pfn) ? 'touched this step' : hov?.pfns.has(f.pfn) ? 'hovered' : '';
            return <FolioCard key={f.pfn} frame={frame} idx={d.idx} folio={f} why={why} lit={sel?.pfns.has(f.pfn) ? 'is-sel' : ''} />;
          })}
        </div>
      )}
      {frame && <h3 className="mv-list-title">All folios <span className="mv-muted">({frame.memory.folios.length})</span></h3>}
      {frame && <FolioList folios={frame.memory.folios} sel={sel} hov={hov} />}
    </ViewFrame>
  );
}

