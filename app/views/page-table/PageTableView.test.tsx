import { describe, expect, it } from 'vitest';
import { frameAfter, frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { PageTableView } from './PageTableView';

describe('PageTableView', () => {
  it('lights the COW fault’s walk down to the PUD with checkmarks, names the PMD as next', () => {
    const text = textOf(renderView(PageTableView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1)));
    expect(text).toContain('PGD[253] ✓ → PUD[511] ✓ → PMD[511] (next) → PTE[511]');
    expect(text).toContain('state walk_pmd');
  });

  it('draws one tree per mm after fork, each PGD to PTE table', () => {
    const html = renderView(PageTableView, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }));
    expect(html.match(/class="mv-tnode/g)?.length).toBe(8);
    expect(textOf(html)).toContain('mm 2 · child');
    expect(textOf(html)).toContain('PTE · pfn 4');
  });

  it('marks the table pud_alloc just allocated as new', () => {
    const html = renderView(PageTableView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }));
    expect(html).toMatch(/mv-tnode[^"]*is-fresh/);
    expect(textOf(html)).toContain('new');
  });

  it('sets the unlinked PTE table apart until it is freed', () => {
    expect(textOf(renderView(PageTableView, frameWhere('munmap-frees-tables', { kind: 'munmap', from: 'free_pgtables' })))).toContain('PTE pfn 517 (0 used)');
    expect(textOf(renderView(PageTableView, frameWhere('munmap-frees-tables', { kind: 'munmap', from: 'tlb_table_flush' })))).not.toContain('pfn 517');
  });

  it('names every table for keyboard and screen-reader users', () => {
    const html = renderView(PageTableView, frameWhere('fork-cow', { kind: 'fault', from: 'handle_pte_fault' }, 1));
    expect(html).toMatch(/role="button" aria-label="PTE table pfn 4, 1 of 512 entries used, covers 2 MiB from 0x7effffe00000, the walk reads entry 511"/);
  });

  it('keeps the walk line in place when no fault is walking, and counts one table in the singular', () => {
    const text = textOf(renderView(PageTableView, frameAfter('first-touch', 0)));
    expect(text).toContain('No fault is walking the page tables now.');
    expect(text).toContain('· 1 page-table page');
    expect(text).not.toContain('1 page-table pages');
  });
});
