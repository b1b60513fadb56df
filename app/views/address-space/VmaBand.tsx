// One VMA: a header (range, maps permissions, region names, smaps VmFlags, anon_vma) that selects
// the VMA, and its page grid. The grid is one focusable control: arrow keys move a cursor from page
// to page, Enter/Space selects the page's address, and the cursor's PTE is announced and shown.
import type { Frame, VmaView } from '../../sim/frame';
import { GridTip } from '../common/GridTip';
import { useGridCursor } from '../common/use-grid-cursor';
import { SrOnly } from '../common/ViewFrame';
import type { FrameIndex } from '../lib/frame-index';
import { pagesLabel } from '../lib/geometry';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { vaddrKey, vmaKey } from '../lib/keys';
import { GridMarks } from './GridMarks';
import { CELL, permString, rangeLabel, regionLabel, type VmaCells, vmaCells } from './layout';
import { pageInfo } from './page-info';
import { PageGrid } from './PageGrid';

/** What a band needs beyond its VMA. */
export interface BandContext {
  readonly frame: Frame;
  readonly idx: FrameIndex;
  readonly mm: number;
  readonly cols: number;
  /** Cells of every VMA by id, computed once per frame by the view. */
  readonly cells: ReadonlyMap<number, VmaCells>;
  readonly prefix: string;
  readonly sel: Lit | null;
  readonly hov: Lit | null;
  readonly faults: ReadonlySet<number>;
  readonly changed: ReadonlySet<number>;
}

function litClass(ctx: BandContext, id: number): string {
  return ctx.sel?.vmas.has(id) ? 'is-sel' : ctx.hov?.vmas.has(id) ? 'is-hov' : '';
}

/** One VMA band. */
export function VmaBand(props: { readonly vma: VmaView; readonly ctx: BandContext }) {
  const { vma, ctx } = props;
  const cells = ctx.cells.get(vma.id) ?? vmaCells(ctx.idx, ctx.mm, vma, ctx.cols);
  const grid = useGridCursor(cells.count, cells.cols, (c) => vaddrKey(vma.start + c * cells.bucket * 4096));
  const selectable = useSelectable();
  const at = grid.at;
  const info = at === null ? null : pageInfo(ctx.frame, ctx.idx, ctx.mm, cells, at);
  const region = regionLabel(ctx.frame.regions, vma);
  const range = rangeLabel(vma.start, vma.end);

  return (
    <div className={`mv-vma ${litClass(ctx, vma.id)}`}>
      <div className="mv-vma-head">
        <span className="mv-btn mv-mono" {...selectable(vmaKey(vma.id), `VMA ${range} ${permString(vma.flags)} ${region}`, ctx.sel?.key === vmaKey(vma.id))}>{range}</span>
        <span className="mv-mono" title="permissions as in /proc/PID/maps">{permString(vma.flags)}</span>
        {region && <span className="mv-chip">{region}</span>}
        <span className="mv-muted" title={pagesLabel(vma.pages)}>{vma.pages} page{vma.pages === 1 ? '' : 's'}</span>
        <span className="mv-muted" title="smaps VmFlags">VmFlags <span className="mv-mono">{vma.flags}</span></span>
        <span className="mv-muted">{vma.anonVma === null ? 'no anon_vma' : `anon_vma #${vma.anonVma}`}</span>
        {cells.bucket > 1 && <span className="mv-chip warn">1 cell = {cells.bucket} pages</span>}
      </div>
      <div className="mv-grid-wrap" role="group" aria-roledescription="page grid" {...grid.wrapProps}
        aria-label={`Pages of VMA ${range}: arrow keys move between pages, Enter selects a page`}>
        <svg viewBox={`0 0 ${cells.cols * CELL} ${cells.rows * CELL}`} className="mv-grid" role="img" aria-label={`${cells.count} cells coloured by PTE kind`} {...grid.svgProps}>
          <PageGrid cells={cells} prefix={ctx.prefix} labels={ctx.cols <= 16} />
          <GridMarks cells={cells} mm={ctx.mm} sel={ctx.sel} hov={ctx.hov} faults={ctx.faults} changed={ctx.changed} cursor={at} />
        </svg>
        {info && grid.anchor && <GridTip anchor={grid.anchor} title={info.title} lines={info.lines} />}
        <SrOnly live>{info ? `${info.title}. ${info.lines.join('. ')}` : ''}</SrOnly>
      </div>
    </div>
  );
}
