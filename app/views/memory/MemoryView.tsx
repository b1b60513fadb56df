// Physical memory view: frames per NUMA node coloured by use (folios, page tables, the zero page,
// free), folios that matter this step as cards with their counts, a copy or a move drawn as such,
// and every folio in a windowed list.
import { useFrameSelector } from '../../store/hooks';
import { frameFill, Legend, MARKS, Patterns } from '../common/Patterns';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { useLit } from '../lib/use-lit';
import { FolioCards } from './FolioCard';
import { FolioList } from './FolioList';
import { FrameMap } from './FrameMap';
import { FRAME_CLASSES, FRAME_LABELS } from './layout';
import './memory.css';
import { selectMemory } from './select';

/** The physical-memory view (reads the store; no props). */
export function MemoryView() {
  const d = useFrameSelector(selectMemory);
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  const legend = FRAME_CLASSES.filter((_, i) => d?.present.includes(i)).map((c) => ({ fill: frameFill(prefix, c), label: FRAME_LABELS[c] }));
  const marks = [d?.touched.size ? { ...MARKS.step, label: 'touched this step' } : null, sel ? MARKS.sel : null].filter((m) => m !== null);
  return (
    <ViewFrame title="Physical memory" className="mv-mem" ready={!!d}>
      <Patterns prefix={prefix} cell={10} />
      {d?.copies.map((c) => (
        <p key={c.from} className="mv-copy-line" role="status">
          {c.move ? 'moved' : 'copied'}: pfn {c.from} → {c.to === null ? 'a new folio' : `pfn ${c.to}`}, content “{c.content}” {c.move ? '(the old frame is gone)' : '(both frames now hold it)'}
        </p>
      ))}
      {d?.nodes.map((m) => (
        <div key={m.node} className="mv-node-block">
          <h3>Node {m.node} <span className="mv-muted">· {d.perNode} frames: {m.summary}</span></h3>
          <FrameMap m={m} prefix={prefix} sel={sel} hov={hov} touched={d.touched} copies={d.copies} />
        </div>
      ))}
      <Legend label="Frame kinds on screen" items={legend} marks={marks} />
      {d && <FolioCards />}
      {d && <h3 className="mv-list-title">All folios <span className="mv-muted">({d.folios.length})</span></h3>}
      {d && <FolioList folios={d.folios} sel={sel} hov={hov} />}
    </ViewFrame>
  );
}
