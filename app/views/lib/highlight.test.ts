import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { vpnOf } from './geometry';
import { litPageCount, litPages, resolveLit, tlbId } from './highlight';

const shared = () => frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }); // kid has read the COW-shared pfn 5 into CPU1's TLB

describe('resolveLit', () => {
  it('lights a COW-shared folio in both processes: PTEs, tables, VMAs and the TLB entry', () => {
    const f = shared();
    const lit = resolveLit(f, 'pfn:5');
    const vpn = vpnOf(f.regions[0]?.addr ?? 0);
    expect([...litPages(lit, 1)]).toEqual([vpn]);
    expect([...litPages(lit, 2)]).toEqual([vpn]);
    expect(lit?.vmas.size).toBe(2);
    expect(lit?.tables.size).toBe(2);
    const cpu1 = f.cpus[1]?.tlb.findIndex((e) => e.pfn === 5) ?? -1;
    expect(cpu1).toBeGreaterThanOrEqual(0);
    expect(lit?.tlb.has(tlbId(1, cpu1))).toBe(true);
  });

  it('lights a CPU’s TLB entries and the pages they translate', () => {
    const f = shared();
    const lit = resolveLit(f, 'cpu:1');
    expect(lit?.cpus.has(1)).toBe(true);
    expect(lit?.tlb.size).toBe(f.cpus[1]?.tlb.length);
    expect(lit?.pfns.has(5)).toBe(true);
  });

  it('lights a VMA’s pages, its PTE table and the frames it maps', () => {
    const f = shared();
    const vma = f.mms[0]?.vmas[0];
    const lit = resolveLit(f, `vma:${vma?.id ?? -1}`);
    expect(litPageCount(lit)).toBe(vma?.pages);
    expect(lit?.tables.size).toBe(1);
    expect(lit?.pfns.has(5)).toBe(true);
  });

  it('lights a page-table page with the path above it and the pages below it', () => {
    const f = shared();
    const lit = resolveLit(f, 'pt:4');
    expect([...(lit?.tables ?? [])].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(lit?.pfns.has(5)).toBe(true);
  });

  it('lights an address in every mm that maps it, with its walk path', () => {
    const f = shared();
    const lit = resolveLit(f, `vaddr:0x${(f.regions[0]?.addr ?? 0).toString(16)}`);
    expect(lit?.mms).toEqual(new Set([1, 2]));
    expect(lit?.tables.size).toBe(8);
  });

  it('caches per frame and key, and ignores malformed keys', () => {
    const f = shared();
    expect(resolveLit(f, 'pfn:5')).toBe(resolveLit(f, 'pfn:5'));
    expect(resolveLit(f, 'bogus')).toBeNull();
    expect(resolveLit(f, null)).toBeNull();
  });
});
