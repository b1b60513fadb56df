// The page-table tree of an mm as Linux has allocated it: PGD → PUD → PMD → PTE tables, children in
// address order, laid out top-down with d3-hierarchy. Tables no entry points to any more (unlinked by
// free_pgtables, waiting for the TLB flush before tlb_remove_table frees them) are listed apart.
import { hierarchy, tree } from 'd3-hierarchy';
import type { MmView, TableView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';

/** A table with the parent entry that points to it. */
export interface TableNode { readonly table: TableView; readonly index: number | null; readonly children: TableNode[] }

/** A positioned node. */
export interface PlacedNode { readonly node: TableNode; readonly x: number; readonly y: number }
/** A positioned parent → child link. */
export interface PlacedLink { readonly from: PlacedNode; readonly to: PlacedNode }

/** The laid-out tree of one mm. */
export interface TreeLayout {
  readonly nodes: readonly PlacedNode[];
  readonly links: readonly PlacedLink[];
  readonly orphans: readonly TableView[];
  readonly width: number;
  readonly height: number;
}

// Size of a table box, and the gaps between levels and between siblings (px). Levels run left to
// right (PGD first, as the walk goes); a sibling gap leaves room for the entry label above a box.
/** Width of a table box. */
export const NODE_W = 132;
/** Height of a table box. */
export const NODE_H = 56;
const LEVEL_GAP = 22;
const SIBLING_GAP = 16;
const PAD = 8;
/** Room above the first box for its entry label. */
const LABEL = 12;

function childrenOf(t: TableView, byPfn: ReadonlyMap<number, TableView>, seen: Set<number>): TableNode[] {
  const out: TableNode[] = [];
  for (let i = 0; i < 512; i++) {
    if (t.kinds[i] !== PTE_KIND.table) continue;
    const c = byPfn.get(t.pfns[i] ?? -1);
    if (!c || seen.has(c.pfn)) continue;
    seen.add(c.pfn);
    out.push({ table: c, index: i, children: childrenOf(c, byPfn, seen) });
  }
  return out;
}

/** The tree rooted at the mm's PGD, and the tables it does not reach. */
export function buildTree(mm: MmView): { readonly root: TableNode | null; readonly orphans: readonly TableView[] } {
  const byPfn = new Map(mm.tables.map((t) => [t.pfn, t]));
  const pgd = byPfn.get(mm.pgd);
  if (!pgd) return { root: null, orphans: mm.tables };
  const seen = new Set([pgd.pfn]);
  const root = { table: pgd, index: null, children: childrenOf(pgd, byPfn, seen) };
  return { root, orphans: mm.tables.filter((t) => !seen.has(t.pfn)) };
}

/** Lays out an mm's tree left to right (PGD first), in pixels; x and y are a box's top-left corner. */
export function layoutTree(mm: MmView): TreeLayout {
  const { root, orphans } = buildTree(mm);
  if (!root) return { nodes: [], links: [], orphans, width: 0, height: 0 };
  const h = hierarchy<TableNode>(root, (n) => n.children);
  // d3's tree grows downwards: its x is the breadth (our y), its y the depth (our x).
  const placed = tree<TableNode>().nodeSize([NODE_H + SIBLING_GAP, NODE_W + LEVEL_GAP])(h);
  const all = placed.descendants();
  const minB = Math.min(...all.map((d) => d.x));
  const maxB = Math.max(...all.map((d) => d.x));
  const at = new Map(all.map((d) => [d, { node: d.data, x: d.y + PAD, y: d.x - minB + PAD + LABEL }]));
  const nodes = all.map((d) => at.get(d) as PlacedNode);
  const links = placed.links().map((l) => ({ from: at.get(l.source) as PlacedNode, to: at.get(l.target) as PlacedNode }));
  const depth = Math.max(...all.map((d) => d.depth));
  return { nodes, links, orphans, width: (depth + 1) * (NODE_W + LEVEL_GAP) - LEVEL_GAP + 2 * PAD, height: maxB - minB + NODE_H + 2 * PAD + LABEL };
}

/** Counts of each entry kind in a table, commonest first. */
export function kindCounts(t: TableView): readonly { readonly code: number; readonly n: number }[] {
  const n = new Uint16Array(16);
  for (let i = 0; i < t.kinds.length; i++) {
    const k = (t.kinds[i] as number) & 15;
    n[k] = (n[k] ?? 0) + 1;
  }
  const out: { code: number; n: number }[] = [];
  n.forEach((c, code) => { if (c) out.push({ code, n: c }); });
  return out.sort((a, b) => b.n - a.n || a.code - b.code);
}
