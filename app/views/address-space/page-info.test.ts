import { describe, expect, it } from 'vitest';
import { frameIndex } from '../lib/frame-index';
import { frameWhere } from '../test/frames';
import { vmaCells } from './layout';
import { UFFD_UNPOPULATED, UFFD_WP } from '../uffd/fixtures';
import { docFrameWhere } from '../uffd/test-frames';
import { pageInfo } from './page-info';

describe('pageInfo', () => {
  it('describes a COW-shared page: read-only PTE, folio counts, content and the TLB that caches it', () => {
    const f = frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' });
    const idx = frameIndex(f);
    const child = f.mms[1];
    const vma = child?.vmas[0];
    if (!child || !vma) throw new Error('no child vma');
    const info = pageInfo(f, idx, child.id, vmaCells(idx, child.id, vma, 16), 0);
    expect(info.title).toContain('buf[0]');
    expect(info.lines[0]).toContain('read-only');
    expect(info.lines[0]).toContain('pfn 5');
    expect(info.lines[1]).toContain('refcount 2, mapcount 2');
    expect(info.lines[1]).toContain('content "A"');
    expect(info.lines[2]).toContain('CPU1 → pfn 5');
  });

  it('summarises an aggregated cell by kind counts', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'fault', to: 'done' }, 20);
    const idx = frameIndex(f);
    const mm = f.mms[0];
    const vma = mm?.vmas[0];
    if (!mm || !vma) throw new Error('no vma');
    const cells = vmaCells(idx, mm.id, vma, 64, 100);
    const info = pageInfo(f, idx, mm.id, cells, 0);
    expect(info.title).toMatch(/^pages 0–10/);
    expect(info.lines[0]).toContain('present, writable');
  });

  it('names the uffd-wp bit of a protected page and the VMA’s registration', () => {
    const f = docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' });
    const idx = frameIndex(f);
    const vma = f.mms[0]?.vmas[0];
    if (!vma) throw new Error('no vma');
    const info = pageInfo(f, idx, 1, vmaCells(idx, 1, vma, 16), 1);
    expect(info.lines[0]).toContain('present, read-only (RW=0)');
    expect(info.lines[1]).toBe('uffd-wp: _PAGE_UFFD_WP is set, the PTE write-protected; a write faults into handle_userfault (UFFD_PAGEFAULT_FLAG_WP)');
    expect(info.lines[2]).toBe('VMA registered with userfaultfd fd 3 (VM_UFFD_WP): a write to a uffd-wp page goes to its handler');
  });

  it('names a uffd-wp marker on a page never touched', () => {
    const f = docFrameWhere(UFFD_UNPOPULATED, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' });
    const idx = frameIndex(f);
    const vma = f.mms[0]?.vmas[0];
    if (!vma) throw new Error('no vma');
    const info = pageInfo(f, idx, 1, vmaCells(idx, 1, vma, 16), 3);
    expect(info.lines[0]).toContain('PTE marker');
    expect(info.lines[1]).toContain('PTE_MARKER_UFFD_WP');
  });
});
