// Copy-on-write, fork and the page counts LAB.md read from /proc/kpagecount and /proc/kpageflags.
import { describe, expect, it } from 'vitest';
import { PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { findPte } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import type { World } from '../model/world';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import { result, run, runEngine, scenario } from '../scenarios/testing';

function pteAt(w: World, process: string, addr: string | number) {
  const mm = [...w.mms.values()].find((m) => m.process === process);
  const r = w.regions.get('buf');
  if (!mm || !r?.addr) throw new Error('no mm or region');
  return findPte(w.tables, mm.pgd, r.addr + Number(addr) * 4096)?.entry;
}

const forkTasks = (parentOps: object[] = [], kidOps: object[] = [{ op: 'sleep' }]) => scenario([
  { name: 'parent', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]', value: 'A' }, { op: 'fork', child: 'kid' }, ...parentOps] as never },
  { name: 'kid', process: 'kid', cpu: 1, forkedBy: 'parent', ops: kidOps as never },
]);

describe('fork and copy-on-write', () => {
  it('counts 1 reference on a private written page and 2 after fork (kpagecount)', () => {
    const before = runEngine(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }] }])).state.world;
    const p = pteAt(before, 'app', 0);
    expect(p?.kind === 'present' && folioOf(before.mem, p.pfn)?.refcount).toBe(1);
    const after = runEngine(forkTasks()).state.world;
    const q = pteAt(after, 'app', 0);
    expect(q?.kind === 'present' && folioOf(after.mem, q.pfn)?.refcount).toBe(2);
    expect(q?.kind === 'present' && folioOf(after.mem, q.pfn)?.mapcount).toBe(2);
  });

  it('clears AnonExclusive at fork and write-protects both PTEs', () => {
    const w = runEngine(forkTasks()).state.world;
    const p = pteAt(w, 'app', 0);
    const k = pteAt(w, 'kid', 0);
    if (p?.kind !== 'present' || k?.kind !== 'present') throw new Error('not mapped');
    expect(p.pfn).toBe(k.pfn);
    expect([p.rw, k.rw]).toEqual([false, false]);
    expect((w.mem.pageFlags[p.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE).toBe(0);
  });

  it('gives the writer a new exclusive PFN and leaves the other side on the old page', () => {
    const w = runEngine(forkTasks([{ op: 'write', addr: 'buf[0]', value: 'B' }])).state.world;
    const p = pteAt(w, 'app', 0);
    const k = pteAt(w, 'kid', 0);
    if (p?.kind !== 'present' || k?.kind !== 'present') throw new Error('not mapped');
    expect(p.pfn).not.toBe(k.pfn);
    expect(p.rw).toBe(true);
    expect((w.mem.pageFlags[p.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE).toBe(PAGE_ANON_EXCLUSIVE);
    expect([w.mem.content[p.pfn], w.mem.content[k.pfn]]).toEqual(['B', 'A']);
    expect(folioOf(w.mem, k.pfn)?.refcount).toBe(1);
  });

  it('reuses the page without copying when the other side has exited (refcount back to 1)', () => {
    const r = run(forkTasks([{ op: 'write', addr: 'buf[0]', value: 'B', after: 'kid#0' }], [{ op: 'exit' }]));
    expect(r.counters['pages.copied']).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('allocates on the first write after mprotect makes a zero-page mapping writable', () => {
    const s = scenario([{ name: 'm', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages: 1, prot: 'r' }, { op: 'read', addr: 'buf[0]' }, { op: 'mprotect', addr: 'buf[0]', pages: 1, prot: 'rw' },
      { op: 'write', addr: 'buf[0]', value: 'Z' }, { op: 'read', addr: 'buf[0]' }] }]);
    const r = run(s);
    expect(result(r, 'm', 1).ret).toBe('0');
    expect(result(r, 'm', 4).ret).toBe('Z');
    expect(r.counters['pages.copied']).toBe(0);
  });

  it('maps the shared zero page for a read: no page allocated, kpagecount 0 (no folio)', () => {
    const w = runEngine(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'read', addr: 'buf[0]' }] }])).state.world;
    const p = pteAt(w, 'app', 0);
    expect(p?.kind === 'present' && p.special && p.pfn).toBe(0);
    expect(w.counters.values['pages.allocated']).toBe(0);
  });

  it('flushes every CPU of the parent mm after dup_mmap, lazy ones too (flush_tlb_mm has freed_tables = true)', () => {
    const s = scenario([
      { name: 'parent', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }, { op: 'fork', child: 'kid', after: 'peer#1' }] },
      { name: 'peer', process: 'app', cpu: 1, ops: [{ op: 'read', addr: 'buf[0]', after: 'parent#1' }, { op: 'sleep' }] },
      { name: 'kid', process: 'kid', cpu: 2, forkedBy: 'parent', ops: [] },
    ], { machine: { cpus: 3 } });
    const r = run(s);
    expect(r.counters['tlb.shootdowns.byCpu']).toEqual([0, 1, 0]);
  });
});

