// The four userfaultfd thread scenarios across their parameters: what each variant must show, as
// the kernel (and LAB.md) says it behaves.
import { describe, expect, it } from 'vitest';
import { runProgram, type RunSummary } from '../engine/run';
import { createEngine } from '../engine/setup';
import { compileBuiltin } from './library';

function run(id: string, params: Record<string, string | number> = {}): RunSummary {
  const p = compileBuiltin(id, params);
  if (!p) throw new Error(`no built-in ${id}`);
  return runProgram(p);
}
const n = (r: RunSummary, name: string): number => r.counters[name] as number;
const res = (r: RunSummary, task: string, index: number) => r.results.find((x) => x.task === task && x.index === index);

describe('postcopy-vma-per-page', () => {
  it('stops placing pages with ENOMEM once the VMAs reach vm.max_map_count', () => {
    const r = run('postcopy-vma-per-page', { pages: 30, max_map_count: 40 });
    expect(n(r, 'vmas')).toBe(40);
    expect(res(r, 'incoming', 20)?.errno).toBe(null);
    expect(res(r, 'incoming', 21)?.errno).toBe('ENOMEM');
    expect(r.violations).toEqual([]);
  });

  it('places every page, two VMAs each, when the limit is the kernel default', () => {
    const r = run('postcopy-vma-per-page', { pages: 100, max_map_count: 65530 });
    expect(n(r, 'vmas')).toBe(200);
    expect(r.results.filter((x) => x.errno === 'ENOMEM')).toEqual([]);
  });

  it('makes the second first-touch fault\'s VMA lookup cost more than the first, with more VMAs to search', () => {
    const p = compileBuiltin('postcopy-vma-per-page', { pages: 2000, max_map_count: 65530 });
    if (!p) throw new Error('no built-in');
    const e = createEngine(p);
    const lookups: number[] = [];
    for (let r = e.step(); r; r = e.step()) if (r.kind === 'fault' && r.from === 'lock_vma') lookups.push(r.cost);
    expect(lookups).toHaveLength(2);
    // find_vma among 16 VMAs, then among 4,000: 25 ns per doubling (costs.ts, from LAB.md's 2.1 → 2.5 µs).
    expect((lookups[1] ?? 0) - (lookups[0] ?? 0)).toBeCloseTo(25 * (Math.log2(4001) - Math.log2(17)), 0);
  });
});

describe('postcopy-userfaultfd', () => {
  it('resolves every fault with UFFDIO_COPY without a single IPI, each retried fault counted major', () => {
    const r = run('postcopy-userfaultfd', { vcpus: 6, pages: 3 });
    expect(n(r, 'uffd.messages')).toBe(18);
    expect(n(r, 'faults.major')).toBe(18);
    expect(n(r, 'bytes.copied')).toBe(18 * 4096);
    expect(n(r, 'tlb.shootdowns')).toBe(0);
    expect(res(r, 'vcpu5', 1)?.ret).toBe('guest5');
  });

  it('with UFFDIO_ZEROPAGE maps the zero page, so the write then copies it and flushes the running vCPUs', () => {
    const r = run('postcopy-userfaultfd', { vcpus: 4, resolve: 'zeropage' });
    expect(n(r, 'faults.major')).toBe(8);
    expect(n(r, 'tlb.shootdowns')).toBeGreaterThan(0);
  });

  it('takes about LAB.md\'s 13.7 µs per fault round trip with one vCPU and the handler on another CPU', () => {
    const r = run('postcopy-userfaultfd', { vcpus: 1, pages: 200 });
    const us = n(r, 'time.ns') / 1000 / n(r, 'uffd.messages');
    expect(us).toBeGreaterThan(13.7 * 0.9);
    expect(us).toBeLessThan(13.7 * 1.1);
  });
});

describe('uffd-remap-vs-copy', () => {
  const v = (p: Record<string, string | number>) => run('uffd-remap-vs-copy', { vcpus: 4, bulk: 16, ...p });

  it('copies every page with COPY and none with REMAP, which keeps the frames and needs half the memory', () => {
    const copy = v({ resolve: 'copy' });
    const move = v({ resolve: 'move' });
    expect(n(copy, 'bytes.copied')).toBe(20 * 4096);
    expect(n(move, 'bytes.copied')).toBe(0);
    expect(n(move, 'pages.moved')).toBe(4 + 16 + 16);
    expect(n(move, 'pages.peak')).toBeLessThan(n(copy, 'pages.peak'));
  });

  it('sends IPIs for moves but not for copies, so shootdowns diverge as vCPUs grow', () => {
    const ipis = (vcpus: number, resolve: string) => n(run('uffd-remap-vs-copy', { vcpus, bulk: 8, resolve, kernel: '6.8' }), 'tlb.shootdowns');
    expect(ipis(8, 'move') - ipis(8, 'copy')).toBeGreaterThan(ipis(2, 'move') - ipis(2, 'copy'));
    expect(ipis(8, 'move')).toBeGreaterThan(ipis(8, 'copy'));
  });

  it('removes memory with one flush per batch on 6.18 and one flush per page before it', () => {
    // resolve=copy: the only flushes are the eviction's; every vCPU is running by then.
    expect(n(v({ resolve: 'copy', kernel: '6.18' }), 'tlb.shootdowns')).toBe(4);
    expect(n(v({ resolve: 'copy', kernel: '6.8' }), 'tlb.shootdowns')).toBe(16 * 4);
    expect(n(v({ resolve: 'copy', kernel: '4.11' }), 'tlb.shootdowns')).toBe(16 * 4);
  });

  it('returns 0 with the bytes moved in the result field, on every kernel', () => {
    for (const kernel of ['4.11', '6.8', '6.18']) {
      const r = v({ kernel });
      expect(res(r, 'postcopy', 9)).toMatchObject({ ret: 0, errno: null, bytes: 16 * 4096 });
    }
  });
});

describe('live-snapshot', () => {
  const s = (p: Record<string, string | number>) => run('live-snapshot', { writes: 8, ...p });

  it('doubles the cache with fork() before 5.8: each first write copies a whole 2 MiB THP', () => {
    const r = s({ method: 'fork', kernel: '5.7' });
    expect(n(r, 'pages.peak')).toBe(2048);
    expect(n(r, 'bytes.copied')).toBe(2 * 2 * 1024 * 1024);
  });

  it('copies 4 KiB per write after fork() on 6.18, the writer\'s PMD split', () => {
    const r = s({ method: 'fork', kernel: '6.18' });
    expect(n(r, 'pages.peak')).toBe(1024 + 8);
    expect(n(r, 'bytes.copied')).toBe(8 * 4096);
  });

  it('with uffd-wp raises one WRITE|WP message per written page and saves 4 KiB each, on either kernel', () => {
    for (const kernel of ['5.7', '6.18']) {
      const r = s({ method: 'uffd-wp', kernel });
      expect(n(r, 'uffd.messages')).toBe(8);
      expect(n(r, 'pages.peak')).toBe(1024 + 8);
      expect(res(r, 'snap', 4)).toMatchObject({ ret: 8, errno: null });
    }
  });

  it('throttles the writer by the delay the snapshot thread holds each page', () => {
    const fast = n(s({ method: 'uffd-wp' }), 'time.ns');
    const slow = n(s({ method: 'uffd-wp', delay_us: 100 }), 'time.ns');
    expect(slow - fast).toBeCloseTo(8 * 100_000, -3);
  });
});
