// The scrubber: a native range over the whole run (keyboard and screen readers for free) with the
// marked events drawn as ticks above it, one row per kind.
import { memo } from 'react';
import { usePlayerStore } from '../store/player-store';
import { MARKER_KINDS, type MarkerKind, type Markers } from '../worker/protocol';
import { jumpTo, pause } from './playback';
import { seek } from './controller';
import { formatInt } from '../views/lib/format';

const LABEL: Record<MarkerKind, string> = { violation: 'violations', choice: 'choices', ipi: 'IPIs', fault: 'faults' };

/** Tick marks for every kind, in step coordinates stretched to the track. */
const MarkerTicks = memo(function MarkerTicks({ markers, total }: { markers: Markers; total: number }) {
  const w = Math.max(1, total);
  return (
    <svg className="ticks" viewBox={`0 0 ${w} ${MARKER_KINDS.length}`} preserveAspectRatio="none" aria-hidden="true">
      {MARKER_KINDS.map((k, row) => (
        <path key={k} className={`tick tick-${k}`} vectorEffect="non-scaling-stroke"
          d={markers.positions[k].map((p) => `M${p} ${row}v1`).join('')} />
      ))}
    </svg>
  );
});

/** Counts per kind; each is a button that jumps to the first event of its kind (memoised: the markers are fixed for a run). */
const Legend = memo(function Legend({ markers }: { markers: Markers }) {
  return (
    <ul className="legend" aria-label="Marked events">
      {MARKER_KINDS.map((k) => (
        <li key={k}>
          <button type="button" className={`legend-item legend-${k}`} disabled={markers.counts[k] === 0}
            aria-label={`First of ${markers.counts[k]} ${LABEL[k]}`} onClick={() => jumpTo(markers.positions[k][0] ?? 0)}>
            <span className="swatch" aria-hidden="true" />{formatInt(markers.counts[k])} {LABEL[k]}
          </button>
        </li>
      ))}
    </ul>
  );
});

/** The range input with its markers and legend. */
export function Scrubber() {
  const total = usePlayerStore((s) => s.total);
  const target = usePlayerStore((s) => s.target);
  const markers = usePlayerStore((s) => s.markers);
  return (
    <div className="scrubber">
      <div className="scrub-track">
        {markers && <MarkerTicks markers={markers} total={total} />}
        <input type="range" className="scrub" min={0} max={total} step={1} value={target} aria-label="Step"
          aria-valuetext={`step ${target} of ${total}`}
          onChange={(e) => { pause(); seek(Number(e.currentTarget.value)); }} />
      </div>
      {markers && <Legend markers={markers} />}
    </div>
  );
}
