// Resolves a selection or hover key into everything it should light in every view: a folio lights
// its PTEs, VMAs and TLB entries; a CPU its TLB entries; a VMA its pages and tables; and so on.
import type { Frame } from '../../sim/frame';
import { folioAt, frameIndex, type FrameIndex, pageRun, pteAt, ptesOf, vmaAt, walkPath } from './frame-index';
import { alignDown, entrySpan, PAGE_SIZE, parseHex, vpnOf } from './geometry';
import { parseKey } from './keys';
import { mapsFrame } from './pte';

/** What one key lights. Pages are vpns per mm id; TLB keys are `${cpu}:${index in cpu.tlb}`. */
export interface Lit {
  readonly key: string;
  readonly pfns: Set<number>;
  readonly pages: Map<number, Set<number>>;
  readonly vmas: Set<number>;
  readonly tables: Set<number>;
  readonly cpus: Set<number>;
  readonly tlb: Set<string>;
  readonly actors: Set<number>;
  readonly mms: Set<number>;
}

/** Adds page `vpn` of mm `mm` to a Lit. */
function addPage(lit: Lit, mm: number, vpn: number): void {
  let s = lit.pages.get(mm);
  if (!s) lit.pages.set(mm, (s = new Set()));
  s.add(vpn);
}

/** The lit vpns of mm `mm` (empty when none). */
export function litPages(lit: Lit | null, mm: number): ReadonlySet<number> {
  return lit?.pages.get(mm) ?? NO_PAGES;
}
const NO_PAGES: ReadonlySet<number> = new Set();

/** Number of pages lit, all mms together. */
export function litPageCount(lit: Lit | null): number {
  let n = 0;
  for (const s of lit?.pages.values() ?? []) n += s.size;
  return n;
}
/** Key of one TLB entry in Lit.tlb. */
export const tlbId = (cpu: number, i: number): string => `${cpu}:${i}`;

function empty(key: string): Lit {
  return { key, pfns: new Set(), pages: new Map(), vmas: new Set(), tables: new Set(), cpus: new Set(), tlb: new Set(), actors: new Set(), mms: new Set() };
}

function tlbWhere(f: Frame, lit: Lit, pred: (mm: number, vpn: number, pfn: number) => boolean): void {
  for (const c of f.cpus) c.tlb.forEach((e, i) => { if (pred(e.mm, e.vpn, e.pfn)) lit.tlb.add(tlbId(c.id, i)); });
}

function addFolio(idx: FrameIndex, lit: Lit, pfn: number): void {
  const folio = folioAt(idx, pfn);
  const first = folio ? folio.pfn : pfn;
  const n = folio ? 2 ** folio.order : 1;
  for (let p = first; p < first + n; p++) {
    lit.pfns.add(p);
    for (const r of ptesOf(idx, p)) {
      addPage(lit, r.mm, vpnOf(r.vaddr));
      lit.tables.add(r.table);
      lit.mms.add(r.mm);
      const v = vmaAt(idx, r.mm, r.vaddr);
      if (v) lit.vmas.add(v.id);
    }
  }
  tlbWhere(idx.frame, lit, (_mm, _vpn, p) => p >= first && p < first + n);
}

function addTable(idx: FrameIndex, lit: Lit, pfn: number): void {
  const mm = idx.tableOwner.get(pfn);
  const t = mm === undefined ? undefined : idx.mms.get(mm)?.byPfn.get(pfn);
  lit.tables.add(pfn);
  lit.pfns.add(pfn);
  if (mm === undefined || !t) return;
  lit.mms.add(mm);
  // Light the path from the PGD down to this table, so the tree shows where it hangs.
  for (const p of walkPath(idx, mm, t.base)) if (p.table.level >= t.level) lit.tables.add(p.table.pfn);
  const end = t.base + 512 * entrySpan(t.level);
  for (const v of idx.mms.get(mm)?.mm.vmas ?? []) if (v.start < end && v.end > t.base) lit.vmas.add(v.id);
  if (t.level !== 1) return;
  for (let i = 0; i < 512; i++) {
    if ((t.kinds[i] ?? 0) === 0) continue;
    addPage(lit, mm, vpnOf(t.base) + i);
    if (mapsFrame(t.kinds[i] ?? 0)) lit.pfns.add(t.pfns[i] ?? -1);
  }
}

