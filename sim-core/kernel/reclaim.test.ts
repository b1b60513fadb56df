// Reclaim, swap-out and swap-in (VERIFIED-4.md Q4–Q5).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';

describe('reclaim and swap', () => {
  it('swaps a private page out and faults it back in as a major fault, exclusive and writable', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0..1]', value: 'A' },
      { op: 'reclaim', addr: 'buf[0]', pages: 2 }, { op: 'write', addr: 'buf[0]', value: 'B' }, { op: 'read', addr: 'buf[0..1]' }] }]));
    expect(result(r, 'm', 2).ret).toBe(2);
    expect(result(r, 'm', 4).ret).toBe('B,A');
    expect(r.counters['swap.out']).toBe(2);
    expect(r.counters['swap.in']).toBe(2);
    expect(r.counters['faults.major']).toBe(2);
    expect(r.counters['pages.copied']).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('keeps a pinned page in memory (shrink_folio_list: folio_maybe_dma_pinned → keep)', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' },
      { op: 'pin_user_pages', addr: 'buf[0]', pages: 1, as: 'p' }, { op: 'reclaim', addr: 'buf[0]', pages: 1 }] }]));
    expect(result(r, 'm', 3).ret).toBe(0);
    expect(r.counters['swap.out']).toBe(0);
  });

  it('writes out and frees the pages before a last page it keeps (pageout starts over from the first folio)', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0..1]', value: 'A' },
      { op: 'pin_user_pages', addr: 'buf[1]', pages: 1, as: 'p' }, { op: 'reclaim', addr: 'buf[0]', pages: 2 }, { op: 'read', addr: 'buf[0]' }] }]));
    expect(result(r, 'm', 3).ret).toBe(1);
    expect(result(r, 'm', 4).ret).toBe('A');
    expect(r.counters['swap.out']).toBe(1);
    expect(r.stalled).toEqual([]);
  });

  it('copies on write a swapped page whose slot a forked child still uses, in every era (before 5.9 reuse_swap_page counts swap entries)', () => {
    for (const kernel of ['4.14', '6.18']) {
      const r = run(scenario([
        { name: 'm', process: 'A', cpu: 0, ops: [
          { op: 'mmap', as: 'buf', pages: 4, prot: 'rw' }, { op: 'write', addr: 'buf[0..3]', value: 'old' },
          { op: 'reclaim', addr: 'buf[0]', pages: 4 }, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[1..2]', value: 'new' }] },
        { name: 'k', process: 'K', cpu: 1, forkedBy: 'm', ops: [{ op: 'read', addr: 'buf[2]', after: 'm#4' }] },
      ], { kernel, machine: { cpus: 2 } }));
      expect(result(r, 'k', 0).ret).toBe('old');
      expect(r.violations).toEqual([]);
    }
  });

  it('lets MADV_PAGEOUT skip a page shared with a forked child, but not kswapd-style reclaim', () => {
    const tasks = (op: 'pageout' | 'reclaim') => scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }, { op: 'fork', child: 'k' },
        op === 'pageout' ? { op: 'madvise', addr: 'buf[0]', pages: 1, advice: 'pageout' } : { op: 'reclaim', addr: 'buf[0]', pages: 1 }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'sleep' }] },
    ]);
    expect(run(tasks('pageout')).counters['swap.out']).toBe(0);
    expect(run(tasks('reclaim')).counters['swap.out']).toBe(1);
  });

  it('fails to reclaim without a swap device', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }, { op: 'reclaim', addr: 'buf[0]', pages: 1 }] }], { machine: { cpus: 1, swapPages: 0 } }));
    expect(result(r, 'm', 2).ret).toBe(0);
  });

  it('copies swap entries at fork without the exclusive bit, so both sides map the page read-only on swap-in', () => {
    const r = run(scenario([
      { name: 'p', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]', value: 'A' }, { op: 'reclaim', addr: 'buf[0]', pages: 1 }, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[0]', value: 'P', after: 'k#0' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'p', ops: [{ op: 'read', addr: 'buf[0]' }, { op: 'read', addr: 'buf[0]', after: 'p#4' }] },
    ]));
    expect(result(r, 'k', 1).ret).toBe('A');
    expect(r.counters['pages.copied']).toBe(1);
    expect(r.violations).toEqual([]);
  });

  it('makes a fault that finds a folio under pageout in the swap cache sleep on its lock, so __remove_mapping keeps it, and retries as a major fault', () => {
    // m reclaims 8 pages; its thread p reads buf[0] while the folio is locked between try_to_unmap and pageout.
    const s = scenario([
      { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 8, prot: 'rw' }, { op: 'write', addr: 'buf[0..7]', value: 'A' }, { op: 'reclaim', addr: 'buf', pages: 8 }] },
      { name: 'p', process: 'app', cpu: 1, ops: [{ op: 'mmap', as: 'o', pages: 1, prot: 'rw', after: 'm#1' }, { op: 'write', addr: 'o[0]' }, { op: 'read', addr: 'buf[0]' }] },
    ]);
    const e = createEngine(parseScenario(s));
    const fns: string[] = [];
    for (let r = e.step(true); r; r = e.step(true)) fns.push(r.fn.name);
    expect(fns.indexOf('__folio_lock_or_retry')).toBeGreaterThan(0);
    expect(fns.indexOf('__remove_mapping')).toBeGreaterThan(fns.indexOf('__folio_lock_or_retry'));
    const r = run(s);
    expect(result(r, 'm', 2).ret).toBe(7); // written out, but not freed: the waiter's reference
    expect(result(r, 'p', 2).ret).toBe('A');
    expect(r.counters['swap.out']).toBe(8);
    expect(r.counters['faults.major']).toBe(1); // the retry (FAULT_FLAG_TRIED), a swap-cache hit
    expect(r.counters['swap.in']).toBe(0);
    expect(r.violations).toEqual([]);
  });
});

