// free_pgd_range frees exactly the tables that lie wholly inside [floor, ceiling).
import { describe, expect, it } from 'vitest';
import { run, scenario } from '../scenarios/testing';

// One thread maps `pages` 2 MiB-aligned pages, touches all of them, then unmaps [first, first + count).
function unmap(pages: number, first: number, count: number) {
  return run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages, prot: 'rw', align: '2M' }, { op: 'write', addr: `buf[0..${pages - 1}]` }, { op: 'munmap', addr: `buf[${first}]`, pages: count }] }]));
}

describe('free_pgtables', () => {
  it('frees the PTE table of an aligned 2 MiB hole between two mappings', () => {
    expect(unmap(1536, 512, 512).counters['pagetables.freed']).toBe(1);
  });

  it('frees no table when the hole straddles two tables, each still used on one side', () => {
    expect(unmap(1536, 256, 512).counters['pagetables.freed']).toBe(0);
  });

  it('frees every table, the PMD and PUD too, when the whole only mapping goes', () => {
    const r = unmap(1024, 0, 1024);
    expect(r.counters['pagetables.freed']).toBe(4);
    expect(r.counters['pagetables.allocated']).toBe(4);
    expect(r.counters.vmas).toBe(0);
  });

  it('keeps a table that the next mapping still uses, even when the unmapped VMA ends inside it', () => {
    expect(unmap(600, 0, 100).counters['pagetables.freed']).toBe(0);
  });

  it('frees the last PTE table when unmapping the tail up to the top of the address space', () => {
    expect(unmap(1024, 512, 512).counters['pagetables.freed']).toBe(1);
  });
});
