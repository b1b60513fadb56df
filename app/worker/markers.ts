// Scrubber markers from the compact trace. A long run has far more marked steps than a scrubber has
// pixels, so each kind is thinned to at most one marker per bin of the timeline.
import type { Trace } from '../../sim-core/engine/trace';
import { MARK } from '../../sim-core/engine/types';
import { MARKER_KINDS, type MarkerKind, type Markers } from './protocol';

/** Bins across the scrubber; more than any screen is wide. */
export const MARKER_BINS = 4000;

const MASK: Record<MarkerKind, number> = { violation: MARK.violation, choice: MARK.choice, ipi: MARK.ipi, fault: MARK.fault };

/** Keeps the first position in each bin, so a dense run of events still reads as a band. */
export function thin(positions: readonly number[], total: number, bins = MARKER_BINS): number[] {
  if (positions.length <= bins) return positions.slice();
  const out: number[] = [];
  let last = -1;
  for (const p of positions) {
    const bin = Math.floor((p / Math.max(1, total)) * bins);
    if (bin !== last) out.push(p);
    last = bin;
  }
  return out;
}

/** Markers for every kind: the step record i is shown at frame position i + 1. */
export function markersOf(trace: Trace): Markers {
  const total = trace.length;
  const positions = {} as Record<MarkerKind, number[]>;
  const counts = {} as Record<MarkerKind, number>;
  for (const kind of MARKER_KINDS) {
    const steps = trace.marked(MASK[kind], Number.MAX_SAFE_INTEGER);
    counts[kind] = steps.length;
    positions[kind] = thin(steps.map((s) => s + 1), total);
  }
  return { positions, counts };
}
