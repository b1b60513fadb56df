// Open your own scenario: paste (or load) JSON, and the app moves it into a #/c/ link, so the run
// can be shared like any built-in. Validation happens in the player, which lists the problems.
import { useId, useState } from 'react';
import { BUILTIN_SCENARIOS } from '../../sim-core/scenarios/builtin';
import { customRoute, encodeScenarioText, formatHash } from '../../sim-core/url';

/** The "your own scenario" form under the gallery. */
export function CustomScenario() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function open(): Promise<void> {
    if (text.trim() === '') { setError('Paste a scenario (JSON) first.'); return; }
    const r = await encodeScenarioText(text);
    if (!r.ok) { setError(r.error.message); return; }
    location.hash = formatHash(customRoute(r.value));
  }

  async function loadFile(f: File | undefined): Promise<void> {
    if (f) setText(await f.text());
  }

  return (
    <section className="custom" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Your own scenario</h2>
      <p className="muted">Scenarios are JSON (see DESIGN.md, “Scenario language”). The link you get carries the whole scenario.</p>
      <label htmlFor={`${id}-text`} className="field-label">Scenario JSON</label>
      <textarea id={`${id}-text`} className="custom-text" spellCheck={false} rows={8} value={text}
        onChange={(e) => { setText(e.target.value); setError(null); }} />
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="custom-actions">
        <button type="button" className="button primary" onClick={() => void open()}>Open scenario</button>
        <button type="button" className="button" onClick={() => { setText(JSON.stringify(BUILTIN_SCENARIOS[0], null, 2)); setError(null); }}>
          Start from an example
        </button>
        <label className="button file-button">
          Load a file…
          <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void loadFile(e.target.files?.[0])} />
        </label>
      </div>
    </section>
  );
}
