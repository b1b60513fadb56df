// "Compare…" and "Plot…" in the player's header: open the run on screen in compare mode (at the
// same step) or plot the scenario over its first integer parameter. Each is a new history entry, so
// Back returns to the player. Nothing is shown for a scenario without (integer) parameters.
import { formatCompare, formatPlot, parseHash, type ScenarioRef } from '../../sim-core/url';
import { usePlayerStore } from '../store/player-store';
import { useSimStore } from '../store/sim-store';
import { compareFrom, plotFrom } from './run-links';

/** The scenario of the player's link, read when a button is pressed. */
function currentRef(): ScenarioRef | null {
  const r = parseHash(location.hash);
  if (!r.ok) return null;
  switch (r.value.kind) {
    case 'gallery': return null;
    case 'builtin': return { kind: 'builtin', id: r.value.id };
    case 'custom': return { kind: 'custom', data: r.value.data };
  }
}

/** The two buttons. */
export function RunLinks() {
  const params = usePlayerStore((s) => s.info?.params);
  if (!params?.length) return null;
  const compare = (): void => {
    const ref = currentRef();
    const r = ref && compareFrom(ref, params, useSimStore.getState().frame?.step ?? 0);
    if (r) location.hash = formatCompare(r);
  };
  const plot = (): void => {
    const ref = currentRef();
    const r = ref && plotFrom(ref, params);
    if (r) location.hash = formatPlot(r);
  };
  return (
    <>
      <button type="button" className="button" title="Two runs with different parameters side by side, on one cursor" onClick={compare}>Compare…</button>
      {params.some((p) => p.kind === 'int') && (
        <button type="button" className="button" title="Sweep an integer parameter and plot the metrics" onClick={plot}>Plot…</button>
      )}
    </>
  );
}
