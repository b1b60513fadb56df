// The scenario's parameters, in a panel that drops down from the header: a number field per integer
// parameter, a list per choice, each with its doc. A committed change (Enter, leaving the field, or
// picking a choice) opens the same scenario with the new value in the link; the router re-opens the run.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { formatHash, parseHash, withParams } from '../../sim-core/url';
import { usePlayerStore } from '../store/player-store';
import type { ParamInfo } from '../worker/protocol';
import { type IntParam, linkParams } from './params-link';
import { useIntDraft } from './use-int-draft';
import '../styles/params.css';

// A change re-opens the run, which remounts the player: remember that the panel was open and which
// field was being edited, so keyboard users land where they were.
let keepOpen = false;
let refocus: string | null = null;

type Commit = (name: string, value: string) => void;

function Doc({ id, p }: { id: string; p: ParamInfo }) {
  const range = p.kind === 'int' ? `${p.min} to ${p.max}` : p.values.join(', ');
  return <p id={id} className="param-doc">{p.doc} <span className="param-range">({range}; default {p.default})</span></p>;
}

/** Focuses `name`'s field after the reload its change caused. */
function useRefocus(name: string) {
  const ref = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => {
    if (refocus !== name) return;
    refocus = null;
    ref.current?.focus();
  }, [name]);
  return ref;
}

function IntField({ p, commit }: { p: IntParam; commit: Commit }) {
  const id = useId();
  const ref = useRefocus(p.name);
  const { draft, setDraft, problem, apply, onKey } = useIntDraft(p, commit);
  return (
    <div className="param-field">
      <label htmlFor={id}>{p.name}</label>
      <input ref={ref} id={id} type="number" inputMode="numeric" min={p.min} max={p.max} step={1} value={draft}
        aria-describedby={`${id}-doc`} aria-invalid={problem !== null} aria-errormessage={problem ? `${id}-err` : undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={apply} onKeyDown={onKey} />
      <Doc id={`${id}-doc`} p={p} />
      {problem && <p id={`${id}-err`} className="param-error" role="alert">{problem}</p>}
    </div>
  );
}

function ChoiceField({ p, commit }: { p: Extract<ParamInfo, { kind: 'choice' }>; commit: Commit }) {
  const id = useId();
  const ref = useRefocus(p.name);
  return (
    <div className="param-field">
      <label htmlFor={id}>{p.name}</label>
      <select ref={ref} id={id} value={String(p.value)} aria-describedby={`${id}-doc`} onChange={(e) => commit(p.name, e.target.value)}>
        {p.values.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
      <Doc id={`${id}-doc`} p={p} />
    </div>
  );
}

/** Opens the run on screen with one parameter changed (a new history entry, so Back returns). */
function openWith(params: readonly ParamInfo[], name: string, value: string): void {
  const route = parseHash(location.hash);
  if (!route.ok || route.value.kind === 'gallery') return;
  refocus = name;
  location.hash = formatHash(withParams(route.value, linkParams(params, name, value)));
}

/** The parameters button and its panel; nothing for a scenario without parameters. */
export function ParamsPanel() {
  const params = usePlayerStore((s) => s.info?.params);
  const [open, setOpen] = useState(keepOpen);
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const show = (o: boolean): void => { keepOpen = o; setOpen(o); };
  // Like any drop-down, a press elsewhere on the page closes it.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent): void => {
      if (e.target instanceof Node && box.current?.contains(e.target)) return;
      keepOpen = false;
      setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  if (!params?.length) return null;
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    show(false);
    toggle.current?.focus();
  };
  const commit: Commit = (name, value) => openWith(params, name, value);
  return (
    <div ref={box} className="params">
      <button ref={toggle} type="button" className="button params-toggle" aria-expanded={open} aria-controls="params-panel" onClick={() => show(!open)}>
        Parameters <span className="params-values">{params.map((p) => `${p.name}=${p.value}`).join(' ')}</span>
      </button>
      {open && (
        <section id="params-panel" className="params-panel" aria-label="Scenario parameters" onKeyDown={onKey}>
          <p className="params-hint">A new value restarts the run. Press Enter or leave the field to apply it.</p>
          {params.map((p) => (p.kind === 'int'
            ? <IntField key={p.name} p={p} commit={commit} />
            : <ChoiceField key={p.name} p={p} commit={commit} />))}
        </section>
      )}
    </div>
  );
}
