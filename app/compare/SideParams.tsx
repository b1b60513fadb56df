// One run's parameters, editable in place: a number field per integer parameter (applied with Enter
// or on leaving the field), a list per choice. A change opens the comparison with that run's new
// values (a history entry, so Back returns); the other run stays as it is.
import { useId } from 'react';
import { type CompareRoute, formatCompare, type Side } from '../../sim-core/url';
import { type IntParam, linkParams } from '../player/params-link';
import { useIntDraft } from '../player/use-int-draft';
import type { ParamInfo } from '../worker/protocol';
import { useCompareStore } from './store';

type Commit = (name: string, value: string) => void;

function IntField({ p, commit, label }: { p: IntParam; commit: Commit; label: string }) {
  const id = useId();
  const { draft, setDraft, problem, apply, onKey } = useIntDraft(p, commit);
  return (
    <span className="cmp-param" title={`${p.doc} (${p.min} to ${p.max}; default ${p.default})`}>
      <label htmlFor={id} className="mono">{p.name}</label>
      <input id={id} type="number" inputMode="numeric" min={p.min} max={p.max} step={1} value={draft} aria-label={`${p.name} of run ${label}`}
        aria-invalid={problem !== null} aria-errormessage={problem ? `${id}-err` : undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={apply} onKeyDown={onKey} />
      {problem && <span id={`${id}-err`} className="cmp-param-error" role="alert">{problem}</span>}
    </span>
  );
}

function ChoiceField({ p, commit, label }: { p: Extract<ParamInfo, { kind: 'choice' }>; commit: Commit; label: string }) {
  const id = useId();
  return (
    <span className="cmp-param" title={`${p.doc} (${p.values.join(', ')}; default ${p.default})`}>
      <label htmlFor={id} className="mono">{p.name}</label>
      <select id={id} value={String(p.value)} aria-label={`${p.name} of run ${label}`} onChange={(e) => commit(p.name, e.target.value)}>
        {p.values.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    </span>
  );
}

/** The route with one run's parameter changed, the cursor kept where it is. */
export function withSideParam(route: CompareRoute, side: Side, params: readonly ParamInfo[], name: string, value: string): CompareRoute {
  const step = useCompareStore.getState().cursor;
  return { ...route, step, [side]: linkParams(params, name, value) };
}

/** The parameter fields of one run (nothing for a scenario without parameters). */
export function SideParams({ route, side, params, label }: { route: CompareRoute; side: Side; params: readonly ParamInfo[]; label: string }) {
  if (params.length === 0) return <p className="muted cmp-noparams">This scenario has no parameters: both runs are the same.</p>;
  const commit: Commit = (name, value) => { location.hash = formatCompare(withSideParam(route, side, params, name, value)); };
  return (
    <div className="cmp-params" role="group" aria-label={`Parameters of run ${label}`}>
      {params.map((p) => (p.kind === 'int'
        ? <IntField key={`${p.name}=${p.value}`} p={p} commit={commit} label={label} />
        : <ChoiceField key={p.name} p={p} commit={commit} label={label} />))}
    </div>
  );
}
