import { describe, expect, it } from 'vitest';
import { frameIndex } from '../lib/frame-index';
import { frameWhere } from '../test/frames';
import { frameInfo, tlbHolders } from './frame-info';

describe('frameInfo', () => {
  it('describes a COW-shared folio: counts, content, both mappings and the TLB that holds it', () => {
    const f = frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' });
    const info = frameInfo(f, frameIndex(f), 5);
    expect(info.title).toBe('pfn 5 · node 0');
    expect(info.lines[0]).toContain('refcount 2, mapcount 2, pincount 0');
    expect(info.lines[1]).toContain('content "A"');
    expect(info.lines[2]).toMatch(/^mapped by app 0x7efffffff000 \(present, read-only\); child 0x7efffffff000/);
    expect(info.lines[3]).toContain('CPU1');
  });

  it('names page-table pages, the zero page and free frames', () => {
    const f = frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' });
    const idx = frameIndex(f);
    expect(frameInfo(f, idx, 4).lines[0]).toBe('page-table page: PTE table of app');
    expect(frameInfo(f, idx, 0).lines[0]).toContain('empty_zero_page');
    expect(frameInfo(f, idx, 200).lines[0]).toContain('free');
  });

  it('marks TLB holders whose entry went stale', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    const pfn = f.cpus[1]?.tlb.find((e) => e.stale)?.pfn;
    const folio = f.memory.folios.find((x) => x.pfn === pfn);
    if (!folio) throw new Error('no stale TLB entry on CPU1');
    expect(tlbHolders(f, folio).join(' ')).toContain('stale');
  });
});
