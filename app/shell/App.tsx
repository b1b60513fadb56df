// The root: routes the hash to the gallery, the player (a lazy chunk) or a broken-link page.
import { lazy, Suspense } from 'react';
import { Gallery } from '../gallery/Gallery';
import { useRoute } from '../router/hash';
import { Brand } from './Brand';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorPanel, type Failure } from './ErrorPanel';
import { ThemeToggle } from './ThemeToggle';

const PlayerPage = lazy(() => import('../player/PlayerPage'));

/** A page with the standard header around a failure. */
export function FailurePage({ failure }: { failure: Failure }) {
  return (
    <div className="page">
      <header className="topbar"><Brand /><span className="topbar-spacer" /><ThemeToggle /></header>
      <main className="centered"><ErrorPanel failure={failure} /></main>
    </div>
  );
}

const crashed = (e: Error) => <FailurePage failure={{ title: 'Something went wrong', message: e.message, problems: [] }} />;

/** The app. */
export function App() {
  const route = useRoute();
  if (!route.ok) return <FailurePage failure={{ title: 'This link is broken', message: route.error.message, problems: [] }} />;
  const r = route.value;
  if (r.kind === 'gallery') return <Gallery />;
  return (
    <ErrorBoundary label="The player" fallback={crashed}>
      <Suspense fallback={<div className="page" aria-busy="true" />}>
        <PlayerPage route={r} />
      </Suspense>
    </ErrorBoundary>
  );
}
