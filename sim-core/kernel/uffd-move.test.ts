// UFFDIO_MOVE and UFFDIO_REMAP: LAB.md's "Errors seen" table, the PFN kept, the rmap re-pointed,
// and the TLB flushes (mm/userfaultfd.c move_pages / move_present_ptes, 6.18; the 2017 proposal).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { result, run, runEngine, scenario, uffdMissingBase } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';

// `reg` registered MISSING, and `src` written so its pages are exclusive: 8 pages each.
const BASE = uffdMissingBase(8);
const N = BASE.length;
const task = (ops: ScenarioOp[]): ScenarioTask => ({ name: 'h', process: 'app', cpu: 0, ops: [...BASE, ...ops] });
const solo = (ops: ScenarioOp[], kernel = '6.18', extra: ScenarioTask[] = [], cpus = 2) => scenario([task(ops), ...extra], { kernel, machine: { cpus } });
const move = (dst: string, src: string, pages = 1, mode?: ('allow_src_holes' | 'dontwake')[]): ScenarioOp => ({ op: 'UFFDIO_MOVE', uffd: 'u', dst, src, pages, ...(mode ? { mode } : {}) });
// A second thread of the process, running in user space on CPU 1 (its CPU keeps the mm loaded, not lazy).
const runningPeer: ScenarioTask = { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'src[7]', after: 'h#1' }] };
const sleepingPeer: ScenarioTask = { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'src[7]', after: 'h#1' }, { op: 'sleep' }] };

describe('UFFDIO_MOVE results (LAB.md "Errors seen")', () => {
  it('moves an exclusive page to an empty destination: 4096 bytes, same PFN, contents follow', () => {
    const e = runEngine(solo([move('reg[0]', 'src[0]'), { op: 'read', addr: 'reg[0]' }]));
    const r = e.state.results;
    expect(r[N]).toMatchObject({ ret: 0, errno: null, bytes: 4096 });
    expect(r[N + 1]?.ret).toBe('S');
    expect(e.state.world.counters.values['pages.copied']).toBe(0);
    const mm = [...e.state.world.mms.values()][0];
    const reg = mm?.vmas.find((v) => v.uffd !== null);
    const folio = [...e.state.world.mem.folios.values()].find((f) => reg && f.index === reg.pgoff);
    expect(folio?.anonVma).toBe(reg?.anonVma);
  });

  it('keeps the PFN: the destination maps the frame the source mapped', () => {
    const e = runEngine(solo([move('reg[1]', 'src[1]')]));
    const mm = [...e.state.world.mms.values()][0];
    const pfns = [...e.state.world.tables.values()].flatMap((t) => t.entries.filter((x) => x.kind === 'present').map((x) => (x as { pfn: number }).pfn));
    expect(new Set(pfns).size).toBe(4);
    expect(mm?.rss.anon).toBe(4);
  });

  it('refuses a page shared copy-on-write with a live forked child with EBUSY', () => {
    const kid: ScenarioTask = { name: 'kid', process: 'kid', cpu: 1, forkedBy: 'h', ops: [{ op: 'sleep' }] };
    const r = run(solo([{ op: 'fork', child: 'kid' }, move('reg[0]', 'src[0]')], '6.18', [kid]));
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EBUSY', bytes: -16 });
  });

  it('moves a page that was MADV_DONTFORK before the fork', () => {
    const kid: ScenarioTask = { name: 'kid', process: 'kid', cpu: 1, forkedBy: 'h', ops: [{ op: 'sleep' }] };
    const r = run(solo([{ op: 'madvise', addr: 'src', pages: 8, advice: 'dontfork' }, { op: 'fork', child: 'kid' }, move('reg[0]', 'src[0]')], '6.18', [kid]));
    expect(result(r, 'h', N + 2)).toMatchObject({ ret: 0, bytes: 4096 });
  });

  it('refuses a populated destination or one mapping the zero page with EEXIST', () => {
    const r = run(solo([{ op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 1 }, move('reg[0]', 'src[0]'), { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'reg[1]', pages: 1 }, move('reg[1]', 'src[1]')]));
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EEXIST', bytes: -17 });
    expect(result(r, 'h', N + 3)).toMatchObject({ errno: 'EEXIST' });
  });

  it('refuses a hole with ENOENT, and counts it as moved with ALLOW_SRC_HOLES', () => {
    const r = run(solo([move('reg[5]', 'src[5]'), move('reg[5]', 'src[5]', 1, ['allow_src_holes'])]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'ENOENT', bytes: -2 });
    expect(result(r, 'h', N + 1)).toMatchObject({ ret: 0, bytes: 4096 });
  });

  it('refuses a long-term pinned page with EBUSY', () => {
    const r = run(solo([{ op: 'pin_user_pages', addr: 'src[0]', pages: 1, longterm: true, as: 'p' }, move('reg[0]', 'src[0]')]));
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EBUSY' });
  });

  it('refuses a destination not registered with this uffd with EINVAL', () => {
    const r = run(solo([move('src[6]', 'src[0]')]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'EINVAL', bytes: -22 });
  });

  it('stops at a hole in the middle and reports EAGAIN with the bytes moved', () => {
    const r = run(solo([move('reg[0]', 'src[2]', 4)]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'EAGAIN', bytes: 8192 });
  });

  it('does not exist before 6.8 (EINVAL), while UFFDIO_REMAP follows the 2017 proposal there', () => {
    const r = run(solo([move('reg[0]', 'src[0]'), { op: 'UFFDIO_REMAP', uffd: 'u', dst: 'reg[1]', src: 'src[1]', pages: 1 }], '6.7'));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'EINVAL' });
    expect(result(r, 'h', N + 1)).toMatchObject({ ret: 0, bytes: 4096 });
  });
});

