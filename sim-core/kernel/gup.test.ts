// pin_user_pages / unpin_user_pages (mm/gup.c, 6.18): FOLL_PIN accounting on small folios and on
// PMD-mapped THPs (follow_pmd_mask → follow_huge_pmd), and how pins interact with fork and munmap.
import { describe, expect, it } from 'vitest';
import type { Folio } from '../model/folio';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioOp } from '../scenarios/schema';

// A 4 MiB VM_HUGEPAGE region `buf` whose first 2 MiB is one PMD-mapped THP after op 1.
const THP: ScenarioOp[] = [{ op: 'mmap', as: 'buf', pages: 1024, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0..511]', value: 'A' }];
const thp = (ops: ScenarioOp[], kernel = '6.18') => scenario([{ name: 'm', process: 'app', cpu: 0, ops: [...THP, ...ops] }], { kernel, machine: { cpus: 2, framesPerNode: 4096 } });
const large = (e: ReturnType<typeof runEngine>): Folio[] => [...e.state.world.mem.folios.values()].filter((f) => f.order === 9);

describe('pin_user_pages on a PMD-mapped THP', () => {
  it('pins all 512 pages without a fault or a split: refcount and _pincount +1 per page', () => {
    const e = runEngine(thp([{ op: 'pin_user_pages', addr: 'buf', pages: 512, as: 'p' }]));
    expect(e.state.results[2]).toMatchObject({ ret: 512, errno: null });
    const [f] = large(e);
    expect(f).toMatchObject({ refcount: 513, mapcount: 1, pincount: 512 });
    expect(e.state.world.counters.values['faults.total']).toBe(1);
    expect(e.state.world.counters.values.pins).toBe(512);
    expect([...e.state.world.mms.values()][0]?.hasPinned).toBe(true);
    expect(e.state.violations).toEqual([]);
  });

  it('pins part of a THP from an unaligned address, stopping at the end of the range', () => {
    const e = runEngine(thp([{ op: 'pin_user_pages', addr: 'buf[100]', pages: 10, as: 'p' }]));
    expect(e.state.results[2]).toMatchObject({ ret: 10 });
    expect(large(e)[0]).toMatchObject({ refcount: 11, pincount: 10 });
  });

  it('faults in the next THP when the range runs past the first one', () => {
    const e = runEngine(thp([{ op: 'pin_user_pages', addr: 'buf[500]', pages: 20, as: 'p' }]));
    expect(e.state.results[2]).toMatchObject({ ret: 20 });
    expect(large(e).map((f) => f.pincount)).toEqual([12, 8]);
    expect(e.state.world.counters.values['faults.total']).toBe(2);
    expect(e.state.violations).toEqual([]);
  });

  it('unpin_user_pages gives back every reference and _pincount', () => {
    const e = runEngine(thp([{ op: 'pin_user_pages', addr: 'buf', pages: 512, as: 'p' }, { op: 'unpin_user_pages', pin: 'p' }]));
    expect(large(e)[0]).toMatchObject({ refcount: 1, mapcount: 1, pincount: 0 });
    expect(e.state.world.counters.values.pins).toBe(0);
    expect(e.state.violations).toEqual([]);
  });

  it('keeps a pinned THP alive after munmap until the last unpin frees it', () => {
    const r = run(thp([
      { op: 'pin_user_pages', addr: 'buf', pages: 512, as: 'p' }, { op: 'munmap', addr: 'buf', pages: 1024 },
      { op: 'unpin_user_pages', pin: 'p' },
    ]));
    expect(r.counters['pages.freed']).toBe(512);
    expect(r.counters['pages.inuse']).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('makes fork split the pinned THP in the parent and copy its pages for the child (copy_huge_pmd)', () => {
    const r = run(scenario([
      { name: 'm', process: 'app', cpu: 0, ops: [...THP, { op: 'pin_user_pages', addr: 'buf', pages: 512, as: 'p' }, { op: 'fork', child: 'k' }, { op: 'write', addr: 'buf[7]', value: 'P' }] },
      { name: 'k', process: 'kid', cpu: 1, forkedBy: 'm', ops: [{ op: 'read', addr: 'buf[7]' }] },
    ], { machine: { cpus: 2, framesPerNode: 4096 } }));
    expect(r.counters['pages.copied']).toBe(512);
    expect(result(r, 'k', 0).ret).toBe('A');
    expect(r.violations).toEqual([]);
  });

  it('refuses UFFDIO_MOVE of a pinned THP with EBUSY (folio_maybe_dma_pinned reads _pincount)', () => {
    const r = run(thp([
      { op: 'pin_user_pages', addr: 'buf', pages: 1, as: 'p' }, { op: 'mmap', as: 'dst', pages: 512, prot: 'rw', thp: true },
      { op: 'userfaultfd', as: 'u' }, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'dst', pages: 512, mode: ['missing'] },
      { op: 'UFFDIO_MOVE', uffd: 'u', dst: 'dst', src: 'buf', pages: 512 },
    ]));
    expect(result(r, 'm', 6)).toMatchObject({ errno: 'EBUSY' });
    expect(r.violations).toEqual([]);
  });

  it('fails with EFAULT on a THP write-protected by uffd-wp: the write fault cannot sleep in handle_userfault', () => {
    const r = run(thp([
      { op: 'userfaultfd', as: 'u' }, { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 512, mode: ['wp'] },
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'buf', pages: 512, wp: true },
      { op: 'pin_user_pages', addr: 'buf', pages: 4, as: 'p' },
    ]));
    expect(result(r, 'm', 5)).toMatchObject({ errno: 'EFAULT' });
    expect(r.counters.pins).toBe(0);
    expect(r.counters['uffd.messages']).toBe(0);
  });

  it('sets MMF_HAS_PINNED before walking, even when nothing could be pinned (__get_user_pages_locked)', () => {
    const e = runEngine(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'ro', pages: 1, prot: 'r' }, { op: 'pin_user_pages', addr: 'ro', pages: 1, as: 'p' },
    ] }]));
    expect(e.state.results[1]).toMatchObject({ errno: 'EFAULT' });
    expect([...e.state.world.mms.values()][0]?.hasPinned).toBe(true);
  });
});
