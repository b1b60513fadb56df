// Page-table view: for each mm the tables Linux has actually allocated (PGD → PUD → PMD → PTE), the
// walk of every fault in progress lit level by level, tables appearing as they are allocated and
// set apart when unlinked, until they are freed.
import type { Frame } from '../../sim/frame';
import { frameSelector, useFrameSelector } from '../../store/hooks';
import { Legend, MARKS } from '../common/Patterns';
import { ViewFrame } from '../common/ViewFrame';
import { hex } from '../lib/geometry';
import { addCodes, kindInfo } from '../lib/pte';
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

function kindsPresent(f: Frame): number[] {
  const present = new Set<number>();
  for (const m of f.mms) for (const t of m.tables) addCodes(t.kinds, present);
  return [...present].sort((a, b) => a - b);
}

// Once per frame, and kept while it reads the same: steps that touch no table and no walk leave
// this view alone.
const selectTables = frameSelector((f) => {
  const walks = walksOf(f);
  return { mms: f.mms, walks, marks: treeMarks(f, walks), present: kindsPresent(f) };
});

/** The page-table view (reads the store; no props). */
export function PageTableView() {
  const d = useFrameSelector(selectTables);
  const { sel, hov } = useLit();
  const legend = KINDS.filter((k) => d?.present.includes(k.code)).map((k) => ({ fill: `var(--pte-${k.cls === 'huge' ? 'rw' : k.cls})`, label: k.label }));
  const marks = [d?.walks.length ? { ...MARKS.fault, label: 'walk in progress (✓ = entry located)' } : null, d?.marks.touched.size ? MARKS.step : null, sel ? MARKS.sel : null].filter((m) => m !== null);
  return (
    <ViewFrame title="Page tables" className="mv-pt" ready={!!d}>
      {/* Always there, two lines high at least: a walk that starts or ends does not move the trees below
          (moving them re-lays out and repaints the whole view). */}
      {d && (
        <ul className="mv-walks" aria-label="Page walks in progress">
          {d.walks.length > 0 ? d.walks.map((w) => <WalkLine key={w.fault.actor.id} w={w} />) : <li className="mv-walk-line is-idle">No fault is walking the page tables now.</li>}
        </ul>
      )}
      <div className="mv-pt-trees">
        {d?.mms.map((mm) => <MmTree key={mm.id} mm={mm} marks={d.marks} sel={sel} hov={hov} />)}
      </div>
      <Legend label="Entry kinds on screen" items={legend} marks={marks} />
    </ViewFrame>
  );
}
