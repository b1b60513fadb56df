import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { UFFD_BASIC, UFFD_UNPOPULATED, UFFD_WP } from '../uffd/fixtures';
import { docFrameWhere } from '../uffd/test-frames';
import { AddressSpaceView } from './AddressSpaceView';

describe('AddressSpaceView', () => {
  it('draws both processes after fork with their VMA, maps permissions, region and anon_vma', () => {
    const html = renderView(AddressSpaceView, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }));
    const text = textOf(html);
    expect(text).toContain('mm 1 · app');
    expect(text).toContain('mm 2 · child');
    expect(text).toContain('rw-p');
    expect(text).toContain('buf[0]');
    expect(text).toContain('anon_vma #2');
    expect(html).toMatch(/<h2[^>]*>Address space<\/h2>/);
  });

  it('labels big cells with the pfn they map and outlines the selection in each mm', () => {
    const html = renderView(AddressSpaceView, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }), { selection: 'pfn:5' });
    expect(html).toMatch(/<text[^>]*>5<\/text>/);
    expect(html.match(/class="mv-lit-sel"/g)?.length).toBe(2);
  });

  it('shows the hole munmap leaves and keeps a 1026-page VMA to a few dozen rects', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'munmap', to: 'done' });
    const text = textOf(renderView(AddressSpaceView, f));
    expect(text).toContain('unmapped hole: 1024 pages (4 MiB)');
    const before = renderView(AddressSpaceView, frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 100));
    expect(before.match(/<rect/g)?.length ?? 0).toBeLessThan(120);
  });

  it('makes every VMA and the page grid keyboard-focusable with a name', () => {
    const html = renderView(AddressSpaceView, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }));
    expect(html).toMatch(/role="button"[^>]*aria-label="VMA 7eff/);
    expect(html).toMatch(/<div class="mv-grid-wrap" role="group" aria-roledescription="page grid" tabindex="0"/);
  });

  it('badges a VMA registered with userfaultfd with its fd and VM_UFFD_* modes', () => {
    const html = renderView(AddressSpaceView, docFrameWhere(UFFD_BASIC, { kind: 'uffd_register', to: 'done' }));
    expect(textOf(html)).toContain('uffd 3 MISSING registered with userfaultfd fd 3: VM_UFFD_MISSING');
    expect(html).not.toContain('mv-as-wp');
  });

  it('draws a uffd-wp bar over each protected page and names it in the legend, markers included', () => {
    const html = renderView(AddressSpaceView, docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' }));
    expect(html.match(/<rect class="mv-as-wp"/g)).toHaveLength(1 + 1); // one run of 4 cells, plus the legend pattern
    expect(textOf(html)).toContain('uffd-wp (_PAGE_UFFD_WP bit or PTE_MARKER_UFFD_WP)');
    expect(textOf(html)).toContain('uffd 3 WP');
    const markers = textOf(renderView(AddressSpaceView, docFrameWhere(UFFD_UNPOPULATED, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' })));
    expect(markers).toContain('PTE marker (uffd-wp, poison, guard)');
    expect(markers).toContain('uffd-wp (_PAGE_UFFD_WP bit or PTE_MARKER_UFFD_WP)');
  });

  it('waits politely when there is no frame yet', () => {
    expect(textOf(renderView(AddressSpaceView, null))).toContain('Waiting for the simulation');
  });
});
