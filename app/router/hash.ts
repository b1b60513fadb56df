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

window.addEventListener('hashchange', () => {
  cancelHashUpdate(); // the person navigated: a queued update of the old page must not overwrite it
  current = location.hash;
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
  // Only rewrite the page the update was meant for: if the person navigated meanwhile (the
  // hashchange event may not have run yet), the address is theirs.
  const samePage = pending !== null && pending.split('?')[0] === location.hash.split('?')[0];
  if (pending !== null && samePage && pending !== location.hash) history.replaceState(history.state, '', pending);
  pending = null;
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
