import { describe, expect, it } from 'vitest';
import type { ParamInfo } from '../worker/protocol';
import { type IntParam, intProblem, linkParams } from './params-link';

const readers: IntParam = { kind: 'int', name: 'readers', doc: 'Readers', min: 1, max: 7, default: 2, value: 3 };
const then: ParamInfo = { kind: 'choice', name: 'then', doc: 'Then', values: ['sleep', 'exit'], default: 'sleep', value: 'sleep' };

describe('the parameters a panel change writes into the link', () => {
  it('keep the other non-default values and set the changed one, in declaration order', () => {
    expect([...linkParams([readers, then], 'then', 'exit')]).toEqual([['readers', '3'], ['then', 'exit']]);
  });

  it('leave out values equal to their default, so equal runs get equal links', () => {
    expect([...linkParams([readers, then], 'readers', 2)]).toEqual([]);
  });
});

describe('checking a typed integer', () => {
  it('accepts whole numbers in range and names the range otherwise', () => {
    expect(intProblem(readers, ' 7 ')).toBeNull();
    for (const bad of ['0', '8', '2.5', '', 'two']) expect(intProblem(readers, bad)).toBe('Enter a whole number from 1 to 7.');
  });
});
