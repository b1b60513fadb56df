// The applier reports broken invariants at the op that breaks them.
import { describe, expect, it } from 'vitest';
import { Plan } from '../kernel/plan';
import type { Pfn } from '../model/ids';
import { runEngine, scenario } from '../scenarios/testing';
import { applyPlan } from './apply';

function written() {
  const e = runEngine(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }] }]));
  const w = e.state.world;
  const f = [...w.mem.folios.values()][0];
  if (!f) throw new Error('no folio');
  return { w, pfn: f.pfn };
}

describe('invariants checked while applying plans', () => {
  it('reports a page freed while a PTE and a TLB entry still map it', () => {
    const { w, pfn } = written();
    const v = applyPlan(w, new Plan().add({ op: 'folio_mapcount', pfn, delta: -1 }).add({ op: 'folio_ref', pfn, delta: -1 }).ops).violations;
    expect(v.some((m) => /freed while 1 PTE/.test(m))).toBe(true);
    expect(v.some((m) => /TLB still maps it/.test(m))).toBe(true);
  });

  it('reports a write that lands in a free frame as lost data', () => {
    const { w } = written();
    const v = applyPlan(w, new Plan().add({ op: 'write_content', pfn: 4000 as Pfn, tag: 'X' }).ops).violations;
    expect(v).toEqual(['a write landed in pfn 4000, which is free: the data is lost']);
  });

  it('reports a refcount below mapcount plus pins', () => {
    const { w, pfn } = written();
    const v = applyPlan(w, new Plan().add({ op: 'folio_pincount', pfn, delta: 1 }).ops).violations;
    expect(v[0]).toMatch(/refcount 1 < mapcount 1 \+ pins 1024/);
  });

  it('reports overlapping VMAs', () => {
    const { w } = written();
    const mm = [...w.mms.values()][0];
    const v0 = mm?.vmas[0];
    if (!mm || !v0) throw new Error('no vma');
    const v = applyPlan(w, new Plan().add({ op: 'vma_replace', mm: mm.id, remove: [], insert: [{ ...v0, id: 99 as never }] }).ops).violations;
    expect(v[0]).toMatch(/^VMAs overlap/);
  });
});
