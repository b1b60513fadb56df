// Hooks the views share: what the selection and the hover light in the current frame, and the
// frame shown before this one (for "what changed" highlighting).
import { useState } from 'react';
import type { Frame } from '../../sim/frame';
import { shareEqual } from '../../store/share';
import { isUnseenRender } from '../../store/unseen';
import { type SimStore, useSimStore } from '../../store/sim-store';
import { type Lit, resolveLit } from './highlight';

/** What the selection (`sel`) and the hovered object (`hov`) light. */
export interface LitPair { readonly sel: Lit | null; readonly hov: Lit | null }

/**
 * A store selector of what `derive` makes of the frame and what the selection and hover light,
 * computed once per (frame, selection, hover) and kept while it reads the same (shareEqual): a step
 * that changes nothing a view draws does not re-render it. Create it once, at module level.
 */
export function litSelector<T>(derive: (f: Frame, lit: LitPair) => T): (s: SimStore) => T | null {
  let last: { frame: Frame | null; selection: string | null; hover: string | null; value: T | null } | null = null;
  return (s) => {
    if (last && last.frame === s.frame && last.selection === s.selection && last.hover === s.hover) return last.value;
    const f = s.frame;
    const value = f ? derive(f, { sel: resolveLit(f, s.selection), hov: s.hover !== s.selection ? resolveLit(f, s.hover) : null }) : null;
    last = { frame: f, selection: s.selection, hover: s.hover, value: shareEqual(last?.value ?? null, value) };
    return last.value;
  };
}

const NONE: LitPair = { sel: null, hov: null };
const selectLit = litSelector((_f, lit) => lit);

/** What the selection (`sel`) and the hovered object (`hov`) light in the current frame (kept while unchanged). */
export function useLit(): LitPair {
  return useSimStore(selectLit) ?? NONE;
}

/** The value this component rendered before the current one (null on the first render). */
export function usePrevious<T>(value: T): T | null {
  const [state, setState] = useState<{ cur: T; prev: T | null }>({ cur: value, prev: null });
  // A frame rendered unseen (the warm-up) is compared with the one on screen and not remembered.
  if (isUnseenRender()) return state.cur;
  // React's "adjust state while rendering" pattern: no effect, no extra paint.
  if (state.cur !== value) {
    setState({ cur: value, prev: state.cur });
    return state.cur;
  }
  return state.prev;
}

/** The previously shown frame and whether it is the step right before this one. */
export function usePreviousFrame(frame: Frame | null): { readonly prev: Frame | null; readonly adjacent: boolean } {
  const prev = usePrevious(frame);
  return { prev, adjacent: !!prev && !!frame && prev.step === frame.step - 1 };
}
