// Expands a scenario document's parameters and instances into a plain v1 document, before the
// strict schema sees it: references in strings are replaced by values, and a task with
// "instances": n becomes n tasks. The rest of the pipeline never sees a parameter.
import { ScenarioError } from './errors';
import type { ParamValue, Scope } from './expr';
import { type ParamDecl, type ParamOverrides, readDecls, resolveParams } from './params';
import { substitute } from './template';
import { evalWhen } from './when';

/** A document with its parameters expanded. */
export interface Expansion {
  /** The plain v1 document: no "params", no "instances", no references. */
  readonly doc: unknown;
  readonly decls: readonly ParamDecl[];
  /** The value of every declared parameter in this expansion. */
  readonly values: Readonly<Record<string, ParamValue>>;
  /** For each task of `doc`, where it came from: "tasks[1]", or "tasks[1][i=2]" for an instance. */
  readonly taskPaths: readonly string[];
}

/** Most instances one task may expand to (a machine has at most 256 CPUs, one per task). */
export const MAX_INSTANCES = 256;
/** Most JSON values the instances of one task may add up to, so a large task times many instances cannot hang the tab. */
export const MAX_EXPANDED_VALUES = 1_000_000;

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

class Walker {
  readonly errs: string[] = [];

  constructor(private readonly params: ReadonlyMap<string, ParamValue>, private readonly decls: ReadonlyMap<string, ParamDecl> = new Map()) {}

  /** Names visible in a string: the parameters, and `i` inside an instance. */
  scope(i: number | null): Scope {
    return {
      get: (n) => (n === 'i' ? (i ?? undefined) : this.params.get(n)),
      missing: (n) => (n === 'i' ? `'i' is only defined inside a task with "instances"` : `unknown parameter '${n}'`),
    };
  }

  walk(x: unknown, path: string, scope: Scope, note = ''): unknown {
    if (typeof x === 'string') {
      const r = substitute(x, scope);
      if (r.ok) return r.value;
      this.errs.push(`${path}: ${r.error}${note}`);
      return x;
    }
    if (Array.isArray(x)) return this.walkArray(x, path, scope, note);
    // fromEntries makes own properties even of "__proto__", so the strict schema still sees every key.
    if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, this.walk(v, path === '' ? k : `${path}.${k}`, scope, note)]));
    return x;
  }

  /** Whether an array element stays in this run (false also after recording a bad `when`). */
  kept(y: unknown, path: string): boolean {
    if (!isObject(y) || !('when' in y)) return true;
    const r = evalWhen(y.when, this.decls, this.params);
    if (!r.ok) this.errs.push(`${path}.when: ${r.error}`);
    return r.ok && r.keep;
  }

  // Paths keep the element's index in the document as written, so messages point at the source.
  private walkArray(x: readonly unknown[], path: string, scope: Scope, note: string): unknown[] {
    const out: unknown[] = [];
    x.forEach((y, k) => {
      const p = `${path}[${k}]`;
      if (!this.kept(y, p)) return;
      const { when: _w, ...rest } = isObject(y) ? y : { when: undefined };
      out.push(this.walk(isObject(y) ? rest : y, p, scope, note));
    });
    return out;
  }
}

// JSON values in x (objects and arrays count as one each, plus their contents).
function size(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((a: number, y) => a + size(y), 1);
  if (isObject(x)) return Object.values(x).reduce((a: number, y) => a + size(y), 1);
  return 1;
}

/** How many instances a task asks for, or null after recording why it cannot have them. */
function instanceCount(task: Obj, path: string, w: Walker, cpus: unknown): number | null {
  const before = w.errs.length;
  const n = w.walk(task.instances, `${path}.instances`, w.scope(null));
  if (w.errs.length > before) return null;
  const p = `${path}.instances`;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) w.errs.push(`${p}: must be a whole number from 0 (got ${JSON.stringify(n)})`);
  else if (n > MAX_INSTANCES) w.errs.push(`${p}: ${n} instances; a task may have at most ${MAX_INSTANCES}`);
  else if (typeof cpus === 'number' && n > cpus) w.errs.push(`${p}: ${n} instances need ${n} CPUs (one each), but machine.cpus is ${cpus}`);
  else if (n * size(task) > MAX_EXPANDED_VALUES) {
    const c = (x: number) => x.toLocaleString('en-US');
    w.errs.push(`${p}: ${n} copies of this task (${c(size(task))} JSON values each) would be more than ${c(MAX_EXPANDED_VALUES)} values, too large to simulate`);
  } else return n;
  return null;
}

interface Tasks { readonly tasks: unknown[]; readonly paths: string[]; readonly bases: Map<string, string[]> }

