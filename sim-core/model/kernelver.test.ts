// The `kernel` field: only versions Linux actually released, from 2.6.0 to 6.18, are accepted.
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../scenarios/errors';
import { parseScenario } from '../scenarios/parse';
import { scenario } from '../scenarios/testing';
import { atLeast, kernelProblem, parseKernel } from './kernelver';

const problems = (kernel: string): string[] => {
  try {
    parseScenario(scenario([{ name: 'm', process: 'app', cpu: 0, ops: [] }], { kernel }));
    return [];
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
};

describe('kernel versions', () => {
  it('accepts every released major.minor from 3.0 to 6.18, and 2.6.0 to 2.6.39', () => {
    for (const v of ['3.0', '3.19', '4.0', '4.20', '5.0', '5.19', '6.0', '6.18', '2.6.0', '2.6.24', '2.6.39']) expect(parseKernel(v), v).not.toBeNull();
  });

  it('accepts a stable patch level and orders by major.minor only', () => {
    const k = parseKernel('6.18.44');
    expect(k).toMatchObject({ major: 6, minor: 18, text: '6.18.44' });
    expect(k && atLeast(k, 6, 18)).toBe(true);
    expect(parseKernel('2.6.32.27')).not.toBeNull();
  });

  it('orders 2.6.x below 3.0 and by its third number', () => {
    const a = parseKernel('2.6.24');
    const b = parseKernel('2.6.32');
    expect(a && b && atLeast(b, a.major, a.minor) && !atLeast(a, b.major, b.minor)).toBe(true);
    expect(a && atLeast(a, 3, 0)).toBe(false);
  });

  it('rejects minors a series never had: 3.20, 3.99, 4.21, 5.20, 2.6.40', () => {
    for (const v of ['3.20', '3.99', '4.21', '5.20', '2.6.40']) expect(parseKernel(v), v).toBeNull();
    expect(kernelProblem('3.99')).toBe("'3.99' is not a Linux release: 3.x ran from 3.0 to 3.19");
    expect(kernelProblem('2.6.40')).toBe("'2.6.40' is not a Linux release: 2.6.x ran from 2.6.0 to 2.6.39");
  });

  it('rejects kernels older than 2.6 and newer than 6.18', () => {
    for (const v of ['2.4', '2.5', '1.0', '0.99', '6.19', '7.4']) expect(parseKernel(v), v).toBeNull();
    expect(kernelProblem('2.4')).toBe("'2.4' is older than the kernels mmscope models (2.6.0 to 6.18)");
    expect(kernelProblem('6.19')).toBe("'6.19' is newer than the kernels mmscope models (2.6.0 to 6.18)");
  });

  it('rejects text that is not a version, and 2.6 without its third number', () => {
    for (const v of ['', 'six', '6', '6.18-rc1', '06.18', '6.018', '2.6', '6.18.1.2']) expect(parseKernel(v), v).toBeNull();
    expect(kernelProblem('2.6')).toBe("'2.6' needs its third number: 2.6.0 to 2.6.39");
  });

  it('reports a bad kernel field with its path when a scenario is validated', () => {
    expect(problems('3.99')).toEqual(["kernel: '3.99' is not a Linux release: 3.x ran from 3.0 to 3.19"]);
    expect(problems('2.4')).toEqual(["kernel: '2.4' is older than the kernels mmscope models (2.6.0 to 6.18)"]);
    expect(problems('6.18')).toEqual([]);
  });
});
