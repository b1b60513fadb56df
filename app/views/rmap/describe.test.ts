import { describe, expect, it } from 'vitest';
import type { RmapWalkView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';
import { callbackOf, lookPte, stateText, targetStatus } from './describe';

const walk = (state: string, index: number, n = 3): RmapWalkView => ({
  actor: 7, purpose: 'try_to_unmap', folio: 5, src: 5, anonVma: 1, state, index, batch: true, flushing: state === 'wait_flush',
  targets: Array.from({ length: n }, (_, i) => ({ vma: i + 1, mm: i + 1, addr: 0x1000 })),
});

describe('rmap words', () => {
  it('names the per-VMA callback of each walk as mm/rmap.c and mm/migrate.c do', () => {
    expect(callbackOf('try_to_unmap')).toBe('try_to_unmap_one');
    expect(callbackOf('try_to_migrate')).toBe('try_to_migrate_one');
    expect(callbackOf('remove_migration_ptes')).toBe('remove_migration_pte');
  });

  it('marks VMAs before the index visited, the one at it next or now, the rest pending', () => {
    expect([0, 1, 2].map((i) => targetStatus(i, walk('rmap_one', 1)))).toEqual(['done', 'next', 'pending']);
    expect(targetStatus(1, walk('wait_flush', 1))).toBe('now');
    expect(targetStatus(1, walk('finish_one', 1))).toBe('now');
    expect(targetStatus(0, walk('rmap_walk_anon', 0))).toBe('pending');
    expect(targetStatus(2, walk('done', 3))).toBe('done');
    expect(targetStatus(0, null)).toBe('idle');
  });

  it('says what the walk waits for while a flush is in flight', () => {
    expect(stateText(walk('wait_flush', 0))).toContain('ptep_clear_flush');
    expect(stateText(walk('rmap_one', 1))).toBe('try_to_unmap_one runs next on VMA 2 of 3');
  });

  it('tells this folio from another, and names the old pfn in a migration entry', () => {
    const ours = (p: number) => p === 5;
    expect(lookPte(PTE_KIND.present_ro, 5, ours)).toMatchObject({ relation: 'this', text: 'present RO → pfn 5, this folio' });
    expect(lookPte(PTE_KIND.present_rw, 11, ours).relation).toBe('other');
    expect(lookPte(PTE_KIND.migration, 5, ours).text).toContain('old pfn 5');
    expect(lookPte(PTE_KIND.swap, -1, ours).text).toContain('do_swap_page');
    expect(lookPte(PTE_KIND.none, -1, ours).relation).toBe('none');
  });
});
