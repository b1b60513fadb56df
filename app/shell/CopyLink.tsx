// "Copy link": the address bar is the share link on every page (it always carries the run's state).
import { useState } from 'react';
import { flushHashUpdate } from '../router/hash';

/** A button that copies the page's address, with a short status message. */
export function CopyLink() {
  const [said, setSaid] = useState<string | null>(null);
  async function copy(): Promise<void> {
    flushHashUpdate(); // the address may lag the screen by a moment (hash.ts): bring it up to date first
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
