// Address space view: per process (mm), its VMAs as bands and their pages as cells coloured by PTE
// kind, read from the mm's page tables. Selection and hover from every view outline pages here.
import { useMemo } from 'react';
import { useFrame } from '../../store/hooks';
import { kindFill, Legend, MARKS, Patterns } from '../common/Patterns';
import { useSvgPrefix } from '../common/prefix';
import { ViewFrame } from '../common/ViewFrame';
import { frameIndex } from '../lib/frame-index';
import { LEAF_KINDS } from '../lib/pte';
import { useLit } from '../lib/use-lit';
import './address-space.css';
import { gridCols, type VmaCells, vmaCells } from './layout';
import { changedMarks, faultMarks } from './marks';
import { MmSpace } from './MmSpace';

const NO_PAGES: ReadonlySet<number> = new Set();

/** Kinds present in any of the cells, for a legend of what is on screen. */
function kindsPresent(all: Iterable<VmaCells>): Set<number> {
  const out = new Set<number>();
  for (const c of all) for (const k of c.codes) out.add(k);
  return out;
}

/** The address-space view (reads the store; no props). */
export function AddressSpaceView() {
  const frame = useFrame();
  const { sel, hov } = useLit();
  const prefix = useSvgPrefix();
  const derived = useMemo(() => {
    if (!frame) return null;
    const maxPages = Math.max(1, ...frame.mms.flatMap((m) => m.vmas.map((v) => v.pages)));
    const idx = frameIndex(frame);
    const cols = gridCols(maxPages);
    const cells = new Map(frame.mms.flatMap((m) => m.vmas.map((v) => [v.id, vmaCells(idx, m.id, v, cols)] as const)));
    return { idx, cols, cells, faults: faultMarks(frame), changed: changedMarks(frame) };
  }, [frame]);
  const present = derived ? kindsPresent(derived.cells.values()) : new Set<number>();
  const legend = LEAF_KINDS.filter((k) => present.has(k.code)).map((k) => ({ fill: kindFill(prefix, k.cls), label: k.label }));
  const marks = [
    sel ? MARKS.sel : null, derived?.faults.size ? MARKS.fault : null, derived?.changed.size ? MARKS.step : null,
  ].filter((m) => m !== null);
  return (
    <ViewFrame title="Address space" className="mv-as" ready={!!frame && !!derived}>
      <Patterns prefix={prefix} cell={10} />
      <Legend label="PTE kinds on screen" items={legend} marks={marks} />
      {frame && derived && frame.mms.length === 0 && <p className="mv-muted">No process has an mm.</p>}
      {frame && derived && frame.mms.map((mm) => (
        <MmSpace key={mm.id} mm={mm} ctx={{
          frame, idx: derived.idx, mm: mm.id, cols: derived.cols, cells: derived.cells, prefix, sel, hov,
          faults: derived.faults.get(mm.id) ?? NO_PAGES, changed: derived.changed.get(mm.id) ?? NO_PAGES,
        }} />
      ))}
    </ViewFrame>
  );
}
