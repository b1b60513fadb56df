import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { resolveCopies, stepChanges } from './step-changes';

describe('stepChanges', () => {
  it('finds the copy made by wp_page_copy and the folio it produced', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'wp_page_copy' });
    const ch = stepChanges(f.record);
    expect(ch.copies).toEqual([{ from: 5, anonVma: 1, index: expect.any(Number) as number }]);
    expect(resolveCopies(ch, f.memory.folios)).toEqual([{ from: 5, to: 10, move: false, content: 'A' }]);
  });

  it('lists PTE writes with their table and index', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'wp_install' });
    expect(stepChanges(f.record).setEntries).toEqual([{ table: 4, index: 511, value: 'present pfn 10 RW D A' }]);
  });

  it('lists page-table pages allocated by a walk', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' });
    expect(stepChanges(f.record).newTables).toEqual([{ mm: 1, level: 3, base: expect.any(Number) as number }]);
  });

  it('reports nothing for the initial frame', () => {
    expect(stepChanges(null).setEntries).toEqual([]);
  });
});
