import { describe, expect, it } from 'vitest';
import type { Frame } from '../sim/frame';
import { planWarmUp, WARM_FRAMES } from './warm-up';

const at = (step: number) => ({ step }) as Frame;

describe('planWarmUp', () => {
  it('fetches the next frames after the one on screen, then that frame again to put the worker back', () => {
    const plan = planWarmUp(at(10), 1000);
    expect(plan?.first).toBe(11);
    expect(plan?.todo).toEqual([...Array.from({ length: WARM_FRAMES - 1 }, (_, i) => 12 + i), 10]);
  });

  it('stops at the end of the run, and has nothing to do at its last frame', () => {
    expect(planWarmUp(at(8), 10)).toEqual({ first: 9, todo: [10, 8] });
    expect(planWarmUp(at(10), 10)).toBeNull();
  });
});
