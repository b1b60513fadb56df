import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { firstMm, frameWhere } from '../test/frames';
import { buildTree, kindCounts, layoutTree, NODE_H } from './tree';

describe('page-table tree', () => {
  it('grows one level per walk step while the first fault allocates PUD and PMD', () => {
    const levels = (from: string) => layoutTree(firstMm(frameWhere('fork-cow', { kind: 'fault', from }))).nodes.length;
    expect(levels('walk_pgd')).toBe(1); // only the PGD
    expect(levels('walk_pud')).toBe(2); // pud_alloc
    expect(levels('walk_pmd')).toBe(3); // pmd_alloc
    expect(levels('do_anonymous_page')).toBe(4); // pte_alloc in do_anonymous_page
  });

  it('orders PTE tables top to bottom by their index in the PMD, levels left to right', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 900);
    const t = layoutTree(firstMm(f));
    const ptes = t.nodes.filter((n) => n.node.table.level === 1);
    expect(ptes.map((n) => n.node.index)).toEqual([509, 510, 511]);
    expect(ptes.map((n) => n.y)).toEqual([...ptes.map((n) => n.y)].sort((a, b) => a - b));
    const pgd = t.nodes.find((n) => n.node.table.level === 4);
    expect(ptes.every((n) => n.x > (pgd?.x ?? Infinity))).toBe(true);
    expect(t.height).toBeGreaterThan(3 * NODE_H);
  });

  it('sets aside the PTE table free_pgtables unlinked until tlb_remove_table frees it', () => {
    const unlinked = buildTree(firstMm(frameWhere('munmap-frees-tables', { kind: 'munmap', from: 'free_pgtables' })));
    expect(unlinked.orphans.map((t) => t.pfn)).toEqual([517]);
    const freed = buildTree(firstMm(frameWhere('munmap-frees-tables', { kind: 'munmap', from: 'tlb_table_flush' })));
    expect(freed.orphans).toEqual([]);
  });

  it('counts entry kinds, commonest first', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 900);
    const pte = f.mms[0]?.tables.find((t) => t.level === 1);
    if (!pte) throw new Error('no pte table');
    const counts = kindCounts(pte);
    expect(counts[0]).toEqual({ code: PTE_KIND.present_rw, n: 512 });
  });
});
