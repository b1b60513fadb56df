// Text for one physical frame (hover tooltip, screen-reader line) and for a folio's mappings.
import type { FolioView, Frame } from '../../sim/frame';
import { folioAt, type FrameIndex, ptesOf } from '../lib/frame-index';
import { hex, levelName } from '../lib/geometry';
import { kindInfo } from '../lib/pte';
import { ZERO_PFN } from './layout';

/** Where a folio is mapped: "app 0x7eff… (present, read-only)". */
export function mappingLines(f: Frame, idx: FrameIndex, folio: FolioView): string[] {
  const out: string[] = [];
  for (let p = folio.pfn; p < folio.pfn + 2 ** folio.order && out.length < 8; p++) {
    for (const r of ptesOf(idx, p)) {
      const proc = idx.mms.get(r.mm)?.mm.process ?? `mm ${r.mm}`;
      out.push(`${proc} ${hex(r.vaddr)} (${kindInfo(r.code).label})`);
    }
  }
  return out;
}

/** CPUs whose TLB holds a translation to one of the folio's frames: "CPU1 (stale)". */
export function tlbHolders(f: Frame, folio: FolioView): string[] {
  const end = folio.pfn + 2 ** folio.order;
  return f.cpus.flatMap((c) => {
    const hits = c.tlb.filter((e) => e.pfn >= folio.pfn && e.pfn < end);
    if (!hits.length) return [];
    const notes = [hits.some((e) => e.stale) ? 'stale' : '', hits.some((e) => e.dormant) ? 'dormant' : ''].filter(Boolean);
    return [`CPU${c.id}${notes.length ? ` (${notes.join(', ')})` : ''}`];
  });
}

/** A one-paragraph description of frame `pfn`. */
export function frameInfo(f: Frame, idx: FrameIndex, pfn: number): { readonly title: string; readonly lines: readonly string[] } {
  const node = Math.floor(pfn / f.memory.framesPerNode);
  const title = `pfn ${pfn} · node ${node}`;
  const kind = f.memory.kind[pfn] ?? 0;
  if (kind === 3) {
    const pt = f.memory.pagetables.find((t) => t.pfn === pfn);
    const owner = pt ? idx.mms.get(pt.mm)?.mm.process ?? `mm ${pt.mm}` : '?';
    return { title, lines: [`page-table page: ${pt ? levelName(pt.level) : '?'} table of ${owner}`] };
  }
  if (kind === 4) return { title, lines: [pfn === ZERO_PFN ? 'empty_zero_page: reserved, mapped read-only by every zero-page PTE' : 'reserved'] };
  const folio = folioAt(idx, pfn);
  if (!folio) return { title, lines: ['free: in the buddy allocator'] };
  const lines = [
    `${folio.order ? `tail/head of an order-${folio.order} folio at pfn ${folio.pfn}` : 'folio (order 0)'}: refcount ${folio.refcount}, mapcount ${folio.mapcount}, pincount ${folio.pincount}`,
    `content "${folio.content[pfn - folio.pfn] ?? ''}" · flags ${folio.flags.join(' ') || 'none'}${folio.exclusive ? ' · AnonExclusive' : ''}`,
  ];
  const maps = mappingLines(f, idx, folio);
  if (maps.length) lines.push(`mapped by ${maps.join('; ')}`);
  const tlb = tlbHolders(f, folio);
  if (tlb.length) lines.push(`in the TLB of ${tlb.join(', ')}`);
  return { title, lines };
}