function expandInstances(task: Obj, path: string, w: Walker, cpus: unknown, out: Tasks): void {
  const n = instanceCount(task, path, w, cpus);
  if (n === null) return;
  const { instances: _n, ...rest } = task;
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const before = w.errs.length;
    const t = w.walk(rest, path, w.scope(i), ` (in instance i=${i})`) as Obj;
    if (typeof t.name === 'string') t.name = `${t.name}${i}`;
    if (typeof t.cpu === 'number') t.cpu += i;
    if (typeof t.cpu === 'number' && typeof cpus === 'number' && t.cpu >= cpus) {
      w.errs.push(`${path}.instances: instance ${i} would run on CPU ${t.cpu}, but machine.cpus is ${cpus} (CPUs 0 to ${cpus - 1})`);
    }
    // One instance's problems are every instance's problems; say them once.
    if (w.errs.length > before) return;
    out.tasks.push(t);
    out.paths.push(`${path}[i=${i}]`);
    names.push(String(t.name));
  }
  if (typeof rest.name === 'string') out.bases.set(rest.name, names);
}

function expandTasks(tasks: readonly unknown[], w: Walker, cpus: unknown): Tasks {
  const out: Tasks = { tasks: [], paths: [], bases: new Map() };
  tasks.forEach((t, k) => {
    if (!w.kept(t, `tasks[${k}]`)) return;
    const { when: _w, ...task } = isObject(t) ? t : { when: undefined };
    if (isObject(t) && 'instances' in t) expandInstances(task, `tasks[${k}]`, w, cpus, out);
    else {
      out.tasks.push(w.walk(isObject(t) ? task : t, `tasks[${k}]`, w.scope(null)));
      out.paths.push(`tasks[${k}]`);
    }
  });
  return out;
}

function baseRefError(base: string, names: readonly string[]): string {
  const which = names.length === 0 ? 'it has none (instances is 0)'
    : names.length <= 3 ? names.join(', ') : `${names[0] ?? ''} to ${names[names.length - 1] ?? ''}`;
  return `'${base}' is a task with "instances"; name one instance: ${which}`;
}

// After expansion a reference to the base name of an instanced task names no task; say why.
function checkBaseRefs(doc: Obj, t: Tasks, errs: string[]): void {
  const real = new Set(t.tasks.map((x) => (isObject(x) ? x.name : undefined)));
  const base = (n: unknown): readonly string[] | undefined => (typeof n === 'string' && !real.has(n) ? t.bases.get(n) : undefined);
  const check = (n: unknown, path: string, name = n) => {
    const names = base(name);
    if (names) errs.push(`${path}: ${baseRefError(String(name), names)}`);
  };
  t.tasks.forEach((task, ti) => {
    if (!isObject(task)) return;
    const p = t.paths[ti] ?? `tasks[${ti}]`;
    check(task.forkedBy, `${p}.forkedBy`);
    const ops = Array.isArray(task.ops) ? task.ops : [];
    ops.forEach((op, oi) => {
      if (!isObject(op)) return;
      if (typeof op.after === 'string') check(op.after, `${p}.ops[${oi}].after`, op.after.split('#')[0]);
      check(op.child, `${p}.ops[${oi}].child`);
    });
  });
  const results = isObject(doc.expect) && Array.isArray(doc.expect.results) ? doc.expect.results : [];
  results.forEach((r, k) => { if (isObject(r)) check(r.task, `expect.results[${k}].task`); });
}

/** Expands `input` with the given parameter values; throws ParamError or ScenarioError. */
export function expandScenario(input: unknown, given?: ParamOverrides): Expansion {
  if (!isObject(input)) return { doc: input, decls: [], values: {}, taskPaths: [] };
  const decls = readDecls(input.params);
  const values = resolveParams(decls, given);
  const w = new Walker(new Map(Object.entries(values)), new Map(decls.map((d) => [d.name, d])));
  const { params: _p, tasks, ...rest } = input;
  // Everything but the tasks first: instances are checked against the expanded machine.cpus.
  const top = w.walk(rest, '', w.scope(null)) as Obj;
  const cpus = isObject(top.machine) ? top.machine.cpus : undefined;
  const t = Array.isArray(tasks) ? expandTasks(tasks, w, cpus) : null;
  const expandedTasks = t ? t.tasks : w.walk(tasks, 'tasks', w.scope(null));
  const doc = Object.fromEntries(Object.keys(input).filter((k) => k !== 'params').map((k) => [k, k === 'tasks' ? expandedTasks : top[k]]));
  if (t && w.errs.length === 0) checkBaseRefs(doc, t, w.errs);
  if (w.errs.length) throw new ScenarioError(w.errs);
  return { doc, decls, values, taskPaths: t ? t.paths : [] };
}
