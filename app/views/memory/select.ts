// What the memory view draws of a frame, computed once per frame (and per selection for the cards)
// and kept while it reads the same, so a step that leaves physical memory alone skips the view.
import type { FolioView, Frame } from '../../sim/frame';
import { frameSelector } from '../../store/hooks';
import { frameIndex } from '../lib/frame-index';
import { parseKey } from '../lib/keys';
import { resolveCopies, stepChanges } from '../lib/step-changes';
import { litSelector } from '../lib/use-lit';
import { mappingLines, tlbHolders } from './frame-info';
import { classesPresent, FRAME_CLASSES, focusFolios, frameClasses, nodeCols, nodeCounts } from './layout';

/** A content tag drawn in frame cell `i` of a node. */
export interface Tag { readonly i: number; readonly t: string }

/** One NUMA node's map. */
export interface NodeModel {
  readonly node: number; readonly first: number; readonly n: number; readonly cols: number;
  readonly classes: Uint8Array; readonly summary: string;
  /** Content tags (only when cells are big enough to show them). */
  readonly tags: readonly Tag[];
  /** PFNs of the frames of large folios (outlined). */
  readonly large: ReadonlySet<number>;
}

function touchedPfns(keys: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const k of keys) {
    const p = parseKey(k);
    if (p?.kind === 'pfn') out.add(p.n);
  }
  return out;
}

function tagsOf(folios: readonly FolioView[], first: number, n: number): Tag[] {
  const out: Tag[] = [];
  for (const f of folios) {
    for (let k = 0; k < Math.min(16, 2 ** f.order); k++) {
      const i = f.pfn + k - first;
      const t = f.content[k] ?? '';
      if (i >= 0 && i < n && t) out.push({ i, t: t.length > 3 ? t.slice(0, 2) + '…' : t });
    }
  }
  return out;
}

function largePfns(folios: readonly FolioView[], first: number, n: number): Set<number> {
  const out = new Set<number>();
  for (const f of folios) if (f.order > 0) for (let p = f.pfn; p < f.pfn + 2 ** f.order; p++) if (p >= first && p < first + n) out.add(p);
  return out;
}

function nodeModel(f: Frame, classes: Uint8Array, node: number): NodeModel {
  const n = f.memory.framesPerNode;
  const first = node * n;
  const cols = nodeCols(n);
  const counts = nodeCounts(classes, node, n);
  const summary = FRAME_CLASSES.filter((c) => counts.get(c)).map((c) => `${counts.get(c) ?? 0} ${c}`).join(', ');
  const folios = f.memory.folios;
  return { node, first, n, cols, classes: classes.slice(first, first + n), summary, tags: cols <= 32 ? tagsOf(folios, first, n) : [], large: largePfns(folios, first, n) };
}

/** The nodes, the classes present, what the step touched and copied, and every folio. */
export function memoryModel(f: Frame) {
  const classes = frameClasses(f.memory);
  return {
    perNode: f.memory.framesPerNode,
    nodes: Array.from({ length: f.memory.nodes }, (_, node) => nodeModel(f, classes, node)),
    present: classesPresent(classes),
    touched: touchedPfns(f.record?.touched ?? []),
    copies: resolveCopies(stepChanges(f.record), f.memory.folios),
    folios: f.memory.folios,
  };
}

/** Selects memoryModel once per frame. */
export const selectMemory = frameSelector(memoryModel);

/** A folio worth a detail card, with why and what maps and caches it. */
export interface CardModel { readonly folio: FolioView; readonly why: string; readonly lit: string; readonly maps: readonly string[]; readonly tlb: readonly string[] }

/** Selects the detail cards: folios the step touched or copied, and those selected or hovered. */
export const selectCards = litSelector((f, { sel, hov }): CardModel[] => {
  const idx = frameIndex(f);
  const copies = resolveCopies(stepChanges(f.record), f.memory.folios);
  const touched = touchedPfns(f.record?.touched ?? []);
  return focusFolios(f, sel, hov).map((folio) => {
    const copy = copies.find((c) => c.from === folio.pfn || c.to === folio.pfn);
    const p = folio.pfn;
    const why = copy ? (copy.from === p ? 'copied from' : 'the copy') : sel?.pfns.has(p) ? 'selected' : touched.has(p) ? 'touched this step' : hov?.pfns.has(p) ? 'hovered' : '';
    return { folio, why, lit: sel?.pfns.has(p) ? 'is-sel' : '', maps: mappingLines(f, idx, folio), tlb: tlbHolders(f, folio) };
  });
});
