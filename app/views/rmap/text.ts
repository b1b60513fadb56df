// The words of each row of the rmap graph: a tag naming the kernel object (folio, anon_vma, VMA), a
// main line, a second line (details, or for a VMA the PTE found there), an optional badge, the row's
// accessible name and the shared selection key it stands for. Pure, so the tests and the screen
// reader read what the eye does.
import type { Frame } from '../../sim/frame';
import { plural } from '../../../sim-core/kernel/words';
import { hex, vpnOf } from '../lib/geometry';
import { pfnKey, vmaKey } from '../lib/keys';
import { kindInfo } from '../lib/pte';
import { folioFate } from './context';
import { STATUS_WORD } from './describe';
import type { GraphNode } from './layout';
import type { RmapModel, RmapRow } from './model';

/** What one row says. */
export interface RowText {
  readonly tag: string;
  readonly main: string;
  /** Muted words after the main line (dropped first when the row is narrow). */
  readonly note: string;
  readonly sub: string;
  /** Tag of the second line ("PTE" on VMA rows). */
  readonly subTag: string;
  readonly badge: string | null;
  /** Class suffix of the PTE kind swatch (mv-k-*), for VMA rows. */
  readonly swatch: string | null;
  readonly label: string;
  /** The selection key the row stands for (null: not selectable). */
  readonly key: string | null;
}

const BLANK: RowText = { tag: '', main: '', note: '', sub: '', subTag: '', badge: null, swatch: null, label: '', key: null };

function folioText(f: Frame, m: RmapModel): RowText {
  const key = pfnKey(m.pfn + m.page);
  const x = m.folio;
  if (!x) return { ...BLANK, tag: 'folio', main: `pfn ${m.pfn}: freed`, sub: 'the folio is gone; its rmap with it', label: `folio pfn ${m.pfn}, freed`, key };
  const size = x.order ? ` · order ${x.order} (${2 ** x.order} pages)` : '';
  const page = m.page ? ` · page ${m.page} (pfn ${m.pfn + m.page})` : '';
  const counts = `ref ${x.refcount} map ${x.mapcount} pin ${x.pincount}`;
  const mapping = x.anonVma === null ? 'no anon_vma' : `folio->mapping = anon_vma #${x.anonVma} · index ${hex(x.index)}`;
  const fate = folioFate(f, x.pfn);
  const flags = x.flags.filter((g) => g === 'locked' || g === 'swapcache' || g === 'isolated').join(' ');
  const sub = [mapping, flags, fate].filter(Boolean).join(' · ');
  // folio_maybe_dma_pinned: migration and fork must not move or share the page.
  const badge = x.pincount ? 'pinned' : null;
  return { ...BLANK, tag: 'folio', main: `pfn ${x.pfn} · ${counts}`, note: `${size}${page}`.replace(/^ · /, ''), sub, badge, label: `folio pfn ${x.pfn}${page}, ${counts}${badge ? ', maybe DMA-pinned' : ''}. ${sub}`, key };
}

function anonText(m: RmapModel): RowText {
  const a = m.anonVma;
  if (!a) return { ...BLANK, tag: 'anon_vma', main: 'none', sub: 'folio->mapping is no anon_vma: not an anonymous folio', label: 'no anon_vma' };
  const root = a.root === a.id ? ' (root)' : ` · root #${a.root}`;
  const index = m.folio ? hex(m.folio.index + m.page) : '?';
  const verb = m.walk ? 'rmap_walk_anon visits' : 'its interval tree yields';
  const sub = `${plural(a.links, 'anon_vma_chain')} link${a.links === 1 ? 's' : ''} VMAs; at index ${index} ${verb} ${plural(m.rows.length, 'VMA')}`;
  return { ...BLANK, tag: 'anon_vma', main: `#${a.id}${root}`, sub, label: `anon_vma ${a.id}${root}. ${sub}` };
}

function pteLine(m: RmapModel, r: RmapRow, status: GraphNode['status']): { readonly sub: string; readonly swatch: string | null; readonly flushing: boolean } {
  if (r.addr === null || !r.pte) return { sub: 'none here: the index falls outside the VMA (vma_address)', swatch: null, flushing: false };
  const flushing = status === 'now' && (m.walk?.flushing ?? false);
  const what = flushing && r.pte.relation === 'none' ? 'pte_none: cleared; the new value is written once the flush completes' : r.pte.text;
  // For a THP, how the VMA maps the whole folio matters more than its first page's PTE.
  const sub = r.large ? `${r.large} · ${hex(r.addr)} ${what}` : `${hex(r.addr)} ${what}`;
  return { sub, swatch: kindInfo(r.pte.code).cls, flushing };
}

function vmaText(m: RmapModel, r: RmapRow, status: GraphNode['status']): RowText {
  // As /proc/PID/maps prints it: shorter than two 0x-prefixed addresses in a narrow row.
  const range = r.view ? `${r.view.start.toString(16)}-${r.view.end.toString(16)} ${r.view.prot}` : `#${r.vma} (gone)`;
  const own = r.own === null ? 'no vma->anon_vma' : r.own === m.anonVma?.id ? `vma->anon_vma #${r.own}` : `vma->anon_vma #${r.own} (child of #${r.ownParent ?? '?'})`;
  const note = `mm ${r.mm} · ${own}`;
  const pte = pteLine(m, r, status);
  const word = STATUS_WORD[status];
  const badge = pte.flushing ? 'TLB flush in flight' : word || null;
  const label = `${word ? `${word}: ` : ''}VMA of ${r.process} ${range}, ${note}. PTE ${pte.sub}${pte.flushing ? '. TLB flush in flight' : ''}`;
  return { tag: 'VMA', main: `${r.process} ${range}`, note, sub: pte.sub, subTag: 'PTE', badge, swatch: pte.swatch, label, key: vmaKey(r.vma) };
}

function moreText(n: GraphNode): RowText {
  const main = n.id === 'more-before' ? `✓ ${plural(n.count, 'earlier VMA')} visited` : `… ${plural(n.count, 'more VMA')}${n.status === 'idle' ? '' : ' pending'}`;
  return { ...BLANK, main, sub: 'not drawn, to keep the graph short', label: main };
}

/** The words of graph node `n` of model `m` in frame `f`. */
export function nodeText(f: Frame, m: RmapModel, n: GraphNode): RowText {
  switch (n.kind) {
    case 'folio': return folioText(f, m);
    case 'anon': return anonText(m);
    case 'vma': return n.row ? vmaText(m, n.row, n.status) : moreText(n);
    case 'more': return moreText(n);
  }
}

/** The vpn of the folio's page in a VMA row (it lights the row when selected or hovered elsewhere). */
export function rowVpn(r: RmapRow | null): number | null {
  return r?.addr === null || r?.addr === undefined ? null : vpnOf(r.addr);
}
