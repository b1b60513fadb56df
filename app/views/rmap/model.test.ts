import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { frameIndex } from '../lib/frame-index';
import { frameWhere } from '../test/frames';
import { folioModel, leafAt, pickModel, vmaAddress, walkModel } from './model';

const SWAP = 'swap-after-fork';
const THP = 'thp-cow-after-fork';

describe('rmap model', () => {
  it('follows try_to_unmap through the parent’s VMA, then the child’s, the first PTE now a swap entry', () => {
    const f = frameWhere(SWAP, { kind: 'rmap_walk', from: 'finish_one', to: 'rmap_one' });
    const w = f.rmapWalks[0];
    if (!w) throw new Error('no walk');
    const m = walkModel(f, w);
    expect(m.anonVma).toMatchObject({ id: 1, root: 1, links: 2 });
    expect(m.rows.map((r) => [r.process, r.status, r.pte?.relation])).toEqual([['app', 'done', 'swap'], ['child', 'next', 'this']]);
    expect(m.rows[1]).toMatchObject({ own: 2, ownParent: 1 });
  });

  it('shows the VMAs rmap_walk_anon is about to find before its lookup has run', () => {
    const f = frameWhere(SWAP, { kind: 'reclaim', to: 'wait_unmap' });
    expect(f.rmapWalks[0]?.targets).toEqual([]);
    expect(pickModel(f, null)?.rows.map((r) => [r.process, r.status])).toEqual([['app', 'pending'], ['child', 'pending']]);
  });

  it('reads the entries remove_migration_ptes rewrites as naming the old folio', () => {
    const f = frameWhere('numa-migration-wait', { kind: 'rmap_walk', from: 'rmap_walk_anon' }, 64);
    const m = pickModel(f, null);
    expect(m?.walk?.purpose).toBe('remove_migration_ptes');
    expect(m?.rows[0]?.pte).toMatchObject({ code: PTE_KIND.migration, relation: 'migration', pfn: m?.walk?.src });
  });

  it('finds a PMD-mapped THP under the PTE table deposited for its split, then the split PTEs', () => {
    const f = frameWhere(THP, { kind: 'fork', from: 'copy_page_range' });
    const addr = f.mms[0]?.vmas[0]?.start ?? 0;
    expect(leafAt(frameIndex(f), 2, addr)).toMatchObject({ code: PTE_KIND.huge, pfn: 512 });
    expect(folioModel(f, 519, 'selected')?.rows.map((r) => r.large)).toEqual(['PMD-mapped: one huge PMD for all 512 pages', 'PMD-mapped: one huge PMD for all 512 pages']);
    const copied = folioModel(frameWhere(THP, { kind: 'fault', from: 'wp_install' }), 512, 'selected');
    expect(copied?.rows.map((r) => r.large)).toEqual(['PTE-mapped: 511 of 512 pages; 1 now maps a copy', 'PMD-mapped: one huge PMD for all 512 pages']);
  });

  it('shows a pinned page copied at fork: the child’s VMA is on the rmap but maps another folio', () => {
    const f = frameWhere('fork-pinned-page', { kind: 'fork', to: 'done' });
    const m = folioModel(f, 5, 'selected');
    expect(m?.folio?.pincount).toBe(1);
    expect(m?.rows.map((r) => [r.process, r.pte?.relation])).toEqual([['app', 'this'], ['child', 'other']]);
  });

  it('prefers a running walk, then the selected folio, then the folio the step touched', () => {
    const walking = frameWhere(SWAP, { kind: 'rmap_walk', from: 'rmap_one' });
    expect(pickModel(walking, 5)?.mode).toBe('walk');
    const ended = frameWhere(SWAP, { kind: 'rmap_walk', to: 'done' });
    expect(pickModel(ended, null)?.mode).toBe('touched');
    expect(pickModel(ended, 5)?.mode).toBe('selected');
    expect(pickModel(frameWhere(SWAP, { kind: 'mmap', to: 'done' }), null)).toBeNull();
    expect(folioModel(ended, 4, 'selected')).toBeNull(); // a page-table page has no rmap
  });

  it('finds the folio a fault just allocated and mapped, which the step names only by the PTE it wrote', () => {
    const f = frameWhere(SWAP, { kind: 'fault', from: 'do_swap_page', to: 'done' });
    const m = pickModel(f, null);
    expect(m?.mode).toBe('touched');
    expect(m?.rows.map((r) => [r.process, r.pte?.relation])).toEqual([['app', 'this'], ['child', 'swap']]);
  });

  it('places a page of an anonymous VMA by its index and pgoff, and nowhere outside the VMA', () => {
    const v = { id: 1, start: 0x10000, end: 0x14000, pages: 4, prot: 'rw', flags: '', anonVma: 1, pgoff: 0x10 };
    expect(vmaAddress(v, 0x12)).toBe(0x12000);
    expect(vmaAddress(v, 0x14)).toBeNull();
  });
});
