import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { folioFate, migrationLine, migrationSummary, migrationWaiters, reclaimLine } from './context';

const NUMA = 'numa-migration-wait';

describe('rmap context', () => {
  it('finds the peer asleep in migration_entry_wait on the old pfn its migration entry names', () => {
    const f = frameWhere(NUMA, { kind: 'fault', to: 'migration_entry_wait' });
    expect(migrationWaiters(f)).toEqual([expect.objectContaining({ task: 'peer', cpu: 1, write: true, pfn: 68 })]);
  });

  it('sums a migrate_pages call by folio state and names its mode and stage', () => {
    const f = frameWhere(NUMA, { kind: 'migrate_pages', to: 'try_to_unmap_flush' });
    const m = f.migrations[0];
    if (!m) throw new Error('no migration');
    expect(migrationSummary(m)).toBe('64 folios: 64 unmapped (migration entries)');
    expect(migrationLine(m)).toContain('to node 1 · MIGRATE_ASYNC pass 1');
  });

  it('says what reclaim does with the folio: its swap slot and state', () => {
    const f = frameWhere('swap-after-fork', { kind: 'rmap_walk', from: 'rmap_one' });
    expect(reclaimLine(f.reclaims[0] ?? { actor: 0, folios: [] })).toBe('shrink_folio_list: folio 5 → swap slot 1 (isolated)');
    expect(folioFate(f, 5)).toBe('shrink_folio_list: swap slot 1 (isolated)');
    expect(folioFate(f, 99)).toBeNull();
  });
});
