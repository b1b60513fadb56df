import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { RmapView } from './RmapView';

const SWAP = 'swap-after-fork';

describe('RmapView', () => {
  it('animates try_to_unmap over both processes’ VMAs: the parent’s visited with a swap entry, the child’s next', () => {
    const html = renderView(RmapView, frameWhere(SWAP, { kind: 'rmap_walk', from: 'finish_one', to: 'rmap_one' }));
    const text = textOf(html);
    expect(text).toContain('try_to_unmap_one · VMA 2 of 2 next');
    expect(text).toContain('TTU_BATCH_FLUSH');
    expect(text).toMatch(/VMA app 7efffffff000-7f0000000000 rw · mm 1 · vma-\S*anon_vma #1 ✓ visited PTE 0x7efffffff000 swap entry: the page is in a swap slot/);
    expect(text).toMatch(/VMA child 7efffffff000-7f0000000000 rw · mm 2 · vma-\S*anon_vma #2 \(child of #1\) ▶ next PTE 0x7efffffff000 present RO → pfn 5, this folio/);
    expect(text).toContain('shrink_folio_list: folio 5 → swap slot 1 (isolated)');
    expect(html).toContain('class="mv-rm-link is-next"');
  });

  it('badges the PTE whose ptep_clear_flush is in flight', () => {
    const text = textOf(renderView(RmapView, frameWhere(SWAP, { kind: 'rmap_walk', to: 'wait_flush' })));
    expect(text).toMatch(/TLB flush in flight PTE 0x7efffffff000 pte_none: cleared; the new value is written once the flush completes/);
  });

  it('lists the task asleep in migration_entry_wait while its page migrates', () => {
    const text = textOf(renderView(RmapView, frameWhere('numa-migration-wait', { kind: 'fault', to: 'migration_entry_wait' })));
    expect(text).toContain('peer sleeps in migration_entry_wait on pfn 68');
    expect(text).toContain('its write at 0x7efffffff000 found a migration entry for pfn 68');
    expect(text).toMatch(/64 folios: \d+ unmapped \(migration entries\), \d+ moved/);
  });

  it('draws a 64-folio migrate_pages call as a strip of one path per state, not 64 rects', () => {
    const html = renderView(RmapView, frameWhere('numa-migration-wait', { kind: 'migrate_pages', to: 'try_to_unmap_flush' }));
    expect(textOf(html)).toContain('64 folios: 64 unmapped (migration entries)');
    expect(html.match(/<path class="mv-rm-cell/g)).toHaveLength(1);
    expect(html.match(/<(rect|path)/g)?.length ?? 0).toBeLessThan(20);
  });

  it('shows the selected folio’s rmap when no walk runs, pinned badge and all', () => {
    const text = textOf(renderView(RmapView, frameWhere('fork-pinned-page', { kind: 'fork', to: 'done' }), { selection: 'pfn:5' }));
    expect(text).toContain('the selected folio’s rmap');
    expect(text).toContain('pfn 5 · ref 1025 map 1 pin 1 pinned');
    expect(text).toContain('present RW → pfn 11, another folio');
  });

  it('explains itself when no walk runs and nothing is selected or touched', () => {
    const text = textOf(renderView(RmapView, frameWhere(SWAP, { kind: 'mmap', to: 'done' })));
    expect(text).toContain('No rmap walk runs now and no anonymous folio is selected or touched');
  });

  it('is one keyboard tree: named, a single tab stop, rows named with their status', () => {
    const html = renderView(RmapView, frameWhere(SWAP, { kind: 'rmap_walk', from: 'rmap_one' }));
    expect(html).toMatch(/role="tree" aria-label="rmap walk of folio pfn 5 \(try_to_unmap\): arrow keys move between rows, Enter selects"/);
    expect(html.match(/role="treeitem"/g)).toHaveLength(4);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/aria-label="● now: VMA of app/);
    expect(html).toMatch(/<h2[^>]*>Reverse map \(rmap\)<\/h2>/);
  });

  it('waits politely when there is no frame yet', () => {
    expect(textOf(renderView(RmapView, null))).toContain('Waiting for the simulation');
  });
});
