// Page-table view: for each mm the tables Linux has actually allocated (PGD → PUD → PMD → PTE), the
// walk of every fault in progress lit level by level, tables appearing as they are allocated and
// set apart when unlinked, until they are freed.
import { useMemo } from 'react';
import { useFrame } from '../../store/hooks';
import { Legend, MARKS } from '../common/Patterns';
import { ViewFrame } from '../common/ViewFrame';
import { hex } from '../lib/geometry';
import { kindInfo } from '../lib/pte';
import { useLit } from '../lib/use-lit';
import { treeMarks } from './marks';
import { MmTree } from './MmTree';
import './page-table.css';
import { stepLabel, type WalkView, walksOf } from './walk';

const KINDS = [9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10].map(kindInfo);

function WalkLine(props: { readonly w: WalkView }) {
  const { w } = props;
  const a = w.fault.actor;
  return (
    <li className="mv-walk-line">
      <span>fault #{a.id} on CPU{a.cpu} ({w.fault.write ? 'write' : 'read'} at <span className="mv-mono">{hex(w.fault.addr)}</span>, state <span className="mv-mono">{a.state}</span>):</span>{' '}
      {w.steps.map((s, i) => (
        <span key={s.level} className={s.reached ? 'mv-walk-step is-reached' : s.next ? 'mv-walk-step is-next' : 'mv-walk-step'}>
          {i > 0 && ' → '}
          <span className="mv-mono">{stepLabel(s)}</span>
          {s.reached ? ' ✓' : s.next ? ' (next)' : ''}
          {!s.reached && !s.table && ' (no table yet)'}
        </span>
      ))}
    </li>
  );
}

/** The page-table view (reads the store; no props). */
export function PageTableView() {
  const frame = useFrame();
  const { sel, hov } = useLit();
  const derived = useMemo(() => {
    if (!frame) return null;
    const walks = walksOf(frame);
    return { walks, marks: treeMarks(frame, walks) };
  }, [frame]);
  const present = new Set(frame?.mms.flatMap((m) => m.tables.flatMap((t) => [...new Set(t.kinds)])) ?? []);
  const legend = KINDS.filter((k) => present.has(k.code)).map((k) => ({ fill: `var(--pte-${k.cls === 'huge' ? 'rw' : k.cls})`, label: k.label }));
  const marks = [derived?.walks.length ? { ...MARKS.fault, label: 'walk in progress (✓ = entry located)' } : null, derived?.marks.touched.size ? MARKS.step : null, sel ? MARKS.sel : null].filter((m) => m !== null);
  return (
    <ViewFrame title="Page tables" className="mv-pt" ready={!!frame && !!derived}>
      {derived && derived.walks.length > 0 && <ul className="mv-walks" aria-label="Page walks in progress">{derived.walks.map((w) => <WalkLine key={w.fault.actor.id} w={w} />)}</ul>}
      <div className="mv-pt-trees">
        {frame && derived && frame.mms.map((mm) => <MmTree key={mm.id} mm={mm} marks={derived.marks} sel={sel} hov={hov} />)}
      </div>
      <Legend label="Entry kinds on screen" items={legend} marks={marks} />
    </ViewFrame>
  );
}
