import { describe, expect, it } from 'vitest';
import { formatPlot, plotRoute } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';
import { type Draft, fixedParams, routeOfDraft, withX } from './form';

const PARAMS: ParamInfo[] = [
  { kind: 'int', name: 'vcpus', doc: 'vCPUs', min: 1, max: 31, default: 4, value: 4 },
  { kind: 'choice', name: 'resolve', doc: 'how', values: ['copy', 'move'], default: 'move', value: 'move' },
  { kind: 'choice', name: 'kernel', doc: 'era', values: ['4.11', '6.8', '6.18'], default: '6.18', value: '6.18' },
  { kind: 'int', name: 'bulk', doc: 'pages', min: 1, max: 512, default: 16, value: 16 },
];
const BASE = plotRoute({ kind: 'builtin', id: 'uffd-remap-vs-copy' }, { metrics: ['vmas'] });
const DRAFT: Draft = { x: 'vcpus', from: '1', to: '8', by: '1', series: 'resolve', fixed: { vcpus: '4', resolve: 'move', kernel: '6.18', bulk: '16' } };
const link = (d: Partial<Draft>) => {
  const r = routeOfDraft({ ...DRAFT, ...d }, PARAMS, BASE);
  return typeof r === 'string' ? r : formatPlot(r);
};

describe('the plot form', () => {
  it('writes only the fixed values that differ from their defaults, and keeps the metrics', () => {
    expect(link({})).toBe('#/plot/uffd-remap-vs-copy?x=vcpus&from=1&to=8&series=resolve&m=vmas');
    expect(link({ fixed: { ...DRAFT.fixed, kernel: '6.8', bulk: ' 64 ' } })).toBe('#/plot/uffd-remap-vs-copy?x=vcpus&from=1&to=8&series=resolve&p=kernel:6.8,bulk:64&m=vmas');
  });

  it('holds every parameter but x and the series fixed', () => {
    expect(fixedParams(PARAMS, DRAFT).map((p) => p.name)).toEqual(['kernel', 'bulk']);
    expect(fixedParams(PARAMS, { x: 'bulk', series: '' }).map((p) => p.name)).toEqual(['vcpus', 'resolve', 'kernel']);
  });

  it('says what is wrong with a typed range', () => {
    expect(link({ from: 'one' })).toBe('From: enter a whole number.');
    expect(link({ by: '0' })).toBe('By: enter 1 or more.');
    expect(link({ from: '9', to: '2' })).toBe('From (9) is above To (2).');
  });

  it('says what is wrong with a typed fixed value', () => {
    expect(link({ fixed: { ...DRAFT.fixed, bulk: '999' } })).toBe('bulk: Enter a whole number from 1 to 512.');
  });

  it('resets the range to the new parameter’s first values when x changes', () => {
    expect(withX(DRAFT, PARAMS, 'bulk')).toMatchObject({ x: 'bulk', from: '1', to: '16', by: '1', series: 'resolve' });
    expect(withX(DRAFT, PARAMS, 'kernel')).toBe(DRAFT);
  });
});
