// Whether a run ever has a userfaultfd context, so the player gives the view a slot only then and
// every other run keeps its layout. Contexts are never freed, so a successful userfaultfd(2) in the
// run's results (or a context on screen) is enough.
import type { RunSummary } from '../../../sim-core/engine/run';
import { usePlayerStore } from '../../store/player-store';
import { useSimStore } from '../../store/sim-store';

/** True when the run's results include a userfaultfd(2) call that returned an fd. */
export function runHasUffd(summary: Pick<RunSummary, 'results'> | null): boolean {
  return !!summary?.results.some((r) => r.op === 'userfaultfd' && r.errno === null && r.ret !== null);
}

/** True when the run on screen has, or will have, a userfaultfd context (narrow selectors: booleans). */
export function useRunHasUffd(): boolean {
  const inRun = usePlayerStore((s) => runHasUffd(s.summary));
  const onScreen = useSimStore((s) => (s.frame?.uffds.length ?? 0) > 0);
  return inRun || onScreen;
}
