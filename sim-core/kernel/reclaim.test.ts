// Reclaim, swap-out and swap-in (VERIFIED-4.md Q4–Q5).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { result, run, scenario } from '../scenarios/testing';

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
