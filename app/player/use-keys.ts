// Keyboard control of the player (listed in the help dialog, HelpDialog.tsx).
import { useEffect } from 'react';
import { usePlayerStore } from '../store/player-store';
import { jumpTo, jumpToMarker, stepBy, togglePlay } from './playback';

/** One key binding, as the help dialog lists it. */
export interface KeyHelp { readonly keys: readonly string[]; readonly does: string }

/** The bindings, in the order the help shows them. */
export const KEYS: readonly KeyHelp[] = [
  { keys: ['→'], does: 'Step forward' },
  { keys: ['←'], does: 'Step back' },
  { keys: ['Shift', '→'], does: 'Next marked event (fault, IPI, violation, choice)' },
  { keys: ['Shift', '←'], does: 'Previous marked event' },
  { keys: ['Home'], does: 'Jump to the start' },
  { keys: ['End'], does: 'Jump to the end' },
  { keys: ['Space'], does: 'Play or pause' },
  { keys: ['?'], does: 'Show this help' },
  { keys: ['Esc'], does: 'Close this help' },
];

// Keys typed into a text field or a list belong to it, not to the player.
function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && t.type !== 'range' && t.type !== 'checkbox' && t.type !== 'button';
}

function command(e: KeyboardEvent): (() => void) | null {
  switch (e.key) {
    case 'ArrowRight': return e.shiftKey ? () => jumpToMarker(1) : () => stepBy(1);
    case 'ArrowLeft': return e.shiftKey ? () => jumpToMarker(-1) : () => stepBy(-1);
    case 'Home': return () => jumpTo(0);
    case 'End': return () => jumpTo(usePlayerStore.getState().total);
    case ' ': return togglePlay;
    // The help dialog exists only once the run is on screen.
    case '?': return usePlayerStore.getState().status === 'ready' ? () => usePlayerStore.setState({ helpOpen: true }) : null;
    default: return null;
  }
}

/** Binds the player's keys on the window while the player is mounted. */
export function usePlayerKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // A view that handled the key itself (e.g. arrow keys moving its own cursor) keeps it.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      // The DOM, not the store: Esc closes the dialog at once, but its close event (which clears
      // helpOpen) arrives a task later, and a key pressed in between must already reach the player.
      if (document.querySelector('dialog[open]')) return;
      const run = command(e);
      if (!run) return;
      // Also stops the scrubber's own arrow handling and a focused button's Space activation.
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
