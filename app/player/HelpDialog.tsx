// The keyboard help, a modal <dialog> (focus is trapped and Esc closes it natively).
import { useEffect, useRef } from 'react';
import { usePlayerStore } from '../store/player-store';
import { KEYS } from './use-keys';

/** The help dialog listing the player's keys. */
export function HelpDialog() {
  const open = usePlayerStore((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => usePlayerStore.setState({ helpOpen: false })}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="keys">
        <tbody>
          {KEYS.map((k) => (
            <tr key={k.does}>
              <th scope="row">{k.keys.map((key, i) => <span key={key}>{i > 0 && ' + '}<kbd>{key}</kbd></span>)}</th>
              <td>{k.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="help-actions">
        <button type="submit" className="button primary" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