function addVma(idx: FrameIndex, lit: Lit, id: number): void {
  for (const m of idx.mms.values()) {
    const v = m.mm.vmas.find((x) => x.id === id);
    if (!v) continue;
    lit.vmas.add(id);
    lit.mms.add(m.mm.id);
    const run = pageRun(idx, m.mm.id, v.start, v.pages);
    for (let p = 0; p < v.pages; p++) {
      addPage(lit, m.mm.id, vpnOf(v.start) + p);
      if (mapsFrame(run.codes[p] ?? 0)) lit.pfns.add(run.pfns[p] ?? -1);
    }
    for (const t of m.pteTables.values()) if (t.base < v.end && t.base + entrySpan(2) > v.start) lit.tables.add(t.pfn);
    const lo = vpnOf(v.start);
    const hi = vpnOf(v.end);
    tlbWhere(idx.frame, lit, (mm, vpn) => mm === m.mm.id && vpn >= lo && vpn < hi);
  }
}

function addVaddr(idx: FrameIndex, lit: Lit, addr: number): void {
  const page = alignDown(addr, PAGE_SIZE);
  for (const m of idx.mms.values()) {
    const v = vmaAt(idx, m.mm.id, page);
    const hit = pteAt(idx, m.mm.id, page);
    if (!v && hit.code === 0) continue;
    addPage(lit, m.mm.id, vpnOf(page));
    lit.mms.add(m.mm.id);
    if (v) lit.vmas.add(v.id);
    for (const p of walkPath(idx, m.mm.id, page)) lit.tables.add(p.table.pfn);
    if (mapsFrame(hit.code)) lit.pfns.add(hit.pfn);
  }
  tlbWhere(idx.frame, lit, (_mm, vpn) => vpn === vpnOf(page));
}

function addCpu(f: Frame, lit: Lit, id: number): void {
  const c = f.cpus.find((x) => x.id === id);
  lit.cpus.add(id);
  if (!c) return;
  if (c.mm !== null) lit.mms.add(c.mm);
  c.tlb.forEach((e, i) => {
    lit.tlb.add(tlbId(id, i));
    addPage(lit, e.mm, e.vpn);
    lit.pfns.add(e.pfn);
  });
}

function addActor(idx: FrameIndex, lit: Lit, id: number): void {
  const a = idx.frame.actors.find((x) => x.id === id);
  lit.actors.add(id);
  if (!a) return;
  lit.cpus.add(a.cpu);
  const m = /at (0x[0-9a-f]+)/.exec(a.detail);
  const addr = m?.[1] ? parseHex(m[1]) : null;
  if (addr !== null) addVaddr(idx, lit, addr);
}

function addMm(idx: FrameIndex, lit: Lit, id: number): void {
  const m = idx.mms.get(id);
  lit.mms.add(id);
  if (!m) return;
  for (const t of m.mm.tables) lit.tables.add(t.pfn);
  for (const v of m.mm.vmas) lit.vmas.add(v.id);
  for (const c of m.mm.cpumask) lit.cpus.add(c);
}

const cache = new WeakMap<Frame, Map<string, Lit | null>>();

/** Everything `key` lights in `frame` (cached per frame and key); null for no or malformed keys. */
export function resolveLit(frame: Frame, key: string | null): Lit | null {
  const k = parseKey(key);
  if (!k || key === null) return null;
  let m = cache.get(frame);
  if (!m) cache.set(frame, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const idx = frameIndex(frame);
  const lit = empty(key);
  switch (k.kind) {
    case 'pfn': if (idx.tableOwner.has(k.n)) addTable(idx, lit, k.n); else addFolio(idx, lit, k.n); break;
    case 'pt': addTable(idx, lit, k.n); break;
    case 'vma': addVma(idx, lit, k.n); break;
    case 'vaddr': addVaddr(idx, lit, k.n); break;
    case 'cpu': addCpu(frame, lit, k.n); break;
    case 'actor': addActor(idx, lit, k.n); break;
    case 'mm': addMm(idx, lit, k.n); break;
  }
  m.set(key, lit);
  return lit;
}
