// The built-in scenarios, in gallery order. The five shared ones are copied unchanged from ../shared/scenarios.
import firstTouch from './first-touch.json';
import forkCow from './fork-cow.json';
import munmapFreesTables from './munmap-frees-tables.json';
import munmapLazyPeer from './munmap-lazy-peer.json';
import munmapRunningPeer from './munmap-running-peer.json';

/** Raw scenario documents (validated when compiled). */
export const BUILTIN_SCENARIOS: readonly unknown[] = [
  firstTouch, forkCow, munmapRunningPeer, munmapLazyPeer, munmapFreesTables,
];
