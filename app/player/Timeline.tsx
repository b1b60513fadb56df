// The timeline bar under the views: transport, scrubber and any notice about the link.
import { usePlayerStore } from '../store/player-store';
import { Scrubber } from './Scrubber';
import { Transport } from './Transport';

/** The timeline. */
export function Timeline() {
  const notice = usePlayerStore((s) => s.notice);
  const halted = usePlayerStore((s) => s.summary?.halted ?? null);
  return (
    <section className="timeline" aria-label="Timeline">
      <Transport />
      <Scrubber />
      {(notice ?? halted) && <p className="notice" role="status">{notice ?? `The run stopped early: ${halted ?? ''}`}</p>}
    </section>
  );
}