describe('wp_page_copy racing another task on the same PTE', () => {
  // The narration of every step of a run, in order.
  const saysOf = (s: ReturnType<typeof scenario>): string[] => {
    const e = createEngine(parseScenario(s));
    const says: string[] = [];
    for (let r = e.step(true); r; r = e.step(true)) says.push(r.say);
    return says;
  };
  // m reads (or writes) buf[0], then writes it again: a COW fault. q (same mm) acts on buf as m's fault runs.
  const race = (first: object, qOps: object[], pages = 1, fork = false) => scenario([
    { name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages, prot: 'rw' }, first, ...(fork ? [{ op: 'fork', child: 'kid' }] : []), { op: 'write', addr: 'buf[0]', value: 'B' }, { op: 'read', addr: 'buf[0]' }] as never },
    fork ? { name: 'kid', process: 'kid', cpu: 1, forkedBy: 'm', ops: [...qOps, { op: 'read', addr: 'buf[0]' }] as never } : { name: 'q', process: 'app', cpu: 1, ops: qOps as never },
  ]);

  it('drops the copy and retries when reclaim swapped the page out before the PTE lock was retaken (!pte_same), so no mapcount goes negative', () => {
    const s = race({ op: 'write', addr: 'buf[0]', value: 'A' }, [{ op: 'reclaim', addr: 'buf[0]', pages: 1 }], 1, true);
    expect(saysOf(s).some((x) => x.includes('!pte_same'))).toBe(true);
    const r = run(s);
    expect(r.violations).toEqual([]);
    expect(result(r, 'kid', 0).ret).toBe(0); // __remove_mapping finds do_wp_page's folio_get: the folio stays in the swap cache
    expect(result(r, 'm', 4).ret).toBe('B');
    expect(result(r, 'kid', 1).ret).toBe('A');
  });

  it('drops the copy and retries when MADV_DONTNEED freed the PTE table (PT_RECLAIM) before ptep_clear_flush', () => {
    const s = race({ op: 'read', addr: 'buf[0]' }, [{ op: 'madvise', addr: 'buf', pages: 512, advice: 'dontneed', after: 'm#1' }], 512);
    expect(saysOf(s).some((x) => x.includes('!pte_same'))).toBe(true);
    const r = run(s);
    expect(r.violations).toEqual([]);
    expect(result(r, 'm', 3).ret).toBe('B');
  });

  it('keeps the PTE table the fault has locked from ptep_clear_flush to set_pte_at: PT_RECLAIM finds it in use', () => {
    const s = race({ op: 'read', addr: 'buf[0]' }, [{ op: 'read', addr: 'buf[1..2]', after: 'm#1' }, { op: 'madvise', addr: 'buf', pages: 512, advice: 'dontneed' }], 512);
    const says = saysOf(s);
    expect(says.findIndex((x) => x.includes('PT_RECLAIM'))).toBe(-1);
    const r = run(s);
    expect(r.violations).toEqual([]);
    expect(result(r, 'm', 3).ret).toBe('B');
  });
});
