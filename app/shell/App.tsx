// The root: routes the hash to the gallery, the player, the compare or plot page (lazy chunks) or a
// broken-link page.
import { lazy, type ReactNode, Suspense } from 'react';
import { Gallery } from '../gallery/Gallery';
import { useRoute } from '../router/hash';
import { Brand } from './Brand';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorPanel, type Failure } from './ErrorPanel';
import { ThemeToggle } from './ThemeToggle';

const PlayerPage = lazy(() => import('../player/PlayerPage'));
const ComparePage = lazy(() => import('../compare/ComparePage'));
const PlotPage = lazy(() => import('../plot/PlotPage'));

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

/** A lazily loaded page inside its error boundary. */
function Lazy({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ErrorBoundary label={label} fallback={crashed}>
      <Suspense fallback={<div className="page" aria-busy="true" />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

/** The app. */
export function App() {
  const route = useRoute();
  if (!route.ok) return <FailurePage failure={{ title: 'This link is broken', message: route.error.message, problems: [] }} />;
  const r = route.value;
  switch (r.kind) {
    case 'gallery': return <Gallery />;
    case 'builtin':
    case 'custom':
      return <Lazy label="The player"><PlayerPage route={r} /></Lazy>;
    case 'compare': return <Lazy label="The comparison"><ComparePage route={r} /></Lazy>;
    case 'plot': return <Lazy label="The plot"><PlotPage route={r} /></Lazy>;
  }
}
