// The player page (#/s/<id> and #/c/<data>): loads the run named by the route, then shows the
// header, the views and the timeline. Loaded lazily, so the gallery does not wait for it.
import { useEffect, useRef } from 'react';
import { runKey, type RunRoute } from '../../sim-core/url';
import { Brand } from '../shell/Brand';
import { ErrorPanel } from '../shell/ErrorPanel';
import { ThemeToggle } from '../shell/ThemeToggle';
import { usePlayerStore } from '../store/player-store';
import { closeRun, openRun, seek } from './controller';
import { HelpDialog } from './HelpDialog';
import { LoadingPanel } from './LoadingPanel';
import { PlayerHeader } from './PlayerHeader';
import { PlayerLayout } from './PlayerLayout';
import { Timeline } from './Timeline';
import { pause } from './playback';
import { usePlayerKeys } from './use-keys';

/** Opens the route's run; a change of step alone (the person edited the address) only seeks. */
function useRun(route: RunRoute): void {
  const key = runKey(route);
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (opened.current === key) {
      pause();
      seek(route.step ?? 0);
      return;
    }
    opened.current = key;
    void openRun(route);
  }, [key, route]);
  // Strict mode (dev) unmounts and remounts once: forget the run so the remount opens it again.
  useEffect(() => () => { opened.current = null; closeRun(); }, []);
}

const APP_TITLE = document.title;

/** Names the tab after the scenario while it is open. */
function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — mmscope` : APP_TITLE;
    return () => { document.title = APP_TITLE; };
  }, [title]);
}

/** Shown instead of the views when the run cannot be shown. */
function Failed() {
  const failure = usePlayerStore((s) => s.failure);
  return (
    <div className="page">
      <header className="topbar"><Brand /><span className="topbar-spacer" /><ThemeToggle /></header>
      <main className="centered">{failure && <ErrorPanel failure={failure} />}</main>
    </div>
  );
}

/** The player for one run. */
export default function PlayerPage({ route }: { route: RunRoute }) {
  useRun(route);
  usePlayerKeys();
  const status = usePlayerStore((s) => s.status);
  useTitle(usePlayerStore((s) => s.info?.title));
  if (status === 'error') return <Failed />;
  if (status !== 'ready') {
    return (
      <div className="page">
        <header className="topbar"><Brand /><span className="topbar-spacer" /><ThemeToggle /></header>
        <main className="centered"><LoadingPanel /></main>
      </div>
    );
  }
  return (
    <div className="player">
      <PlayerHeader />
      <PlayerLayout />
      <Timeline />
      <HelpDialog />
    </div>
  );
}
