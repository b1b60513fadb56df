import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { MemoryView } from './MemoryView';

describe('MemoryView', () => {
  it('shows the copy-on-write copy as a copy: both frames carded, an arrow and a status line', () => {
    const html = renderView(MemoryView, frameWhere('fork-cow', { kind: 'fault', from: 'wp_page_copy' }));
    const text = textOf(html);
    expect(text).toContain('copied: pfn 5 → pfn 10, content “A” (both frames now hold it)');
    expect(text).toContain('copied from');
    expect(text).toContain('the copy');
    expect(html).toContain('class="mv-copy-arrow"');
  });

  it('badges a COW-shared folio with refcount 2 and mapcount 2', () => {
    const text = textOf(renderView(MemoryView, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }), { selection: 'pfn:5' }));
    expect(text).toContain('folio pfn 5');
    expect(text).toContain('ref 2 map 2 pin 0');
    expect(text).toMatch(/mapped by app 0x7efffffff000 \(present, read-only\); child/);
  });

  it('summarises the node and names the zero page and page tables in the legend', () => {
    const text = textOf(renderView(MemoryView, frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' })));
    expect(text).toMatch(/Node 0 · 256 frames: \d+ free, 1 anon, 8 pgtable, 1 zero/);
    expect(text).toContain('empty_zero_page');
    expect(text).toContain('page-table page');
  });

  it('windows the folio list of a thousand folios to a few dozen rows', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 900);
    const html = renderView(MemoryView, f);
    expect(f.memory.folios.length).toBeGreaterThan(1000);
    expect(html.match(/role="listitem"/g)?.length ?? 0).toBeLessThan(40);
    expect(html.match(/<rect/g)?.length ?? 0).toBeLessThan(200);
  });
});
