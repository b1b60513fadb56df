// The compare page (#/cmp/<id>?step=N&a=...&b=...): two runs of one scenario with different
// parameter values, side by side on one cursor, and the counters that differ. Loaded lazily.
import { useEffect } from 'react';
import type { CompareRoute } from '../../sim-core/url';
import { Brand } from '../shell/Brand';
import { CopyLink } from '../shell/CopyLink';
import { ErrorPanel } from '../shell/ErrorPanel';
import { ThemeToggle } from '../shell/ThemeToggle';
import { applyRoute, closeCompare } from './controller';
import { CompareBar } from './CompareBar';
import { DiffTables } from './DiffTables';
import { SidePanel } from './SidePanel';
import { useCompareStore } from './store';
import { useCompareKeys } from './use-compare-keys';
import '../styles/compare.css';

const APP_TITLE = document.title;

function Header() {
  const info = useCompareStore((s) => s.a.info ?? s.b.info);
  useEffect(() => {
    document.title = info ? `Compare: ${info.title} — mmscope` : APP_TITLE;
    return () => { document.title = APP_TITLE; };
  }, [info]);
  return (
    <header className="topbar cmp-topbar">
      <Brand />
      <div className="scenario-head">
        <h1 className="scenario-title">
          <span className="muted">Compare · </span>{info?.title ?? 'Loading…'}
          {info && <span className="badge">Linux {info.kernel}</span>}
          {info?.custom && <span className="badge badge-custom">custom</span>}
        </h1>
        {info && <p className="scenario-source">{info.summary}</p>}
      </div>
      <span className="topbar-spacer" />
      <CopyLink />
      <ThemeToggle />
    </header>
  );
}

/** The comparison of the route's two runs. */
export default function ComparePage({ route }: { route: CompareRoute }) {
  useEffect(() => { void applyRoute(route); }, [route]);
  useEffect(() => () => closeCompare(), []);
  useCompareKeys();
  const failure = useCompareStore((s) => s.failure);
  if (failure) {
    return (
      <div className="page">
        <header className="topbar"><Brand /><span className="topbar-spacer" /><ThemeToggle /></header>
        <main className="centered"><ErrorPanel failure={failure} /></main>
      </div>
    );
  }
  return (
    <div className="compare">
      <Header />
      <CompareBar />
      <main className="cmp-sides">
        <SidePanel route={route} side="a" />
        <SidePanel route={route} side="b" />
      </main>
      <DiffTables />
    </div>
  );
}
