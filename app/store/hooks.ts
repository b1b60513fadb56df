// Narrow selectors: a view re-renders only when what it reads changes.
import type { Frame } from '../sim/frame';
import { useSimStore } from './sim-store';

/** The current frame. */
export const useFrame = (): Frame | null => useSimStore((s) => s.frame);
/** One part of the current frame. */
export function useFramePart<K extends keyof Frame>(k: K): Frame[K] | undefined {
  return useSimStore((s) => s.frame?.[k]);
}
/** The selected object key. */
export const useSelection = (): string | null => useSimStore((s) => s.selection);
/** The hovered object key. */
export const useHover = (): string | null => useSimStore((s) => s.hover);
/** True when `key` is selected or hovered. */
export const useIsLit = (key: string): boolean => useSimStore((s) => s.selection === key || s.hover === key);
