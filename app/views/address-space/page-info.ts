// The text a page cell shows on hover or keyboard focus: its address, its PTE, the folio it maps
// and the TLBs that cache it. Pure, so the tooltip and the screen-reader line say the same thing.
import type { Frame } from '../../sim/frame';
import { folioAt, type FrameIndex, pteAt } from '../lib/frame-index';
import { hex, PAGE_SIZE, vpnOf } from '../lib/geometry';
import { describePte, kindInfo, mapsFrame } from '../lib/pte';
import { uffdWpLine } from '../lib/uffd-wp';
import { cellPages, regionLabel, type VmaCells } from './layout';
import { uffdByVma } from './uffd';

/** What a cell shows. */
export interface PageInfo {
  readonly addr: number;
  readonly title: string;
  readonly lines: readonly string[];
}

function folioLine(idx: FrameIndex, pfn: number): string | null {
  const f = folioAt(idx, pfn);
  if (!f) return pfn === 0 ? 'frame: empty_zero_page (shared by every zero-page PTE)' : null;
  const size = f.order ? ` (order ${f.order})` : '';
  return `folio ${f.pfn}${size}: refcount ${f.refcount}, mapcount ${f.mapcount}, pincount ${f.pincount}; content "${f.content[pfn - f.pfn] ?? ''}"${f.exclusive ? '; AnonExclusive' : ''}`;
}

function tlbLine(frame: Frame, mm: number, vpn: number): string | null {
  const hits: string[] = [];
  for (const c of frame.cpus) {
    for (const e of c.tlb) {
      if (e.mm !== mm || e.vpn !== vpn) continue;
      const notes = [e.writable ? 'W' : 'R', e.stale ? 'STALE' : '', e.dormant ? 'dormant' : ''].filter(Boolean).join(', ');
      hits.push(`CPU${c.id} → pfn ${e.pfn} (${notes})`);
    }
  }
  return hits.length ? `TLB: ${hits.join('; ')}` : null;
}

function bucketInfo(idx: FrameIndex, mm: number, cells: VmaCells, c: number): PageInfo {
  const [a, b] = cellPages(cells, c);
  const counts = new Map<number, number>();
  for (let p = a; p <= b; p++) {
    const code = pteAt(idx, mm, cells.vma.start + p * PAGE_SIZE).code;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const addr = cells.vma.start + a * PAGE_SIZE;
  const kinds = [...counts].map(([code, n]) => `${n} ${kindInfo(code).label}`);
  return { addr, title: `pages ${a}–${b} at ${hex(addr)}`, lines: [kinds.join(', ')] };
}

// What a fault on this page does because of the VMA's userfaultfd registration.
function registrationLine(frame: Frame, cells: VmaCells): string | null {
  const u = uffdByVma(frame).get(cells.vma.id);
  if (!u) return null;
  const what = u.modes.map((m) => (m === 'MISSING' ? 'a fault on an empty PTE' : m === 'WP' ? 'a write to a uffd-wp page' : 'a minor fault')).join(' or ');
  return `VMA registered with userfaultfd fd ${u.fd} (${u.modes.map((m) => `VM_UFFD_${m}`).join(' | ')}): ${what} goes to its handler`;
}

/** Describes cell `c` of a VMA of mm `mm`. */
export function pageInfo(frame: Frame, idx: FrameIndex, mm: number, cells: VmaCells, c: number): PageInfo {
  if (cells.bucket > 1) return bucketInfo(idx, mm, cells, c);
  const addr = cells.vma.start + c * PAGE_SIZE;
  const pte = pteAt(idx, mm, addr);
  const region = regionLabel(frame.regions, { ...cells.vma, start: addr, end: addr + PAGE_SIZE });
  const where = pte.table ? ` (table pfn ${pte.table.pfn}[${pte.index}])` : '';
  const lines = [`PTE${where}: ${describePte(pte.code, pte.pfn, pte.bits)}`];
  const wp = uffdWpLine(pte.code, pte.bits);
  if (wp) lines.push(wp);
  const reg = registrationLine(frame, cells);
  if (reg) lines.push(reg);
  const folio = mapsFrame(pte.code) ? folioLine(idx, pte.pfn) : null;
  if (folio) lines.push(folio);
  const tlb = tlbLine(frame, mm, vpnOf(addr));
  if (tlb) lines.push(tlb);
  return { addr, title: `${hex(addr)}${region ? ` · ${region}` : ''} · page ${c} of the VMA`, lines };
}
