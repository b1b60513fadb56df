import { describe, expect, it } from 'vitest';
import { metric } from '../../sim-core/scenarios/metrics';
import { plotRoute } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';
import { planSweep } from './plan';
import { refsOf, seriesOf } from './series';

// The parameters of the built-in postcopy-userfaultfd, which LAB.md has measurements for.
const PARAMS: ParamInfo[] = [
  { kind: 'int', name: 'vcpus', doc: 'vCPUs', min: 1, max: 31, default: 4, value: 4 },
  { kind: 'int', name: 'pages', doc: 'pages', min: 1, max: 512, default: 2, value: 2 },
  { kind: 'choice', name: 'resolve', doc: 'ioctl', values: ['copy', 'zeropage'], default: 'copy', value: 'copy' },
];
const VALUES = { vcpus: 4, pages: 2, resolve: 'copy', handler_cpu: 0 };

function planOf(from: number, to: number, params = PARAMS, x = 'vcpus', series: string | null = 'resolve') {
  const r = planSweep(plotRoute({ kind: 'builtin', id: 'postcopy-userfaultfd' }, { x, from, to, series }), params);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}
const shootdowns = metric('tlb.shootdowns');
const perFault = metric('us.per.userfault');
if (!shootdowns || !perFault) throw new Error('metrics missing');

describe('plot series', () => {
  it('puts each finished run on its series’ line, leaving out runs not finished yet', () => {
    const plan = planOf(1, 3);
    // Runs alternate copy, zeropage for each vcpus value; run 3 (vcpus 2, zeropage) has not finished.
    const results = [0, 1, 2, undefined, 4, 5].map((n) => (n === undefined ? null : { 'tlb.shootdowns': n * 10 }));
    const s = seriesOf(plan, results, shootdowns);
    expect(s.map((x) => x.label)).toEqual(['resolve = copy', 'resolve = zeropage']);
    expect(s[0]?.points).toEqual([{ x: 1, y: 0 }, { x: 2, y: 20 }, { x: 3, y: 40 }]);
    expect(s[1]?.points).toEqual([{ x: 1, y: 10 }, { x: 3, y: 50 }]);
  });

  it('finds the LAB.md points of each series at their swept value', () => {
    const refs = refsOf('postcopy-userfaultfd', planOf(1, 8), VALUES, perFault);
    expect(refs.map((r) => [r.x, r.y, r.series])).toEqual([[1, 13.7, 0], [1, 15.4, 1]]);
    expect(refs[0]?.source).toContain('LAB.md');
  });

  it('shows the same-CPU round trip of LAB.md when the handler shares vCPU 0\'s CPU', () => {
    const refs = refsOf('postcopy-userfaultfd', planOf(1, 8), { ...VALUES, handler_cpu: 1 }, perFault);
    expect(refs.map((r) => [r.x, r.y])).toEqual([[1, 8.5]]);
    expect(refs[0]?.source).toContain('same CPU');
  });

  it('draws a LAB point that does not depend on the swept parameter across the whole range', () => {
    const params: ParamInfo[] = [
      { kind: 'choice', name: 'method', doc: 'how', values: ['fork', 'uffd-wp'], default: 'uffd-wp', value: 'uffd-wp' },
      { kind: 'int', name: 'writes', doc: 'writes', min: 1, max: 64, default: 8, value: 8 },
    ];
    const refs = refsOf('live-snapshot', planOf(1, 8, params, 'writes', null), { method: 'uffd-wp', writes: 8 }, perFault);
    expect(refs).toMatchObject([{ x: null, y: 16, low: 14, high: 18, series: null }]);
  });

  it('leaves out LAB points outside the swept range, of another metric or of a custom scenario', () => {
    expect(refsOf('postcopy-userfaultfd', planOf(2, 8), VALUES, perFault)).toEqual([]);
    expect(refsOf('postcopy-userfaultfd', planOf(1, 8), VALUES, shootdowns)).toEqual([]);
    expect(refsOf(null, planOf(1, 8), VALUES, perFault)).toEqual([]);
  });
});
