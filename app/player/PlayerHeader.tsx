// The player's header: the scenario (title, kernel, source thread) and page-wide actions.
import { RunLinks } from '../compare/RunLinks';
import { Brand } from '../shell/Brand';
import { CopyLink } from '../shell/CopyLink';
import { ThemeToggle } from '../shell/ThemeToggle';
import { usePlayerStore } from '../store/player-store';
import { ParamsPanel } from './ParamsPanel';

/** The header above the views. */
export function PlayerHeader() {
  const info = usePlayerStore((s) => s.info);
  const src = info?.source;
  return (
    <header className="topbar player-topbar">
      <Brand />
      <div className="scenario-head">
        <h1 className="scenario-title">
          {info?.title ?? 'Loading…'}
          {info && <span className="badge" title="Kernel version whose behaviour the run follows">Linux {info.kernel}</span>}
          {info?.custom && <span className="badge badge-custom">custom</span>}
        </h1>
        {src ? (
          <p className="scenario-source">
            <span className="source-list">{src.list}</span> · <time dateTime={src.date}>{src.date}</time> · {src.author} ·{' '}
            <span className="source-subject" title={src.thread}>{src.subject}</span>
          </p>
        ) : info && <p className="scenario-source">{info.summary}</p>}
      </div>
      <span className="topbar-spacer" />
      <ParamsPanel />
      <RunLinks />
      <CopyLink />
      <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
        onClick={() => usePlayerStore.setState({ helpOpen: true })}>?</button>
      <ThemeToggle />
    </header>
  );
}
