// The rmap graph as an indented tree: folio → anon_vma → (anon_vma_chain) VMAs, each VMA row ending
// in the PTE found at the folio's address, one row per node in pre-order, laid out with d3-hierarchy.
// Rows have a fixed height and each level a fixed indent, so positions are in pixels whatever the
// width; long target lists are windowed around the VMA the walk is at, keeping the DOM small.
import { hierarchy, type HierarchyNode } from 'd3-hierarchy';
import type { TargetStatus } from './describe';
import type { RmapModel, RmapRow } from './model';

/** Kinds of graph nodes. */
export type NodeKind = 'folio' | 'anon' | 'vma' | 'more';

/** A node of the rmap graph. */
export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly row: RmapRow | null;
  readonly status: TargetStatus;
  /** For 'more' nodes: how many targets are folded into it. */
  readonly count: number;
  readonly children: readonly GraphNode[];
}

/** A node with its row position (px, top-left). */
export interface PlacedNode { readonly node: GraphNode; readonly depth: number; readonly x: number; readonly y: number }
/** A parent → child connector as an SVG path, with the child's status. */
export interface PlacedEdge { readonly id: string; readonly d: string; readonly status: TargetStatus; readonly kind: NodeKind }
/** The laid-out graph. */
export interface GraphLayout { readonly nodes: readonly PlacedNode[]; readonly edges: readonly PlacedEdge[]; readonly width: number; readonly height: number }

/** Distance between row tops. */
export const ROW = 36;
/** Height of a row's box (the rest is the gap the connectors run through). */
export const BOX_H = 32;
/** Indent per level. */
export const INDENT = 16;
// Connectors leave a parent this far in from its left edge.
const STEM = 7;
/** Most targets drawn at once. */
export const MAX_TARGETS = 6;

/** The targets [start, end) drawn of `n`, keeping target `at` (and the one before it) in view. */
export function targetWindow(n: number, at: number, max: number = MAX_TARGETS): { readonly start: number; readonly end: number } {
  if (n <= max) return { start: 0, end: n };
  const start = Math.max(0, Math.min(at - 1, n - max));
  return { start, end: start + max };
}

const leaf = (id: string, kind: NodeKind, row: RmapRow | null, status: TargetStatus, count = 0): GraphNode => ({ id, kind, row, status, count, children: [] });

function targetNodes(rows: readonly RmapRow[], at: number, max: number): GraphNode[] {
  const { start, end } = targetWindow(rows.length, at, max);
  const out: GraphNode[] = [];
  if (start > 0) out.push(leaf('more-before', 'more', null, 'done', start));
  rows.slice(start, end).forEach((r, k) => {
    out.push(leaf(`vma-${start + k}-${r.vma}`, 'vma', r, r.status));
  });
  if (end < rows.length) out.push(leaf('more-after', 'more', null, rows[end]?.status ?? 'pending', rows.length - end));
  return out;
}

/** The graph of a model: the folio, its anon_vma, then the (windowed) VMAs with their PTEs. */
export function graphOf(m: RmapModel, max: number = MAX_TARGETS): GraphNode {
  const at = m.walk ? Math.min(m.walk.index, Math.max(0, m.rows.length - 1)) : 0;
  const anon: GraphNode = { id: 'anon', kind: 'anon', row: null, status: 'idle', count: 0, children: targetNodes(m.rows, at, max) };
  return { id: 'folio', kind: 'folio', row: null, status: 'idle', count: 0, children: [anon] };
}

/** Lays the graph out as an indented tree (pre-order rows), with elbow connectors. */
export function layoutGraph(root: GraphNode): GraphLayout {
  const h = hierarchy<GraphNode>(root, (n) => n.children as GraphNode[]);
  const at = new Map<HierarchyNode<GraphNode>, PlacedNode>();
  const nodes: PlacedNode[] = [];
  h.eachBefore((d) => {
    const p = { node: d.data, depth: d.depth, x: d.depth * INDENT, y: nodes.length * ROW };
    at.set(d, p);
    nodes.push(p);
  });
  const edges = h.links().map((l): PlacedEdge => {
    const s = at.get(l.source) as PlacedNode;
    const t = at.get(l.target) as PlacedNode;
    return { id: t.node.id, d: `M${s.x + STEM} ${s.y + BOX_H} V${t.y + BOX_H / 2} H${t.x}`, status: t.node.status, kind: t.node.kind };
  });
  return { nodes, edges, width: (h.height + 1) * INDENT, height: nodes.length * ROW - (ROW - BOX_H) };
}
