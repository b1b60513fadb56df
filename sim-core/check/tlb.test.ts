// The TLB invariant notices an entry that outlived its PTE past the flush.
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../engine/apply';
import { Plan } from '../kernel/plan';
import { findPte } from '../model/pagetable';
import { runEngine, scenario } from '../scenarios/testing';
import { staleAfterFlush } from './tlb';

describe('staleAfterFlush', () => {
  it('finds nothing after a correct run and reports an entry whose PTE was cleared behind its back', () => {
    const e = runEngine(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0..1]' }] }]));
    const w = e.state.world;
    const mm = [...w.mms.values()][0];
    const addr = w.regions.get('buf')?.addr;
    if (!mm || addr == null) throw new Error('no mm');
    expect(staleAfterFlush(w, mm, 0, Infinity)).toEqual([]);
    const slot = findPte(w.tables, mm.pgd, addr);
    if (!slot) throw new Error('no pte');
    applyPlan(w, new Plan().add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'none' } }).ops);
    expect(staleAfterFlush(w, mm, addr, addr + 4096)[0]).toMatch(/CPU0 still caches 0x7effffffe000 → pfn \d+, which its PTE no longer says/);
  });
});