describe('UFFDIO_MOVE flushes the source TLB entries; UFFDIO_COPY does not', () => {
  const ipis = (ops: ScenarioOp[], kernel: string, peer: ScenarioTask) => run(solo(ops, kernel, [peer])).counters['tlb.shootdowns'];

  it('sends one IPI to a running peer for a one-page move and none for a copy', () => {
    expect(ipis([move('reg[0]', 'src[0]')], '6.18', runningPeer)).toBe(1);
    expect(ipis([{ op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 1 }], '6.18', runningPeer)).toBe(0);
  });

  it('batches four contiguous pages into one flush on 6.18 but flushes each page before', () => {
    expect(ipis([move('reg[0]', 'src[0]', 4)], '6.18', runningPeer)).toBe(1);
    expect(ipis([move('reg[0]', 'src[0]', 4)], '6.17', runningPeer)).toBe(4);
    expect(ipis([{ op: 'UFFDIO_REMAP', uffd: 'u', dst: 'reg[0]', src: 'src[0]', pages: 4 }], '4.11', runningPeer)).toBe(4);
  });

  it('skips a lazy (sleeping) peer with 6.17\'s ptep_clear_flush, reaches it with 6.18\'s flush_tlb_range (freed_tables on x86 since 6.15) and on 4.11 (before lazy CPUs were skipped)', () => {
    expect(ipis([move('reg[0]', 'src[0]')], '6.17', sleepingPeer)).toBe(0);
    expect(ipis([move('reg[0]', 'src[0]')], '6.18', sleepingPeer)).toBe(1);
    expect(ipis([{ op: 'UFFDIO_REMAP', uffd: 'u', dst: 'reg[0]', src: 'src[0]', pages: 1 }], '4.11', sleepingPeer)).toBe(1);
  });
});

describe('two UFFDIO_MOVE calls on the same page tables', () => {
  it('serialise on the page-table locks: the second spins while the first moves its batch, then finds the page moved', () => {
    const s = solo([move('reg[0]', 'src[0]', 2)], '6.18', [{ name: 'peer', process: 'app', cpu: 1, ops: [{ ...move('reg[1]', 'src[1]', 3), after: 'h#4' }] }]);
    const e = createEngine(parseScenario(s));
    const fns: string[] = [];
    for (let r = e.step(true); r; r = e.step(true)) fns.push(r.fn.name);
    expect(fns).toContain('double_pt_lock');
    const r = run(s);
    expect(result(r, 'h', N)).toMatchObject({ ret: 0, bytes: 8192 });
    expect(result(r, 'peer', 0)).toMatchObject({ errno: 'EEXIST', bytes: -17 }); // reg[1] is the first batch's now
    expect(r.violations).toEqual([]);
  });
});


