// The player's header: the scenario (title, kernel, source thread) and page-wide actions.
import { useState } from 'react';
import { RunLinks } from '../compare/RunLinks';
import { Brand } from '../shell/Brand';
import { ThemeToggle } from '../shell/ThemeToggle';
import { usePlayerStore } from '../store/player-store';
import { ParamsPanel } from './ParamsPanel';

function CopyLink() {
  const [said, setSaid] = useState<string | null>(null);
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      setSaid('Link copied');
    } catch {
      setSaid('Copy the address bar to share');
    }
    setTimeout(() => setSaid(null), 2000);
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>Copy link</button>
      <span className="copy-said" role="status">{said}</span>
    </>
  );
}

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
