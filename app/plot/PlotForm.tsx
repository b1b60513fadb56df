// The sweep's form: the swept parameter and its range, the series, the other parameters' fixed
// values, and the Plot button. Submitting writes the link (replaceState) and runs the sweep.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { ParamInfo } from '../worker/protocol';
import { commitPlot } from './controller';
import { type Draft, draftOf, fixedParams, routeOfDraft, withX } from './form';
import { planSweep, type SweepPlan } from './plan';
import { usePlotStore } from './store';

function Field({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  return <span className="plot-field"><label htmlFor={id}>{label}</label>{children}</span>;
}

function FixedField({ p, value, set }: { p: ParamInfo; value: string; set: (v: string) => void }) {
  const id = useId();
  const range = p.kind === 'int' ? `${p.min} to ${p.max}` : p.values.join(', ');
  return (
    <span className="plot-field" title={`${p.doc} (${range}; default ${p.default})`}>
      <label htmlFor={id} className="mono">{p.name}</label>
      {p.kind === 'int'
        ? <input id={id} type="number" className="plot-num" min={p.min} max={p.max} value={value} onChange={(e) => set(e.target.value)} />
        : <select id={id} value={value} onChange={(e) => set(e.target.value)}>{p.values.map((v) => <option key={v}>{v}</option>)}</select>}
    </span>
  );
}

/** The form, drafted from the plot on screen. */
export function PlotForm({ plan, params }: { plan: SweepPlan; params: readonly ParamInfo[] }) {
  const route = usePlotStore((s) => s.route);
  const busy = usePlotStore((s) => s.status === 'sweeping');
  const [d, setD] = useState<Draft>(() => draftOf(plan, params));
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const set = (patch: Partial<Draft>): void => { setD({ ...d, ...patch }); setProblem(null); };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!route) return;
    const next = routeOfDraft(d, params, route);
    const planned = typeof next === 'string' ? null : planSweep(next, params);
    const why = typeof next === 'string' ? next : planned && !planned.ok ? planned.message : null;
    setProblem(why);
    if (why === null && typeof next !== 'string') commitPlot(next);
  };
  const ints = params.filter((p) => p.kind === 'int');
  const choices = params.filter((p) => p.kind === 'choice');
  return (
    <form className="plot-form" aria-label="Sweep" onSubmit={submit} noValidate>
      <fieldset className="plot-fieldset">
        <legend>Sweep</legend>
        <Field label="x" id={`${id}-x`}>
          <select id={`${id}-x`} value={d.x} onChange={(e) => { setD(withX(d, params, e.target.value)); setProblem(null); }}>
            {ints.map((p) => <option key={p.name}>{p.name}</option>)}
          </select>
        </Field>
        <Field label="from" id={`${id}-from`}><input id={`${id}-from`} type="number" className="plot-num" value={d.from} onChange={(e) => set({ from: e.target.value })} /></Field>
        <Field label="to" id={`${id}-to`}><input id={`${id}-to`} type="number" className="plot-num" value={d.to} onChange={(e) => set({ to: e.target.value })} /></Field>
        <Field label="by" id={`${id}-by`}><input id={`${id}-by`} type="number" className="plot-num" min={1} value={d.by} onChange={(e) => set({ by: e.target.value })} /></Field>
        <Field label="series" id={`${id}-series`}>
          <select id={`${id}-series`} value={d.series} onChange={(e) => set({ series: e.target.value })}>
            <option value="">none</option>
            {choices.map((p) => <option key={p.name}>{p.name}</option>)}
          </select>
        </Field>
      </fieldset>
      {fixedParams(params, d).length > 0 && (
        <fieldset className="plot-fieldset">
          <legend>Fixed</legend>
          {fixedParams(params, d).map((p) => (
            <FixedField key={p.name} p={p} value={d.fixed[p.name] ?? String(p.value)} set={(v) => set({ fixed: { ...d.fixed, [p.name]: v } })} />
          ))}
        </fieldset>
      )}
      <button type="submit" className="button primary" disabled={busy}>Plot</button>
      {problem && <p className="plot-problem" role="alert">{problem}</p>}
    </form>
  );
}
