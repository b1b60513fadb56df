// The hash router. The current hash changes only on `hashchange` (a person followed a link, edited
// the address or went back); the player's own history.replaceState updates are not route changes.
import { useMemo, useSyncExternalStore } from 'react';
import { type LinkResult, type Page, parsePage } from '../../sim-core/url';

let current = location.hash;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let pending: string | null = null;
// When the oldest unwritten update was queued (updates wait at most `most` ms after it).
let firstPending = 0;

// The address as this module last saw or wrote it. When location.hash differs, the person changed it
// and its hashchange event has not run yet: a queued update must not overwrite their address.
let shown = location.hash;

window.addEventListener('hashchange', () => {
  cancelHashUpdate(); // the person navigated: a queued update of the old page must not overwrite it
  current = location.hash;
  shown = current;
  for (const l of listeners) l();
});
window.addEventListener('pagehide', () => flushHashUpdate());

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The current page, parsed (or the reason the link is broken). */
export function useRoute(): LinkResult<Page> {
  const hash = useSyncExternalStore(subscribe, () => current);
  return useMemo(() => parsePage(hash), [hash]);
}

/** Writes a queued hash now (without a history entry and without a route change). */
export function flushHashUpdate(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (pending !== null && location.hash === shown && pending !== shown) {
    history.replaceState(history.state, '', pending);
    shown = location.hash;
  }
  pending = null;
}

/** Makes the address show `hash` now, dropping any queued update (no history entry, no route change). */
export function replaceHashNow(hash: string): void {
  cancelHashUpdate();
  history.replaceState(history.state, '', hash);
  shown = location.hash;
}

/** Drops a queued hash update. */
export function cancelHashUpdate(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  pending = null;
}

/**
 * Makes the address show `hash` soon: once the updates pause for `quiet` ms, and at least every
 * `most` ms while they keep coming. Each history.replaceState costs a few milliseconds of the
 * renderer's and the browser's time (measured with `npm run bench:app`), so a burst of steps must
 * not pay it per step; and Chromium refuses, with a console warning, more than a few hundred
 * history updates in ten seconds, which playback would exceed.
 */
export function replaceHashSoon(hash: string, quiet = 150, most = 1000): void {
  const now = performance.now();
  if (pending === null) firstPending = now;
  pending = hash;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(flushHashUpdate, Math.max(0, Math.min(quiet, firstPending + most - now)));
}
