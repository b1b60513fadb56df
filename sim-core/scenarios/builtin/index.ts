// The built-in scenarios, in gallery order. The five shared ones are copied unchanged from ../shared/scenarios.
import firstTouch from './first-touch.json';
import forkCow from './fork-cow.json';
import munmapFreesTables from './munmap-frees-tables.json';
import munmapLazyPeer from './munmap-lazy-peer.json';
import munmapRunningPeer from './munmap-running-peer.json';
import mprotectRunning from './mprotect-running-peer.json';
import mprotectSleeping from './mprotect-sleeping-peer.json';
import dontneedRunning from './dontneed-running-peer.json';
import dontneedSleeping from './dontneed-sleeping-peer.json';
import singleThread from './single-thread.json';
import vmaSplit from './vma-split-max-map-count.json';
import forkPinned from './fork-pinned-page.json';
import numaMigration from './numa-migration-wait.json';
import migrationPinned from './migration-pinned.json';
import swapAfterFork from './swap-after-fork.json';
import thpCow from './thp-cow-after-fork.json';
import postcopyVmaPerPage from './postcopy-vma-per-page.json';
import postcopyUserfaultfd from './postcopy-userfaultfd.json';
import remapVsCopy from './uffd-remap-vs-copy.json';
import liveSnapshot from './live-snapshot.json';

/** Raw scenario documents (validated when compiled). */
export const BUILTIN_SCENARIOS: readonly unknown[] = [
  firstTouch, forkCow, munmapRunningPeer, munmapLazyPeer, munmapFreesTables,
  mprotectRunning, mprotectSleeping, dontneedRunning, dontneedSleeping, singleThread, vmaSplit, forkPinned,
  numaMigration, migrationPinned, swapAfterFork, thpCow,
  postcopyVmaPerPage, postcopyUserfaultfd, remapVsCopy, liveSnapshot,
];
