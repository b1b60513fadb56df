// The buddy allocator hands out the lowest block first, splits and merges like __rmqueue_smallest / __free_one_page.
import { describe, expect, it } from 'vitest';
import { buddyAlloc, buddyFree, createPhysMem, nodeFreePages } from './physmem';

describe('buddy allocator', () => {
  it('reserves PFN 0 for the zero page and gives out PFN 1 first', () => {
    const m = createPhysMem(1, 64);
    expect(nodeFreePages(m, 0)).toBe(63);
    expect(buddyAlloc(m, 0, 0)).toBe(1);
    expect(buddyAlloc(m, 0, 0)).toBe(2);
  });

  it('returns aligned blocks for higher orders', () => {
    const m = createPhysMem(1, 4096);
    const p = buddyAlloc(m, 0, 9);
    expect(p !== null && p % 512).toBe(0);
  });

  it('merges a freed page with its free buddy back into the larger block', () => {
    const m = createPhysMem(1, 1024);
    expect([buddyAlloc(m, 0, 0), buddyAlloc(m, 0, 0), buddyAlloc(m, 0, 0)]).toEqual([1, 2, 3]);
    buddyFree(m, 3, 0);
    expect(m.freeOrder[3]).toBe(0);
    buddyFree(m, 2, 0);
    expect([m.freeOrder[2], m.freeOrder[3]]).toEqual([1, -1]);
    expect(nodeFreePages(m, 0)).toBe(1022);
    expect(buddyAlloc(m, 0, 1)).toBe(2);
  });

  it('allocates from the asked node only and reports exhaustion with null', () => {
    const m = createPhysMem(2, 16);
    for (let i = 0; i < 16; i++) expect(buddyAlloc(m, 1, 0)).toBe(16 + i);
    expect(buddyAlloc(m, 1, 0)).toBeNull();
    expect(buddyAlloc(m, 0, 0)).toBe(1);
  });
});
