// Shown while the worker records a run: steps so far, and a way out for long runs. The length of a
// run is unknown until it ends, so the bar is indeterminate and the count tells the progress.
import { usePlayerStore } from '../store/player-store';
import { cancelRun } from './controller';

/** The recording progress indicator (fades in late, so short runs do not flash it). */
export function LoadingPanel() {
  const steps = usePlayerStore((s) => s.progress);
  return (
    <section className="loading-panel" aria-labelledby="loading-title" aria-busy="true">
      <h1 id="loading-title">Recording the run…</h1>
      <progress aria-label="Recording progress" />
      <p className="muted" role="status">
        {steps > 0 ? `${steps.toLocaleString('en-US')} steps recorded` : 'Starting the simulator'}
      </p>
      <button type="button" className="button" onClick={cancelRun}>Cancel</button>
    </section>
  );
}
