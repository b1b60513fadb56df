import { describe, expect, it } from 'vitest';
import { cursorEnd, endedNote, playerHash, sideStep } from './cursor';

describe('the compare cursor', () => {
  it('shows each run the cursor clamped to its own length', () => {
    expect(sideStep(30, 50)).toBe(30);
    expect(sideStep(80, 50)).toBe(50);
    expect(sideStep(-2, 50)).toBe(0);
  });

  it('ends where the longer run ends, ignoring runs not loaded yet', () => {
    expect(cursorEnd([40, 95])).toBe(95);
    expect(cursorEnd([null, 12])).toBe(12);
    expect(cursorEnd([null, null])).toBe(0);
  });

  it('says a run has ended only once the cursor is past its last step', () => {
    expect(endedNote('b', 40, 40)).toBeNull();
    expect(endedNote('b', 41, 40)).toBe('Run B ended at step 40');
    expect(endedNote('a', 2_000, 1_234)).toBe('Run A ended at step 1,234');
    expect(endedNote('a', 5, null)).toBeNull();
  });

  it('links each side to the player at its own step with its parameters', () => {
    expect(playerHash({ kind: 'builtin', id: 'x' }, new Map([['n', '3']]), 7)).toBe('#/s/x?step=7&p=n:3');
    expect(playerHash({ kind: 'custom', data: 'abc' }, new Map(), 0)).toBe('#/c/abc?step=0');
  });
});
