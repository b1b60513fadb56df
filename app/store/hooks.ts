// Narrow selectors: a view re-renders only when what it reads changes.
import type { Frame } from '../sim/frame';
import type { MachineGraph } from '../sim/graphs';
import { shareEqual } from './share';
import { type SimStore, useSimStore } from './sim-store';

/** The current frame. */
export const useFrame = (): Frame | null => useSimStore((s) => s.frame);
/** One part of the current frame. */
export function useFramePart<K extends keyof Frame>(k: K): Frame[K] | undefined {
  return useSimStore((s) => s.frame?.[k]);
}
/**
 * A store selector of what `derive` makes of the frame (null without one), computed once per frame
 * and kept while it reads the same (shareEqual), so a view that draws it re-renders only when it
 * changes. Create it once, at module level; `derive` must depend on the frame alone.
 */
export function frameSelector<T>(derive: (f: Frame) => T): (s: SimStore) => T | null {
  let frame: Frame | null = null;
  let value: T | null = null;
  return (s) => {
    if (s.frame !== frame) {
      frame = s.frame;
      value = s.frame ? shareEqual(value, derive(s.frame)) : null;
    }
    return value;
  };
}
/** The value of a selector made by frameSelector. */
export const useFrameSelector = <T>(select: (s: SimStore) => T): T => useSimStore(select);
/** The selected object key. */
export const useSelection = (): string | null => useSimStore((s) => s.selection);
/** The hovered object key. */
export const useHover = (): string | null => useSimStore((s) => s.hover);
/** True when `key` is selected or hovered. */
export const useIsLit = (key: string): boolean => useSimStore((s) => s.selection === key || s.hover === key);
/** The statecharts of every machine, keyed by kind. */
export const useGraphs = (): Record<string, MachineGraph> => useSimStore((s) => s.graphs);
/** The store's select action (a stable reference). */
export const useSelect = (): ((key: string | null) => void) => useSimStore((s) => s.select);
/** The store's setHover action (a stable reference). */
export const useSetHover = (): ((key: string | null) => void) => useSimStore((s) => s.setHover);
/** Selects `key`, or clears the selection when `key` is already selected (reads the store at call time). */
export function toggleSelection(key: string): void {
  const s = useSimStore.getState();
  s.select(s.selection === key ? null : key);
}
/**
 * Scenario metadata, if the player shell stores it as `scenario` (title, summary, source thread,
 * kernel). Untyped on purpose: the views validate its shape before using it.
 */
export const useScenarioRaw = (): unknown => useSimStore((s) => (s as unknown as { scenario?: unknown }).scenario ?? null);
/** The selection now, read outside render (event handlers). */
export const currentSelection = (): string | null => useSimStore.getState().selection;
/** Clears the selection (from an event handler). */
export const clearSelection = (): void => useSimStore.getState().select(null);
