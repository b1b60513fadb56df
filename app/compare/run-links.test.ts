import { describe, expect, it } from 'vitest';
import { formatCompare, formatPlot } from '../../sim-core/url';
import type { ParamInfo } from '../worker/protocol';
import { compareFrom, otherValue, plotFrom } from './run-links';

const REF = { kind: 'builtin', id: 'uffd-remap-vs-copy' } as const;
const PARAMS: ParamInfo[] = [
  { kind: 'int', name: 'vcpus', doc: 'vCPUs', min: 1, max: 31, default: 4, value: 8 },
  { kind: 'choice', name: 'resolve', doc: 'how', values: ['copy', 'move'], default: 'move', value: 'move' },
  { kind: 'choice', name: 'kernel', doc: 'era', values: ['4.11', '6.8', '6.18'], default: '6.18', value: '6.8' },
];

describe('links from the player', () => {
  it('compare the run on screen with the first choice parameter changed, at the same step', () => {
    const r = compareFrom(REF, PARAMS, 42);
    expect(r && formatCompare(r)).toBe('#/cmp/uffd-remap-vs-copy?step=42&a=vcpus:8,kernel:6.8&b=vcpus:8,resolve:copy,kernel:6.8');
  });

  it('change an integer parameter when there is no choice, stepping down at its maximum', () => {
    const int = PARAMS[0] as ParamInfo;
    const r = compareFrom(REF, [int], 0);
    expect(r && formatCompare(r)).toBe('#/cmp/uffd-remap-vs-copy?step=0&a=vcpus:8&b=vcpus:9');
    expect(otherValue({ ...int, value: 31 })).toBe('30');
    expect(otherValue({ ...(PARAMS[2] as ParamInfo), value: '6.18' })).toBe('4.11');
  });

  it('offer no comparison for a scenario without parameters', () => {
    expect(compareFrom(REF, [], 3)).toBeNull();
  });

  it('plot the first integer parameter from its minimum, the first choice as the series, the rest fixed', () => {
    const r = plotFrom(REF, PARAMS);
    expect(r && formatPlot(r)).toBe('#/plot/uffd-remap-vs-copy?x=vcpus&from=1&to=16&series=resolve&p=kernel:6.8');
  });

  it('offer no plot without an integer parameter', () => {
    expect(plotFrom(REF, PARAMS.slice(1))).toBeNull();
  });
});