describe('reclaim of THPs (shrink_folio_list → split_folio_to_list; madvise_cold_or_pageout_pte_range)', () => {
  const thp = (ops: ScenarioOp[], machine: Record<string, number> = {}, peer?: ScenarioTask) => scenario([
    { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0..511]', value: 'H' }, ...ops] },
    ...(peer ? [peer] : []),
  ], { kernel: '6.18', machine: { cpus: 2, framesPerNode: 2048, ...machine } });
  const largeFolios = (s: ReturnType<typeof thp>) => {
    const e = createEngine(parseScenario(s));
    while (e.step(false));
    return [...e.state.world.mem.folios.values()].filter((f) => f.order > 0 && f.anonVma !== null).length;
  };

  it('splits a PMD-mapped THP when no swap cluster is free, then swaps its 512 pages out one by one', () => {
    const s = thp([{ op: 'reclaim', addr: 'buf', pages: 512 }, { op: 'read', addr: 'buf[7]' }]);
    const r = run(s);
    expect(result(r, 'm', 2).ret).toBe(512);
    expect(result(r, 'm', 3).ret).toBe('H');
    expect(r.counters['swap.out']).toBe(512);
    expect(r.counters['faults.major']).toBe(1);
    expect(r.violations).toEqual([]);
  });

  it('splits a THP that MADV_PAGEOUT covers only in part and reclaims just the pages in range', () => {
    const s = thp([{ op: 'madvise', addr: 'buf[256]', pages: 256, advice: 'pageout' }]);
    const r = run(s);
    expect(r.counters['swap.out']).toBe(256);
    expect(r.counters['pages.inuse']).toBeLessThan(300);
    expect(largeFolios(s)).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('still splits a THP given to MADV_PAGEOUT without swap (folio_alloc_swap fails), keeping every page', () => {
    const s = thp([{ op: 'madvise', addr: 'buf', pages: 512, advice: 'pageout' }, { op: 'read', addr: 'buf[0..511]' }], { swapPages: 0 });
    const r = run(s);
    expect(result(r, 'm', 2).ret).toBe(0);
    expect(result(r, 'm', 3).ret).toBe('H');
    expect(r.counters['swap.out']).toBe(0);
    expect(r.counters['faults.total']).toBe(1);
    expect(largeFolios(s)).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('maps the zero-filled pages of a split THP back as the shared zero page from 6.12, freeing them', () => {
    const s = (kernel: string) => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[3]', value: 'D' },
      { op: 'madvise', addr: 'buf', pages: 512, advice: 'pageout' }, { op: 'read', addr: 'buf[3]' }, { op: 'read', addr: 'buf[4]' }] }], { kernel, machine: { cpus: 1, framesPerNode: 2048, swapPages: 0 } });
    const now = runEngine(s('6.18'));
    const mm = [...now.state.world.mms.values()][0];
    expect(mm?.rss.anon).toBe(1);
    expect(now.state.world.counters.values['pages.inuse']).toBeLessThan(10);
    expect(now.state.results.map((r) => r.ret).slice(-2)).toEqual(['D', '0']);
    expect(now.state.violations).toEqual([]);
    const before = runEngine(s('6.11'));
    expect([...before.state.world.mms.values()][0]?.rss.anon).toBe(512);
    expect(before.state.violations).toEqual([]);
  });

  it('costs a running peer one IPI for the PMD split when nothing is swapped, and a second for the batched unmap when it is', () => {
    const peer: ScenarioTask = { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[9]', after: 'm#1' }] };
    const ipis = (swapPages: number) => run(thp([{ op: 'madvise', addr: 'buf', pages: 512, advice: 'pageout', after: 'peer#0' }], { swapPages }, peer)).counters['tlb.shootdowns'];
    expect(ipis(0)).toBe(1);
    expect(ipis(4096)).toBe(2);
  });

  it('frees the unmapped pages of a partly unmapped THP when reclaim splits it', () => {
    const r = run(thp([{ op: 'munmap', addr: 'buf[128]', pages: 384 }, { op: 'reclaim', addr: 'buf', pages: 128 }]));
    expect(result(r, 'm', 3).ret).toBe(128);
    expect(r.counters['pages.inuse']).toBeLessThan(10);
    expect(r.violations).toEqual([]);
  });

  it('splits a THP shared with a forked child in kswapd-style reclaim (both PMDs, then the PTEs of both processes), while MADV_PAGEOUT skips it', () => {
    const s = (op: ScenarioOp, kid: ScenarioOp[]) => scenario([
      { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0..511]', value: 'P' }, { op: 'fork', child: 'k' }, op, { op: 'read', addr: 'buf[3]' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'm', ops: kid },
    ], { kernel: '6.18', machine: { cpus: 2, framesPerNode: 2048 } });
    const shared = run(s({ op: 'reclaim', addr: 'buf', pages: 512 }, [{ op: 'read', addr: 'buf[5]', after: 'm#4' }]));
    expect(shared.counters['swap.out']).toBe(512);
    expect(result(shared, 'm', 4).ret).toBe('P');
    expect(result(shared, 'k', 0).ret).toBe('P');
    expect(shared.violations).toEqual([]);
    const skipped = run(s({ op: 'madvise', addr: 'buf', pages: 512, advice: 'pageout' }, [{ op: 'sleep' }]));
    expect(skipped.counters['swap.out']).toBe(0);
    expect(skipped.violations).toEqual([]);
  });
});
