// Keyboard control of the comparison: the player's keys, driving both runs.
import { useEffect } from 'react';
import { endOfRuns, pause, seekTo, stepBy, togglePlay } from './controller';

// Keys typed into a text field or a list belong to it.
function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && t.type !== 'range' && t.type !== 'checkbox' && t.type !== 'button';
}

function command(key: string): (() => void) | null {
  switch (key) {
    case 'ArrowRight': return () => { pause(); stepBy(1); };
    case 'ArrowLeft': return () => { pause(); stepBy(-1); };
    case 'Home': return () => { pause(); seekTo(0); };
    case 'End': return () => { pause(); seekTo(endOfRuns()); };
    case ' ': return togglePlay;
    default: return null;
  }
}

/** Binds ←, →, Home, End and Space on the window while the comparison is mounted. */
export function useCompareKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || typing(e.target)) return;
      const run = command(e.key);
      if (!run) return;
      // Also stops the scrubber's own arrow handling and a focused button's Space activation.
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
