// The transport buttons: start, back, play/pause, forward, end, events, and the speed.
import { SPEEDS, usePlayerStore } from '../store/player-store';
import { useSimStore } from '../store/sim-store';
import { Icon, type IconName } from './icons';
import { jumpTo, jumpToMarker, setSpeed, stepBy, togglePlay } from './playback';
import { formatInt } from '../views/lib/format';

function Btn({ label, icon, onClick, disabled = false, keys }: { label: string; icon: IconName; onClick: () => void; disabled?: boolean; keys: string }) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={`${label} (${keys})`} disabled={disabled} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}

/** The step counter: the frame on screen, not the one requested. */
function StepCount() {
  const step = useSimStore((s) => s.frame?.step ?? 0);
  const total = usePlayerStore((s) => s.total);
  return (
    <output className="step-count" aria-label="Current step" data-step={step} data-total={total}>
      step <b>{formatInt(step)}</b> / {formatInt(total)}
    </output>
  );
}

/** The transport bar. */
export function Transport() {
  const target = usePlayerStore((s) => s.target);
  const total = usePlayerStore((s) => s.total);
  const playing = usePlayerStore((s) => s.playing);
  const speed = usePlayerStore((s) => s.speed);
  const atStart = target <= 0;
  const atEnd = target >= total;
  return (
    <div className="transport" role="group" aria-label="Playback">
      <Btn label="Jump to start" icon="start" keys="Home" disabled={atStart} onClick={() => jumpTo(0)} />
      <Btn label="Previous event" icon="prevEvent" keys="Shift+←" disabled={atStart} onClick={() => jumpToMarker(-1)} />
      <Btn label="Step back" icon="back" keys="←" disabled={atStart} onClick={() => stepBy(-1)} />
      <button type="button" className="icon-button play" aria-label={playing ? 'Pause' : 'Play'} title={`${playing ? 'Pause' : 'Play'} (Space)`}
        aria-pressed={playing} onClick={togglePlay} disabled={total === 0}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <Btn label="Step forward" icon="forward" keys="→" disabled={atEnd} onClick={() => stepBy(1)} />
      <Btn label="Next event" icon="nextEvent" keys="Shift+→" disabled={atEnd} onClick={() => jumpToMarker(1)} />
      <Btn label="Jump to end" icon="end" keys="End" disabled={atEnd} onClick={() => jumpTo(total)} />
      <label className="speed">
        <span aria-hidden="true">Speed</span>
        <select aria-label="Playback speed" value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s} step{s === 1 ? '' : 's'}/s</option>)}
        </select>
      </label>
      <StepCount />
    </div>
  );
}
