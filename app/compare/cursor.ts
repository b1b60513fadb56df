// The shared cursor of a comparison: one step number for both runs, each run showing it clamped to
// its own length. Pure, so the rules are tested without a worker.
import { builtinRoute, customRoute, formatHash, type ScenarioRef, type Side } from '../../sim-core/url';

/** The step a run of `total` steps shows when the cursor is at `cursor`. */
export const sideStep = (cursor: number, total: number): number => Math.max(0, Math.min(Math.round(cursor), total));

/** The cursor's last position: the end of the longer run (0 until a run is known). */
export function cursorEnd(totals: readonly (number | null)[]): number {
  return totals.reduce<number>((m, t) => (t === null ? m : Math.max(m, t)), 0);
}

/** The upper-case label of a side. */
export const sideLabel = (side: Side): 'A' | 'B' => (side === 'a' ? 'A' : 'B');

/** "Run B ended at step 40" when the cursor is past the end of that run, else null. */
export function endedNote(side: Side, cursor: number, total: number | null): string | null {
  return total !== null && cursor > total ? `Run ${sideLabel(side)} ended at step ${total.toLocaleString('en-US')}` : null;
}

/** The player's link to one side's run at the cursor (clamped to that run). */
export function playerHash(ref: ScenarioRef, params: ReadonlyMap<string, string>, step: number): string {
  const q = { step, params };
  return formatHash(ref.kind === 'builtin' ? builtinRoute(ref.id, q) : customRoute(ref.data, q));
}
