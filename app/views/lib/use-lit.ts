// Hooks the views share: what the selection and the hover light in the current frame, and the
// frame shown before this one (for "what changed" highlighting).
import { useMemo, useState } from 'react';
import type { Frame } from '../../sim/frame';
import { useFrame, useHover, useSelection } from '../../store/hooks';
import { type Lit, resolveLit } from './highlight';

/** What the selection (`sel`) and the hovered object (`hov`) light in the current frame. */
export function useLit(): { readonly sel: Lit | null; readonly hov: Lit | null } {
  const frame = useFrame();
  const selection = useSelection();
  const hover = useHover();
  return useMemo(() => ({
    sel: frame ? resolveLit(frame, selection) : null,
    hov: frame && hover !== selection ? resolveLit(frame, hover) : null,
  }), [frame, selection, hover]);
}

/** The value this component rendered before the current one (null on the first render). */
export function usePrevious<T>(value: T): T | null {
  const [state, setState] = useState<{ cur: T; prev: T | null }>({ cur: value, prev: null });
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
