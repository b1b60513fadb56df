// One VMA: a header (range, maps permissions, region names, smaps VmFlags, anon_vma) that selects
// the VMA, and its page grid. The grid is one focusable control: arrow keys move a cursor from page
// to page, Enter/Space selects the page's address, and the cursor's PTE is announced and shown.
import { memo } from 'react';
import type { Frame, VmaView } from '../../sim/frame';
import { CursorInfo } from '../common/CursorInfo';
import { useGridCursor } from '../common/use-grid-cursor';
import { frameIndex } from '../lib/frame-index';
import { pagesLabel } from '../lib/geometry';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { vaddrKey, vmaKey } from '../lib/keys';
import { GridMarks } from './GridMarks';
import { CELL, permString, rangeLabel, type VmaCells } from './layout';
import { pageInfo } from './page-info';
import { PageGrid } from './PageGrid';
import { WpMarks } from './WpMarks';

/** The userfaultfd a VMA is registered with (vm_userfaultfd_ctx) and its VM_UFFD_* modes. */
export interface BandUffd { readonly fd: number; readonly modes: readonly string[] }

/** A VMA with its cells, the scenario regions it covers and its userfaultfd registration. */
export interface Band { readonly vma: VmaView; readonly cells: VmaCells; readonly region: string; readonly uffd: BandUffd | null }

/** The registration badge: "uffd 3" and a badge per mode (VM_UFFD_MISSING, VM_UFFD_WP, VM_UFFD_MINOR). */
function UffdBadge(props: { readonly u: BandUffd }) {
  const { u } = props;
  const flags = u.modes.map((m) => `VM_UFFD_${m}`).join(' | ');
  return (
    <span className="mv-as-uffd" title={`vm_userfaultfd_ctx: registered with userfaultfd fd ${u.fd} (${flags})`}>
      <span className="mv-mono">uffd {u.fd}</span>
      {u.modes.map((m) => <span key={m} className={`mv-as-uffd-mode mode-${m.toLowerCase()}`}>{m}</span>)}
      <span className="mv-sr">{`registered with userfaultfd fd ${u.fd}: ${flags}`}</span>
    </span>
  );
}

type Props = {
  readonly band: Band; readonly mm: number; readonly labels: boolean; readonly prefix: string; readonly sel: Lit | null; readonly hov: Lit | null;
  readonly faults: ReadonlySet<number>; readonly changed: ReadonlySet<number>;
};

function litClass(props: Props, id: number): string {
  return props.sel?.vmas.has(id) ? 'is-sel' : props.hov?.vmas.has(id) ? 'is-hov' : '';
}

/** One VMA band (memoised: its props keep their identity while they read the same). */
export const VmaBand = memo(function VmaBand(props: Props) {
  const { band: { vma, cells, region, uffd }, mm, sel } = props;
  const grid = useGridCursor(cells.count, cells.cols, (c) => vaddrKey(vma.start + c * cells.bucket * 4096));
  const selectable = useSelectable();
  const range = rangeLabel(vma.start, vma.end);
  const describe = (f: Frame, at: number) => pageInfo(f, frameIndex(f), mm, cells, at);
  return (
    <div className={`mv-vma ${litClass(props, vma.id)}`}>
      <div className="mv-vma-head">
        <span className="mv-btn mv-mono" {...selectable(vmaKey(vma.id), `VMA ${range} ${permString(vma.flags)} ${region}`, sel?.key === vmaKey(vma.id))}>{range}</span>
        <span className="mv-mono" title="permissions as in /proc/PID/maps">{permString(vma.flags)}</span>
        {region && <span className="mv-chip">{region}</span>}
        {uffd && <UffdBadge u={uffd} />}
        <span className="mv-muted" title={pagesLabel(vma.pages)}>{vma.pages} page{vma.pages === 1 ? '' : 's'}</span>
        <span className="mv-muted" title="smaps VmFlags">VmFlags <span className="mv-mono">{vma.flags}</span></span>
        <span className="mv-muted">{vma.anonVma === null ? 'no anon_vma' : `anon_vma #${vma.anonVma}`}</span>
        {cells.bucket > 1 && <span className="mv-chip warn">1 cell = {cells.bucket} pages</span>}
      </div>
      <div className="mv-grid-wrap" role="group" aria-roledescription="page grid" {...grid.wrapProps}
        aria-label={`Pages of VMA ${range}: arrow keys move between pages, Enter selects a page`}>
        <svg viewBox={`0 0 ${cells.cols * CELL} ${cells.rows * CELL}`} className="mv-grid" role="img" aria-label={`${cells.count} cells coloured by PTE kind`} {...grid.svgProps}>
          <PageGrid cells={cells} prefix={props.prefix} labels={props.labels} />
          {cells.wp && <WpMarks wp={cells.wp} cols={cells.cols} />}
          <GridMarks cells={cells} mm={mm} sel={sel} hov={props.hov} faults={props.faults} changed={props.changed} cursor={grid.at} />
        </svg>
        <CursorInfo at={grid.at} anchor={grid.anchor} describe={describe} />
      </div>
    </div>
  );
});
