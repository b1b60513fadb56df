import { describe, expect, it } from 'vitest';
import { resolveLit } from '../lib/highlight';
import { frameWhere } from '../test/frames';
import { FRAME_CLASSES, frameClasses, focusFolios, nodeCols, nodeCounts } from './layout';

const cls = (c: number | undefined) => FRAME_CLASSES[c ?? -1];

describe('memory layout', () => {
  it('classes the zero page, the page tables and a mapped anonymous folio', () => {
    const f = frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' });
    const c = frameClasses(f.memory);
    expect(cls(c[0])).toBe('zero');
    expect(cls(c[1])).toBe('pgtable');
    expect(cls(c[5])).toBe('anon');
    expect(cls(c[200])).toBe('free');
  });

  it('shows a folio munmap has unmapped but not yet freed as mapped by no PTE', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'munmap', from: 'tlb_finish_mmu' });
    expect(cls(frameClasses(f.memory)[6])).toBe('unmapped');
  });

  it('counts classes per node', () => {
    const f = frameWhere('fork-cow', { kind: 'fork', from: 'copy_page_range' });
    const n = nodeCounts(frameClasses(f.memory), 0, f.memory.framesPerNode);
    expect(n.get('anon')).toBe(1);
    expect(n.get('pgtable')).toBe(8);
    expect(nodeCols(256)).toBe(32);
    expect(nodeCols(2048)).toBe(64);
  });

  it('gives cards to both sides of a copy-on-write copy', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'wp_page_copy' });
    expect(focusFolios(f, null, null).map((x) => x.pfn)).toEqual([5, 10]);
  });

  it('puts the selected folio first and skips selections that light too many frames', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'task', cpu: 1, from: 'access' }, 100);
    expect(focusFolios(f, resolveLit(f, 'pfn:7'), null)[0]?.pfn).toBe(7);
    const vma = f.mms[0]?.vmas[0]?.id ?? -1;
    expect(focusFolios(f, resolveLit(f, `vma:${vma}`), null).length).toBeLessThanOrEqual(1);
  });
});