describe('UFFDIO_MOVE of one page of a THP (move_pages_ptes → split_folio)', () => {
  // `thp`: one 2 MiB THP written whole; `reg`: 4 pages registered MISSING.
  const THP: ScenarioOp[] = [
    { op: 'mmap', as: 'thp', pages: 512, prot: 'rw', thp: true }, { op: 'write', addr: 'thp[0..511]', value: 'T' },
    { op: 'mmap', as: 'reg', pages: 4, prot: 'rw' }, { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'reg', pages: 4, mode: ['missing'] },
  ];
  const M = THP.length;
  const thpRun = (ops: ScenarioOp[], extra: ScenarioTask[] = []) => scenario([{ name: 'h', process: 'app', cpu: 0, ops: [...THP, ...ops] }, ...extra], { kernel: '6.18', machine: { cpus: 2 } });
  const moveThp = (dst: string, src: string, pages = 1): ScenarioOp => ({ op: 'UFFDIO_MOVE', uffd: 'u', dst, src, pages });

  it('splits the PMD, then the folio, and moves the 4 KiB page: 4096 bytes, same PFN, no copy', () => {
    const e = runEngine(thpRun([moveThp('reg[0]', 'thp[5]'), { op: 'read', addr: 'reg[0]' }, { op: 'read', addr: 'thp[6]' }]));
    const r = e.state.results;
    expect(r[M]).toMatchObject({ ret: 0, errno: null, bytes: 4096 });
    expect(r[M + 1]?.ret).toBe('T');
    expect(r[M + 2]?.ret).toBe('T');
    const w = e.state.world;
    expect(w.counters.values['pages.copied']).toBe(0);
    expect(w.counters.values['pages.moved']).toBe(1);
    // 512 order-0 folios now; the moved one is re-pointed at reg's anon_vma.
    const folios = [...w.mem.folios.values()].filter((f) => f.anonVma !== null);
    expect(folios.every((f) => f.order === 0)).toBe(true);
    expect(folios).toHaveLength(512);
    expect(e.state.violations).toEqual([]);
  });

  it('narrates split_folio between split_huge_pmd and the move', () => {
    const e = createEngine(parseScenario(thpRun([moveThp('reg[0]', 'thp[5]')])));
    const fns: string[] = [];
    for (let r = e.step(true); r; r = e.step(true)) fns.push(r.fn.name);
    const at = (n: string) => fns.indexOf(n);
    expect(at('split_huge_pmd')).toBeGreaterThan(-1);
    expect(at('unmap_folio')).toBeGreaterThan(at('split_huge_pmd'));
    expect(at('__split_unmapped_folio')).toBeGreaterThan(at('unmap_folio'));
    expect(at('move_present_ptes')).toBeGreaterThan(at('__split_unmapped_folio'));
  });

  it('costs a running peer three IPIs: the PMD split, the folio split\'s try_to_unmap_flush, and the move', () => {
    const peer: ScenarioTask = { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'thp[7]', after: 'h#1' }] };
    expect(run(thpRun([moveThp('reg[0]', 'thp[5]')], [peer])).counters['tlb.shootdowns']).toBe(3);
  });

  it('frees the pages of a partly unmapped THP when the split leaves them unmapped', () => {
    const r = run(thpRun([{ op: 'munmap', addr: 'thp[256]', pages: 256 }, moveThp('reg[0]', 'thp[0]')]));
    expect(result(r, 'h', M + 1)).toMatchObject({ ret: 0, bytes: 4096 });
    expect(r.counters['pages.inuse']).toBeLessThan(300);
    expect(r.violations).toEqual([]);
  });

  it('spins while a pin blocks the split (split_folio: -EAGAIN, retried), and moves once the pin is dropped', () => {
    // The DMA thread reads for a while (the move meanwhile reaches split_folio), then unpins.
    const unpinner: ScenarioTask = { name: 'dma', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'thp[0..511]', repeat: 8, after: `h#${M}` }, { op: 'unpin_user_pages', pin: 'p' }] };
    const pinned = [{ op: 'pin_user_pages', addr: 'thp[5]', pages: 1, as: 'p' } as ScenarioOp, moveThp('reg[0]', 'thp[5]')];
    const alone = run(thpRun(pinned));
    expect(alone.stalled).toEqual(['h: spinning in uffd_move: split_folio failed with -EAGAIN: move_pages retries the page, for good']);
    expect(alone.results.find((x) => x.task === 'h' && x.index === M + 1)).toBeUndefined();
    const s = thpRun(pinned, [unpinner]);
    const e = createEngine(parseScenario(s));
    const fns: string[] = [];
    for (let r = e.step(true); r; r = e.step(true)) fns.push(r.fn.name);
    expect(fns.indexOf('can_split_folio')).toBeGreaterThan(-1);
    expect(fns.indexOf('can_split_folio')).toBeLessThan(fns.indexOf('unpin_user_pages'));
    expect(fns.indexOf('unmap_folio')).toBeGreaterThan(fns.indexOf('unpin_user_pages'));
    const freed = run(s);
    expect(result(freed, 'h', M + 1)).toMatchObject({ ret: 0, bytes: 4096 });
    expect(freed.stalled).toEqual([]);
    expect(freed.violations).toEqual([]);
  });
});
