import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { treeMarks } from './marks';
import { walksOf } from './walk';

describe('treeMarks', () => {
  it('marks the PTE wp_install wrote and its table as touched', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'wp_install' });
    const m = treeMarks(f, walksOf(f));
    expect(m.written.get(4)).toEqual([511]);
    expect(m.touched.has(4)).toBe(true);
    expect(m.fresh.size).toBe(0);
  });

  it('finds the pfn of the table pmd_alloc allocated from its level and base', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'walk_pmd' });
    expect([...treeMarks(f, walksOf(f)).fresh]).toEqual([3]);
  });
});
