// Props that make any element (HTML or SVG) a selectable, focusable, named control: click or
// Enter/Space toggles the shared selection; pointer hover and keyboard focus set the shared hover.
import type { FocusEvent, KeyboardEvent } from 'react';
import { clearSelection, currentSelection, toggleSelection, useSetHover } from '../../store/hooks';

/** The props of a selectable element. */
export interface SelectProps {
  readonly tabIndex: 0;
  readonly role: 'button';
  readonly 'aria-label': string;
  readonly 'aria-pressed': boolean;
  readonly onClick: () => void;
  readonly onKeyDown: (e: KeyboardEvent) => void;
  readonly onMouseEnter: () => void;
  readonly onMouseLeave: () => void;
  readonly onFocus: (e: FocusEvent) => void;
  readonly onBlur: (e: FocusEvent) => void;
}

/** True for the keys that activate a button. */
export function isActivation(e: { key: string }): boolean {
  return e.key === 'Enter' || e.key === ' ';
}

/** Escape clears the shared selection (and goes no further) when there is one; true if it did. */
export function clearOnEscape(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || currentSelection() === null) return false;
  e.preventDefault();
  e.stopPropagation();
  clearSelection();
  return true;
}

/** Returns a factory of SelectProps bound to the store's actions. */
export function useSelectable(): (key: string, label: string, selected: boolean) => SelectProps {
  const setHover = useSetHover();
  return (key, label, selected) => ({
    tabIndex: 0,
    role: 'button',
    'aria-label': label,
    'aria-pressed': selected,
    onClick: () => toggleSelection(key),
    onKeyDown: (e) => {
      if (clearOnEscape(e) || !isActivation(e)) return;
      e.preventDefault();
      e.stopPropagation();
      toggleSelection(key);
    },
    onMouseEnter: () => setHover(key),
    onMouseLeave: () => setHover(null),
    // Only the element itself: focus moving inside it must not re-hover the parent.
    onFocus: (e) => { if (e.target === e.currentTarget) setHover(key); },
    onBlur: (e) => { if (e.target === e.currentTarget) setHover(null); },
  });
}
