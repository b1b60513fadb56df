import { describe, expect, it } from 'vitest';
import { Recording } from '../../sim-core/engine/recording';
import { builtins } from '../../sim-core/scenarios/library';
import { folioViews } from './folio-views';

const rec = (id: string): Recording => {
  const program = builtins().get(id);
  if (!program) throw new Error(`no scenario ${id}`);
  return Recording.record(program);
};

describe('folio views between frames', () => {
  it('keep the view object of a folio that reads the same, and give a changed folio a new view', () => {
    const r = rec('fork-cow');
    const n = r.length;
    // Find two consecutive states where some folio changed and some did not.
    for (let s = 1; s < n; s++) {
      const a = folioViews(r.stateAt(s).world, 1000);
      const b = folioViews(r.stateAt(s + 1).world, 1000);
      const changed = b.filter((v) => { const o = a.find((x) => x.pfn === v.pfn); return o && o.refcount !== v.refcount; });
      if (changed.length === 0 || a.length < 2) continue;
      for (const v of b) {
        const o = a.find((x) => x.pfn === v.pfn);
        if (!o) continue;
        if (JSON.stringify(o) === JSON.stringify(v)) expect(v).toBe(o);
        else expect(v).not.toBe(o);
      }
      expect(changed.every((v) => !a.includes(v))).toBe(true);
      return;
    }
    throw new Error('fork-cow never changed a refcount between two steps');
  });

  it('list folios by pfn and always read the world they are given, whatever was built before', () => {
    const r = rec('swap-after-fork');
    const w = r.stateAt(40).world;
    const first = JSON.stringify(folioViews(w, 1000));
    folioViews(r.stateAt(r.length).world, 1000); // another state in between
    const again = folioViews(w, 1000);
    expect(JSON.stringify(again)).toBe(first);
    const live = [...w.mem.folios.values()].sort((a, b) => a.pfn - b.pfn);
    expect(again.map((v) => [v.pfn, v.refcount, v.mapcount, v.index])).toEqual(live.map((f) => [f.pfn, f.refcount, f.mapcount, f.index]));
  });
});
