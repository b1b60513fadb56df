import { describe, expect, it } from 'vitest';
import { graphOf, INDENT, layoutGraph, ROW, targetWindow } from './layout';
import type { RmapModel, RmapRow } from './model';

const row = (i: number, status: RmapRow['status']): RmapRow => ({
  vma: i, mm: i, process: `p${i}`, view: null, own: null, ownParent: null, addr: 0x1000, pte: null, large: null, status,
});

function model(n: number, index: number): RmapModel {
  const rows = Array.from({ length: n }, (_, i) => row(i, i < index ? 'done' : i === index ? 'now' : 'pending'));
  const walk = { actor: 1, purpose: 'try_to_unmap', folio: 5, src: 5, anonVma: 1, state: 'wait_flush', targets: [], index, batch: false, flushing: true };
  return { mode: 'walk', walk, folio: null, pfn: 5, page: 0, anonVma: { id: 1, root: 1, parent: null, links: n }, rows };
}

describe('rmap layout', () => {
  it('keeps every target when they fit, else a window around the current one', () => {
    expect(targetWindow(4, 2, 6)).toEqual({ start: 0, end: 4 });
    expect(targetWindow(20, 0, 6)).toEqual({ start: 0, end: 6 });
    expect(targetWindow(20, 10, 6)).toEqual({ start: 9, end: 15 });
    expect(targetWindow(20, 19, 6)).toEqual({ start: 14, end: 20 });
  });

  it('lays folio, anon_vma, then each VMA out as indented rows in pre-order', () => {
    const l = layoutGraph(graphOf(model(2, 1)));
    expect(l.nodes.map((p) => p.node.kind)).toEqual(['folio', 'anon', 'vma', 'vma']);
    expect(l.nodes.map((p) => p.y)).toEqual([0, 1, 2, 3].map((i) => i * ROW));
    expect(l.nodes.map((p) => p.x)).toEqual([0, 1, 2, 2].map((d) => d * INDENT));
    expect(l.height).toBeLessThan(4 * ROW);
  });

  it('draws elbow connectors from each parent to its children, coloured by the child’s status', () => {
    const l = layoutGraph(graphOf(model(2, 1)));
    expect(l.edges).toHaveLength(3);
    const toSecond = l.edges.find((e) => e.id === 'vma-1-1');
    expect(toSecond?.status).toBe('now');
    expect(toSecond?.d).toMatch(/^M\d+ \d+ V\d+ H32$/);
    expect(l.edges.find((e) => e.id === 'vma-0-0')?.status).toBe('done');
  });

  it('folds targets outside the window into “visited” and “pending” rows, so 500 VMAs stay a dozen rows', () => {
    const l = layoutGraph(graphOf(model(500, 250)));
    const more = l.nodes.filter((p) => p.node.kind === 'more').map((p) => [p.node.id, p.node.count]);
    expect(more).toEqual([['more-before', 249], ['more-after', 245]]);
    expect(l.nodes.length).toBeLessThan(20);
  });
});
