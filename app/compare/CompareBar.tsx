// The shared transport: start, back, play/pause, forward, end, a scrubber over the longer run and
// the step counter. Every control moves both runs.
import { Icon, type IconName } from '../player/icons';
import { cursorEnd, sideStep } from './cursor';
import { endOfRuns, pause, seekTo, stepBy, togglePlay } from './controller';
import { type SideState, useCompareStore } from './store';

function Btn({ label, icon, onClick, disabled, keys }: { label: string; icon: IconName; onClick: () => void; disabled: boolean; keys: string }) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={`${label} (${keys})`} disabled={disabled} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}

// A side is settled when it shows the cursor (clamped to its run), or has nothing to show.
const settled = (s: SideState, cursor: number): boolean =>
  s.status === 'error' || (s.status === 'ready' && s.total !== null && s.frame?.step === sideStep(cursor, s.total));

/** The step counter: `data-step` is set once both runs show the cursor. */
function StepCount({ cursor, end }: { cursor: number; end: number }) {
  const done = useCompareStore((s) => settled(s.a, cursor) && settled(s.b, cursor));
  return (
    <output className="step-count" aria-label="Current step" data-step={done ? cursor : undefined} data-total={end}>
      step <b>{cursor.toLocaleString('en-US')}</b> / {end.toLocaleString('en-US')}
    </output>
  );
}

/** The transport bar of the comparison. */
export function CompareBar() {
  const cursor = useCompareStore((s) => s.cursor);
  const playing = useCompareStore((s) => s.playing);
  const end = useCompareStore((s) => cursorEnd([s.a.total, s.b.total]));
  const notice = useCompareStore((s) => s.notice);
  const go = (f: () => void) => () => { pause(); f(); };
  return (
    <div className="cmp-bar">
      <div className="transport" role="group" aria-label="Playback">
        <Btn label="Jump to start" icon="start" keys="Home" disabled={cursor <= 0} onClick={go(() => seekTo(0))} />
        <Btn label="Step back" icon="back" keys="←" disabled={cursor <= 0} onClick={go(() => stepBy(-1))} />
        <button type="button" className="icon-button play" aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'} (Space)`}
          aria-pressed={playing} onClick={togglePlay} disabled={end === 0}>
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <Btn label="Step forward" icon="forward" keys="→" disabled={cursor >= end} onClick={go(() => stepBy(1))} />
        <Btn label="Jump to end" icon="end" keys="End" disabled={cursor >= end} onClick={go(() => seekTo(endOfRuns()))} />
        <StepCount cursor={cursor} end={end} />
      </div>
      <input type="range" className="cmp-scrub" min={0} max={end} step={1} value={Math.min(cursor, end)} aria-label="Step"
        aria-valuetext={`step ${cursor} of ${end}`} disabled={end === 0}
        onChange={(e) => { pause(); seekTo(Number(e.currentTarget.value)); }} />
      {notice && <p className="notice cmp-notice" role="status">{notice}</p>}
    </div>
  );
}
