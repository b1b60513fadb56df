// Address space view: per process (mm), its VMAs as bands and their pages as cells coloured by PTE
// kind, read from the mm's page tables. Selection and hover from every view outline pages here.
import type { Frame } from '../../sim/frame';
import { frameSelector, useFrameSelector } from '../../store/hooks';
import { kindFill, Legend, MARKS, Patterns } from '../common/Patterns';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { frameIndex } from '../lib/frame-index';
import { addCodes, LEAF_KINDS } from '../lib/pte';
import { useLit } from '../lib/use-lit';
import './address-space.css';
import { gridCols, regionLabel, vmaCells } from './layout';
import { changedMarks, faultMarks } from './marks';
import { type MmBands, MmSpace } from './MmSpace';
import { uffdByVma, WP_LEGEND } from './uffd';
import { WpDefs, wpFill } from './WpMarks';

const NO_PAGES: ReadonlySet<number> = new Set();

/** What the view draws of a frame: every mm with the cells of its VMAs, and the step's page marks. */
export function addressSpace(f: Frame) {
  const idx = frameIndex(f);
  const cols = gridCols(Math.max(1, ...f.mms.flatMap((m) => m.vmas.map((v) => v.pages))));
  const reg = uffdByVma(f);
  const mms: MmBands[] = f.mms.map((mm) => ({
    mm, bands: mm.vmas.map((vma) => ({ vma, cells: vmaCells(idx, mm.id, vma, cols), region: regionLabel(f.regions, vma), uffd: reg.get(vma.id) ?? null })),
  }));
  const present = new Set<number>();
  let wp = false;
  for (const m of mms) {
    for (const b of m.bands) {
      addCodes(b.cells.codes, present);
      wp ||= !!b.cells.wp?.includes(1);
    }
  }
  return { mms, cols, present: [...present].sort((a, b) => a - b), wp, faults: faultMarks(f), changed: changedMarks(f) };
}

// Once per frame, and kept while it reads the same: a step that leaves the address spaces alone
// does not re-render this view.
const selectSpace = frameSelector(addressSpace);

/** The address-space view (reads the store; no props). */
export function AddressSpaceView() {
  const d = useFrameSelector(selectSpace);
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  const legend = LEAF_KINDS.filter((k) => d?.present.includes(k.code)).map((k) => ({ fill: kindFill(prefix, k.cls), label: k.label }));
  if (d?.wp) legend.push({ fill: wpFill(prefix), label: WP_LEGEND });
  const marks = [sel ? MARKS.sel : null, d?.faults.size ? MARKS.fault : null, d?.changed.size ? MARKS.step : null].filter((m) => m !== null);
  return (
    <ViewFrame title="Address space" className="mv-as" ready={!!d}>
      <Patterns prefix={prefix} cell={10} />
      {d?.wp && <WpDefs prefix={prefix} />}
      <Legend label="PTE kinds on screen" items={legend} marks={marks} />
      {d && d.mms.length === 0 && <p className="mv-muted">No process has an mm.</p>}
      {d?.mms.map((m) => (
        <MmSpace key={m.mm.id} m={m} labels={d.cols <= 16} prefix={prefix} sel={sel} hov={hov}
          faults={d.faults.get(m.mm.id) ?? NO_PAGES} changed={d.changed.get(m.mm.id) ?? NO_PAGES} />
      ))}
    </ViewFrame>
  );
}
