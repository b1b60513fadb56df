import { describe, expect, it } from 'vitest';
import { frameIndex } from '../lib/frame-index';
import { frameWhere } from '../test/frames';
import { vmaCells } from './layout';
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
});
