import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { stepLabel, walkEntries, walksOf } from './walk';

describe('walksOf', () => {
  it('lights the PGD, then the PUD, as the COW fault walks down, marking the level read next', () => {
    const afterPgd = walksOf(frameWhere('fork-cow', { kind: 'fault', from: 'walk_pgd' }, 1))[0];
    expect(afterPgd?.steps.map(stepLabel)).toEqual(['PGD[253]', 'PUD[511]', 'PMD[511]', 'PTE[511]']);
    expect(afterPgd?.steps.map((s) => s.reached)).toEqual([true, false, false, false]);
    expect(afterPgd?.steps.map((s) => s.next)).toEqual([false, true, false, false]);
    const afterPud = walksOf(frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1))[0];
    expect(afterPud?.steps.map((s) => s.reached)).toEqual([true, true, false, false]);
    const atLeaf = walksOf(frameWhere('fork-cow', { kind: 'fault', from: 'handle_pte_fault' }, 1))[0];
    expect(atLeaf?.steps.every((s) => s.reached && !s.next)).toBe(true);
  });

  it('shows a level with no table yet while the first fault has not allocated it', () => {
    const w = walksOf(frameWhere('fork-cow', { kind: 'fault', from: 'walk_pgd' }))[0];
    expect(w?.steps.map((s) => s.table === null)).toEqual([false, true, true, true]);
  });

  it('maps each reached table to the entry the walk reads', () => {
    const m = walkEntries(walksOf(frameWhere('fork-cow', { kind: 'fault', from: 'handle_pte_fault' }, 1)));
    expect([...m.entries()]).toEqual([[1, 253], [2, 511], [3, 511], [4, 511]]);
  });

  it('has no walk when no fault runs', () => {
    expect(walksOf(frameWhere('fork-cow', { kind: 'task', cpu: 0, to: 'user' }))).toEqual([]);
  });
});
