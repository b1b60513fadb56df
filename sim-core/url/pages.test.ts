import { describe, expect, it } from 'vitest';
import { compareRoute, formatCompare, sideKey } from './compare-route';
import { formatPage, type Page, parsePage } from './pages';
import { formatPlot, plotRoute } from './plot-route';

const parsed = (hash: string): Page => {
  const r = parsePage(hash);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const error = (hash: string) => {
  const r = parsePage(hash);
  if (r.ok) throw new Error(`${hash} parsed`);
  return r.error;
};

describe('compare links', () => {
  it('read a built-in comparison with its step and both runs’ parameters', () => {
    expect(parsed('#/cmp/uffd-remap-vs-copy?step=12&a=vcpus:2,resolve:copy&b=vcpus:2,resolve:move')).toEqual({
      kind: 'compare', scenario: { kind: 'builtin', id: 'uffd-remap-vs-copy' }, step: 12,
      a: new Map([['vcpus', '2'], ['resolve', 'copy']]), b: new Map([['vcpus', '2'], ['resolve', 'move']]),
    });
  });
  it('read a custom comparison after #/cmp/c/ and keep its data as is', () => {
    expect(parsed('#/cmp/c/q1Yq-_0?b=readers:5')).toMatchObject({ scenario: { kind: 'custom', data: 'q1Yq-_0' }, step: null, a: new Map() });
  });
  it('format and parse back to the same comparison', () => {
    const r = compareRoute({ kind: 'custom', data: 'abc_-' }, new Map([['n', '1']]), new Map([['n', '3'], ['then', 'exit']]), 40);
    expect(formatCompare(r)).toBe('#/cmp/c/abc_-?step=40&a=n:1&b=n:3,then:exit');
    expect(parsed(formatPage(r))).toEqual(r);
  });
  it('leave out a run’s parameters when it takes every default, and always name the step', () => {
    expect(formatCompare(compareRoute({ kind: 'builtin', id: 'x' }, new Map(), new Map([['n', '2']])))).toBe('#/cmp/x?step=0&b=n:2');
  });
  it('give each side a key that changes only with its own run', () => {
    const r = parsed('#/cmp/x?step=3&a=n:1&b=n:2');
    if (r.kind !== 'compare') throw new Error('not a comparison');
    const moved = parsed('#/cmp/x?step=9&a=n:1&b=n:4');
    if (moved.kind !== 'compare') throw new Error('not a comparison');
    expect(sideKey(moved, 'a')).toBe(sideKey(r, 'a'));
    expect(sideKey(moved, 'b')).not.toBe(sideKey(r, 'b'));
  });
  it('refuse a comparison that names no scenario', () => {
    expect(error('#/cmp').message).toContain('names no scenario after "#/cmp/"');
    expect(error('#/cmp/').code).toBe('bad-id');
    expect(error('#/cmp/c/').code).toBe('empty-data');
  });
  it('refuse a malformed scenario id', () => {
    expect(error('#/cmp/Fork_COW').message).toContain("'Fork_COW' is not a scenario id");
  });
  it('name the run whose parameters are malformed', () => {
    expect(error('#/cmp/x?a=vcpus').message).toMatch(/^a: 'vcpus' is not NAME:VALUE/);
    expect(error('#/cmp/x?b=n:1,n:2').message).toBe("b: parameter 'n' is given twice.");
  });
  it('refuse fields a compare link does not have, such as p or c', () => {
    expect(error('#/cmp/x?p=n:1').message).toContain("'p' is not part of a compare link");
    expect(error('#/cmp/x?a=n:1&a=n:2').message).toContain('a is given twice');
  });
  it('refuse a step that is not a whole number', () => {
    expect(error('#/cmp/x?step=-3').code).toBe('bad-step');
  });
});

describe('plot links', () => {
  it('read every field of a plot link', () => {
    expect(parsed('#/plot/uffd-remap-vs-copy?x=vcpus&from=1&to=16&by=3&series=resolve&p=kernel:6.8&m=time.us,tlb.shootdowns')).toEqual({
      kind: 'plot', scenario: { kind: 'builtin', id: 'uffd-remap-vs-copy' }, x: 'vcpus', from: 1, to: 16, by: 3, series: 'resolve',
      params: new Map([['kernel', '6.8']]), metrics: ['time.us', 'tlb.shootdowns'],
    });
  });
  it('leave unset fields to the page: no x, no range, one series, default metrics', () => {
    expect(parsed('#/plot/first-touch')).toEqual(plotRoute({ kind: 'builtin', id: 'first-touch' }));
  });
  it('format and parse back to the same plot, leaving out by=1 and unset fields', () => {
    const r = plotRoute({ kind: 'custom', data: 'q1Y' }, { x: 'readers', from: 1, to: 7, series: 'then', params: new Map([['pages', '8']]) });
    expect(formatPlot(r)).toBe('#/plot/c/q1Y?x=readers&from=1&to=7&series=then&p=pages:8');
    expect(parsed(formatPage(r))).toEqual(r);
    expect(formatPlot(plotRoute({ kind: 'builtin', id: 'x' }))).toBe('#/plot/x');
  });
  it('accept negative bounds', () => {
    expect(parsed('#/plot/x?x=n&from=-4&to=-1')).toMatchObject({ from: -4, to: -1 });
  });
  it('refuse bounds that are not whole numbers, naming the field', () => {
    expect(error('#/plot/x?x=n&from=one').message).toBe("from: 'one' is not a whole number.");
    expect(error('#/plot/x?x=n&to=1.5').message).toBe("to: '1.5' is not a whole number.");
    expect(error('#/plot/x?x=n&to=99999999999').message).toContain('between');
  });
  it('refuse a range that runs backwards or an increment below 1', () => {
    expect(error('#/plot/x?x=n&from=16&to=1').message).toContain('from 16 is above to 1');
    expect(error('#/plot/x?x=n&by=0').message).toContain('by: 0 is not an increment');
  });
  it('refuse a series that is the swept parameter, and fixed values for either', () => {
    expect(error('#/plot/x?x=n&series=n').message).toContain("series: 'n' is also the swept parameter");
    expect(error('#/plot/x?x=n&p=n:3').message).toContain("p: sets 'n', which is the swept parameter (x)");
    expect(error('#/plot/x?x=n&series=mode&p=mode:a').message).toContain('which is the series parameter');
  });
  it('refuse malformed parameter names and metric ids', () => {
    expect(error('#/plot/x?x=1abc').message).toBe("x: '1abc' is not a parameter name.");
    expect(error('#/plot/x?m=time.us,Time!').message).toContain("m: 'Time!' is not a metric id");
    expect(error('#/plot/x?m=vmas,vmas').message).toContain("metric 'vmas' is given twice");
  });
  it('refuse fields a plot link does not have', () => {
    expect(error('#/plot/x?step=3').message).toContain("'step' is not part of a plot link");
  });
});

describe('other pages', () => {
  it('still read the gallery and run links', () => {
    expect(parsed('#/')).toEqual({ kind: 'gallery' });
    expect(parsed('#/s/fork-cow?step=2')).toMatchObject({ kind: 'builtin', id: 'fork-cow', step: 2 });
  });
  it('name every kind of page when a link names none of them', () => {
    const m = error('#/compare/x').message;
    for (const p of ['#/s/', '#/c/', '#/cmp/', '#/plot/']) expect(m).toContain(p);
  });
});
