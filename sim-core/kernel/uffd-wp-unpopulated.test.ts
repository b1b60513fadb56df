// UFFD_FEATURE_WP_UNPOPULATED (6.4+): UFFDIO_WRITEPROTECT puts a PTE_MARKER_UFFD_WP in every none PTE
// of the range, allocating the page tables first (mm/mprotect.c pgtable_populate_needed,
// change_prepare / change_pmd_prepare, 6.18), so a never-touched page is protected too.
import { describe, expect, it } from 'vitest';
import { findPte } from '../model/pagetable';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioOp } from '../scenarios/schema';

const reg = (pages: number, features: ('wp_unpopulated' | 'sigbus')[] = ['wp_unpopulated'], thp = false): ScenarioOp[] => [
  { op: 'mmap', as: 'db', pages, prot: 'rw', ...(thp ? { thp } : {}) },
  { op: 'userfaultfd', as: 'u', features },
  { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'db', pages, mode: ['wp'] },
];
const solo = (ops: ScenarioOp[], serve: ScenarioOp[] = []) => scenario([
  { name: 'm', process: 'app', cpu: 0, ops },
  ...(serve.length ? [{ name: 'h', process: 'app', cpu: 1, ops: serve }] : []),
]);

describe('uffd-wp on unpopulated memory (WP_UNPOPULATED)', () => {
  it('allocates the PUD, PMD and PTE tables of a never-touched range and fills it with markers', () => {
    const e = runEngine(solo([...reg(4), { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: true }]));
    const w = e.state.world;
    expect(e.state.results[3]).toMatchObject({ ret: 0, errno: null });
    expect(w.counters.values['pagetables.allocated']).toBe(3);
    const mm = [...w.mms.values()][0];
    const start = w.regions.get('db')?.addr ?? 0;
    const kinds = [-1, 0, 1, 2, 3].map((i) => (mm ? findPte(w.tables, mm.pgd, start + i * 4096)?.entry.kind : undefined));
    expect(kinds).toEqual(['none', 'marker', 'marker', 'marker', 'marker']);
    expect(e.state.violations).toEqual([]);
  });

  it('turns the first write to a protected, never-touched page into a WRITE|WP message', () => {
    const r = run(solo(
      [...reg(4), { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: true }, { op: 'write', addr: 'db[2]', value: 'x' }, { op: 'read', addr: 'db[2]' }],
      [{ op: 'uffd_serve', uffd: 'u', resolve: 'unprotect', count: 1, after: 'm#3' }],
    ));
    expect(r.counters['uffd.messages']).toBe(1);
    expect(result(r, 'm', 5).ret).toBe('x');
    expect(r.violations).toEqual([]);
  });

  it('populates the PTE table of the second 2 MiB of a range whose first 2 MiB was touched', () => {
    const r = run(solo([...reg(1024), { op: 'write', addr: 'db[0]' }, { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 1024, wp: true }]));
    expect(r.counters['pagetables.allocated']).toBe(4);
  });

  it('leaves a never-touched range without tables or markers when the feature is off', () => {
    const r = run(solo([...reg(4, []), { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: true }, { op: 'write', addr: 'db[2]' }]));
    expect(r.counters['pagetables.allocated']).toBe(3);
    expect(r.counters['uffd.messages']).toBe(0);
  });

  it('does not populate anything when un-protecting', () => {
    const r = run(solo([...reg(4), { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 4, wp: false }]));
    expect(r.counters['pagetables.allocated']).toBe(0);
  });

  it('keeps a later fault in a VM_HUGEPAGE range at PTE level: the PMD now points to a table', () => {
    const r = run(solo([...reg(512, ['wp_unpopulated'], true), { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 512, wp: true }, { op: 'read', addr: 'db[9]' }]));
    expect(result(r, 'm', 4).ret).toBe('0');
    expect(r.counters['pages.allocated']).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('fails with ENOMEM when no frame is left for a page table', () => {
    const r = run(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'fill', pages: 16, prot: 'rw' }, { op: 'write', addr: 'fill[0..8]' },
      ...reg(1024).map((o, i) => (i === 0 ? { ...o, at: '0x7f8000000000' } : o)),
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: 'db', pages: 1024, wp: true },
    ] }], { machine: { cpus: 1, nodes: 1, framesPerNode: 16 } }));
    expect(result(r, 'm', 5)).toMatchObject({ errno: 'ENOMEM' });
    expect(r.counters['pagetables.allocated']).toBe(5);
    expect(r.violations).toEqual([]);
  });
});
