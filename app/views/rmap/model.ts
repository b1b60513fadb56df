// What the rmap view shows, as plain data: a folio, its anon_vma, the VMAs the anon_vma's interval
// tree links at the folio's index (the ones rmap_walk_anon visits) and the PTE at the folio's address
// in each. From a running walk (frame.rmapWalks) or, when none runs, from a folio of the frame.
import type { FolioView, Frame, MmView, RmapWalkView, VmaView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';
import { folioAt, frameIndex, type FrameIndex, pageRun, type PteHit, pteAt } from '../lib/frame-index';
import { alignDown, entrySpan, indexAt, PAGE_SIZE } from '../lib/geometry';
import { mapsFrame, refersToFrame } from '../lib/pte';
import { stepChanges } from '../lib/step-changes';
import { lookPte, type PteLook, type TargetStatus, targetStatus } from './describe';

/** One VMA on the folio's rmap, with the PTE found there. */
export interface RmapRow {
  readonly vma: number;
  readonly mm: number;
  readonly process: string;
  /** The VMA as the frame has it (null once it is gone). */
  readonly view: VmaView | null;
  /** The VMA's own anon_vma (vma->anon_vma) and that anon_vma's parent. */
  readonly own: number | null;
  readonly ownParent: number | null;
  /** Where the folio's page sits in the VMA (vma_address), null when outside it. */
  readonly addr: number | null;
  readonly pte: PteLook | null;
  /** For a large folio: how this VMA maps it (PMD-mapped, or n of N pages PTE-mapped). */
  readonly large: string | null;
  readonly status: TargetStatus;
}

/** The anon_vma a folio's mapping points to. */
export interface AnonVmaInfo { readonly id: number; readonly root: number; readonly parent: number | null; readonly links: number }

/** Why this folio is shown. */
export type RmapMode = 'walk' | 'selected' | 'touched';

/** Everything the graph draws. */
export interface RmapModel {
  readonly mode: RmapMode;
  readonly walk: RmapWalkView | null;
  /** The folio (null when it is already freed); `pfn` is its head, or the pfn asked for. */
  readonly folio: FolioView | null;
  readonly pfn: number;
  /** Page of the folio the rows locate (a tail page of a THP). */
  readonly page: number;
  readonly anonVma: AnonVmaInfo | null;
  readonly rows: readonly RmapRow[];
}

type VmaHit = { readonly mm: MmView; readonly vma: VmaView };
const vmaCache = new WeakMap<Frame, ReadonlyMap<number, VmaHit>>();

/** The VMA with id `id` and its mm (a per-frame index, built on first use). */
export function vmaById(f: Frame, id: number): VmaHit | undefined {
  let m = vmaCache.get(f);
  if (!m) {
    m = new Map(f.mms.flatMap((mm) => mm.vmas.map((vma) => [vma.id, { mm, vma }] as const)));
    vmaCache.set(f, m);
  }
  return m.get(id);
}

/** vma_address: where page `index` of an anonymous mapping sits in `vma`, null when outside it. */
export function vmaAddress(vma: VmaView, index: number): number | null {
  const a = vma.start + (index - vma.pgoff) * PAGE_SIZE;
  return a >= vma.start && a < vma.end ? a : null;
}

/**
 * The leaf entry mapping `addr`: a huge PMD when there is one, else the PTE. The PMD comes first
 * because a THP keeps a PTE table deposited under it (pgtable_trans_huge_deposit) for a later split,
 * and that table, all pte_none, is listed with the mm's tables.
 */
export function leafAt(idx: FrameIndex, mm: number, addr: number): PteHit {
  const pmd = idx.mms.get(mm)?.pmdTables.get(alignDown(addr, entrySpan(3)));
  const j = indexAt(addr, 2);
  if (!pmd || pmd.kinds[j] !== PTE_KIND.huge) return pteAt(idx, mm, addr);
  return { code: PTE_KIND.huge, pfn: (pmd.pfns[j] ?? -1) + indexAt(addr, 1), bits: pmd.bits[j] ?? 0, table: pmd, index: j };
}

/** How `vma` of mm `mm` maps large folio `f`, e.g. "PMD-mapped" or "511 of 512 pages PTE-mapped". */
export function largeMapping(idx: FrameIndex, mm: number, vma: VmaView, f: FolioView): string | null {
  const n = 2 ** f.order;
  if (n === 1) return null;
  const start = vma.start + (f.index - vma.pgoff) * PAGE_SIZE;
  const head = leafAt(idx, mm, start);
  if (head.code === PTE_KIND.huge && head.pfn === f.pfn) return `PMD-mapped: one huge PMD for all ${n} pages`;
  const run = pageRun(idx, mm, start, n);
  let ours = 0;
  let other = 0;
  for (let i = 0; i < n; i++) {
    const p = run.pfns[i] ?? -1;
    if (!mapsFrame(run.codes[i] ?? 0)) continue;
    if (p >= f.pfn && p < f.pfn + n) ours++;
    else other++;
  }
  const tail = other ? `; ${other} now map${other === 1 ? 's a copy' : ' copies'}` : '';
  return `PTE-mapped: ${ours} of ${n} pages${tail}`;
}

function anonInfo(f: Frame, id: number | null): AnonVmaInfo | null {
  const a = id === null ? undefined : f.anonVmas.find((x) => x.id === id);
  return a ? { id: a.id, root: a.root, parent: a.parent, links: a.vmas.length } : null;
}

/** The VMAs the interval tree of anon_vma `id` yields for page `index`: those whose range covers it. */
export function intervalTargets(f: Frame, id: number | null, index: number): { vma: number; mm: number; addr: number | null }[] {
  const a = id === null ? undefined : f.anonVmas.find((x) => x.id === id);
  const out: { vma: number; mm: number; addr: number }[] = [];
  for (const v of a?.vmas ?? []) {
    const hit = vmaById(f, v);
    const addr = hit ? vmaAddress(hit.vma, index) : null;
    if (hit && addr !== null) out.push({ vma: v, mm: hit.mm.id, addr });
  }
  return out;
}

function row(f: Frame, idx: FrameIndex, t: { vma: number; mm: number; addr: number | null }, folio: FolioView | null, ours: (p: number) => boolean, status: TargetStatus): RmapRow {
  const hit = vmaById(f, t.vma);
  const pte = t.addr === null ? null : leafAt(idx, t.mm, t.addr);
  const own = hit?.vma.anonVma ?? null;
  return {
    vma: t.vma, mm: t.mm, process: hit?.mm.process ?? idx.mms.get(t.mm)?.mm.process ?? `mm ${t.mm}`, view: hit?.vma ?? null, addr: t.addr,
    own, ownParent: own === null ? null : (f.anonVmas.find((a) => a.id === own)?.parent ?? null),
    pte: pte ? lookPte(pte.code, pte.pfn, ours) : null, large: folio && hit ? largeMapping(idx, t.mm, hit.vma, folio) : null, status,
  };
}

function owns(f: FolioView | null, pfn: number): (p: number) => boolean {
  const first = f?.pfn ?? pfn;
  const n = f ? 2 ** f.order : 1;
  return (p) => p >= first && p < first + n;
}

/** The model of a running walk: its folio, anon_vma and targets with their progress. */
export function walkModel(f: Frame, w: RmapWalkView): RmapModel {
  const idx = frameIndex(f);
  const folio = folioAt(idx, w.folio) ?? null;
  const mine = owns(folio, w.folio);
  const src = folioAt(idx, w.src);
  const wasOurs = owns(src ?? null, w.src);
  // remove_migration_ptes walks the new folio, but the entries it rewrites still name the old one.
  const ours = (p: number) => mine(p) || wasOurs(p);
  // Before rmap_walk_anon has run its lookup, show the VMAs it is about to find.
  const targets = w.targets.length ? w.targets : intervalTargets(f, w.anonVma, folio?.index ?? 0);
  return {
    mode: 'walk', walk: w, folio, pfn: folio?.pfn ?? w.folio, page: 0, anonVma: anonInfo(f, w.anonVma),
    rows: targets.map((t, i) => row(f, idx, t, folio, ours, w.targets.length ? targetStatus(i, w) : 'pending')),
  };
}

/** The rmap of the folio holding `pfn`, as a walk would find it now; null when no folio holds it. */
export function folioModel(f: Frame, pfn: number, mode: RmapMode): RmapModel | null {
  const idx = frameIndex(f);
  if (idx.tableOwner.has(pfn)) return null;
  const folio = folioAt(idx, pfn);
  if (!folio) return null;
  const page = pfn - folio.pfn;
  const targets = intervalTargets(f, folio.anonVma, folio.index + page);
  return {
    mode, walk: null, folio, pfn: folio.pfn, page, anonVma: anonInfo(f, folio.anonVma),
    rows: targets.map((t) => row(f, idx, t, folio, owns(folio, folio.pfn), 'idle')),
  };
}

/**
 * Pfns the step touched, in order (page-table pages left out), then those the PTEs it wrote now map:
 * a folio allocated in the step (a fault's new page) is named only by a plan-local reference.
 */
export function touchedPfns(f: Frame): number[] {
  const idx = frameIndex(f);
  const out: number[] = [];
  for (const k of f.record?.touched ?? []) {
    const m = /^pfn:(\d+)$/.exec(k);
    const p = m ? Number(m[1]) : -1;
    if (p >= 0 && !idx.tableOwner.has(p)) out.push(p);
  }
  for (const e of stepChanges(f.record).setEntries) {
    const mm = idx.tableOwner.get(e.table);
    const t = mm === undefined ? undefined : idx.mms.get(mm)?.byPfn.get(e.table);
    const code = t?.kinds[e.index] ?? PTE_KIND.none;
    if (t && t.level <= 2 && refersToFrame(code)) out.push(t.pfns[e.index] ?? -1);
  }
  return out;
}

/**
 * What the view shows: the newest rmap walk; else the rmap of the folio at `pfn` (the selection);
 * else that of the first anonymous folio the step touched; else nothing.
 */
export function pickModel(f: Frame, pfn: number | null): RmapModel | null {
  const w = f.rmapWalks[f.rmapWalks.length - 1];
  if (w) return walkModel(f, w);
  const chosen = pfn === null ? null : folioModel(f, pfn, 'selected');
  if (chosen) return chosen;
  for (const p of touchedPfns(f)) {
    const m = folioModel(f, p, 'touched');
    if (m?.anonVma) return m;
  }
  return null;
}
