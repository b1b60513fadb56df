// Warming the views up while a person reads the first frame. Until they have drawn a step's record,
// a walk, a shootdown, the code of the views has not run (nor been compiled, nor optimised): the
// first steps a person takes cost about twice a later one (.prof/warmexp.ts on four scenarios, the
// first five steps after opening: 17–18 ms against 10 once warm). When the page goes idle after a
// run opens, the controller fetches the next few frames; each is rendered once and the frame on
// screen rendered again in the same task (flushSync), so none of them is ever painted. Then the
// worker is put back at the frame on screen, so the person's first step forward costs it one step.
// Any request of the person's ends the warm-up at once.
import { flushSync } from 'react-dom';
import type { Frame } from '../sim/frame';
import { useSimStore } from '../store/sim-store';
import { unseenRender } from '../store/unseen';

/** Frames ahead rendered unseen (.prof/warmexp.ts: with six, the first five steps after a pause cost 10–13 ms, not 17–18). */
export const WARM_FRAMES = 6;

/** Where a warm-up stands: the frame on screen and the steps still to fetch. */
export interface Warming {
  readonly base: Frame;
  readonly todo: readonly number[];
}

/** The warm-up for `base` (null when there is nothing after it to render). */
export function planWarmUp(base: Frame, total: number): { readonly first: number; readonly todo: readonly number[] } | null {
  const steps = Array.from({ length: WARM_FRAMES }, (_, i) => base.step + 1 + i).filter((s) => s <= total);
  const [first, ...todo] = steps;
  return first === undefined ? null : { first, todo: [...todo, base.step] }; // last, back to the frame on screen
}

/** Renders `f` and then `base` again within this task: the views run their code, nothing is painted. */
export function renderUnseen(f: Frame, base: Frame): void {
  const { setFrame } = useSimStore.getState();
  unseenRender(() => { flushSync(() => { setFrame(f); }); });
  flushSync(() => { setFrame(base); });
}

/** Runs `fn` when the page is idle (soon, where requestIdleCallback is missing). */
export function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 200);
}
