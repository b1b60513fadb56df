// Meaning checks a JSON schema cannot express: names resolve, dependencies exist and do not cycle,
// addresses parse, fork children are declared. Every message is path-qualified.
import { type TaskId, taskId } from '../model/ids';
import { kernelProblem } from '../model/kernelver';
import { type AddrSpec, parseAddr } from './address';
import { ScenarioError } from './errors';
import { type CompiledOp, type Dep, NO_PARAMS, type Program, type ProgramParams, type TaskProgram } from './program';
import type { Scenario, ScenarioOp } from './schema';

const ADDR_FIELDS = ['addr', 'dst', 'src', 'at'] as const;
const RANGE_OPS = new Set(['read', 'write']);

function fieldProblem(op: ScenarioOp): string | null {
  if (op.op === 'uffd_serve' && op.resolve === 'move' && op.src === undefined) return 'src: resolve "move" needs src, the region whose page at the same offset is moved in';
  if (op.op === 'mmap') {
    if (op.file !== undefined || op.offset !== undefined) return 'file: file-backed mappings are not modelled yet';
    if (op.shared) return 'shared: shared (shmem) mappings are not modelled yet';
  }
  return null;
}

function compileOp(op: ScenarioOp, path: string, names: ReadonlyMap<string, TaskId>, errs: string[]): CompiledOp {
  const field = fieldProblem(op);
  if (field) errs.push(`${path}.${field}`);
  const addrs: Record<string, AddrSpec> = {};
  for (const f of ADDR_FIELDS) {
    const text = (op as Record<string, unknown>)[f];
    if (typeof text !== 'string') continue;
    const a = parseAddr(text, RANGE_OPS.has(op.op));
    if (typeof a === 'string') errs.push(`${path}.${f}: ${a}`);
    else addrs[f] = a;
  }
  let after: Dep | null = null;
  if (op.after) {
    const [name, idx] = op.after.split('#') as [string, string];
    const t = names.get(name);
    if (t === undefined) errs.push(`${path}.after: unknown task '${name}'`);
    else after = { task: t, op: Number(idx) };
  }
  return { op, after, addrs, repeat: op.repeat ?? 1, stride: op.stride ?? 0 };
}

function checkNames(s: Scenario, tasks: readonly TaskProgram[], errs: string[]): void {
  const regions = new Map<string, string>();
  const pins = new Set<string>();
  const uffds = new Set<string>();
  tasks.forEach((t, ti) => t.ops.forEach((c, oi) => {
    if (c.op.op === 'userfaultfd') uffds.add(c.op.as);
    if (c.op.op === 'mmap') {
      const prev = regions.get(c.op.as);
      if (prev) errs.push(`tasks[${ti}].ops[${oi}].as: region '${c.op.as}' is already defined at ${prev}`);
      regions.set(c.op.as, `tasks[${ti}].ops[${oi}]`);
    }
    if (c.op.op === 'pin_user_pages') pins.add(c.op.as);
  }));
  tasks.forEach((t, ti) => t.ops.forEach((c, oi) => {
    for (const [f, a] of Object.entries(c.addrs)) {
      if (a.kind === 'region' && !regions.has(a.region)) errs.push(`tasks[${ti}].ops[${oi}].${f}: unknown region '${a.region}'`);
    }
    if (c.op.op === 'unpin_user_pages' && !pins.has(c.op.pin)) errs.push(`tasks[${ti}].ops[${oi}].pin: unknown pin '${c.op.pin}'`);
    if ('uffd' in c.op && !uffds.has(c.op.uffd)) {
      const defined = uffds.size ? `defined: ${[...uffds].join(', ')}` : 'no userfaultfd op defines one';
      errs.push(`tasks[${ti}].ops[${oi}].uffd: no userfaultfd named "${c.op.uffd}" (${defined})`);
    }
    if (c.after) {
      const dep = tasks[c.after.task];
      if (dep && c.after.op >= dep.ops.length) {
        errs.push(`tasks[${ti}].ops[${oi}].after: task '${dep.name}' has only ${dep.ops.length} ops (0-based index ${c.after.op})`);
      }
    }
  }));
  void s;
}

function checkForks(s: Scenario, tasks: readonly TaskProgram[], errs: string[]): void {
  const children = new Map<string, string>();
  const named = new Set<string>();
  tasks.forEach((t, ti) => t.ops.forEach((c, oi) => {
    if (c.op.op !== 'fork') return;
    named.add(c.op.child);
    const kid = tasks.find((k) => k.name === (c.op as { child: string }).child);
    const p = `tasks[${ti}].ops[${oi}].child`;
    if (!kid) errs.push(`${p}: no task named '${c.op.child}' is declared`);
    else if (kid.forkedBy !== t.id) errs.push(`${p}: task '${kid.name}' must say "forkedBy": "${t.name}"`);
    else if (kid.process === t.process) errs.push(`${p}: the child '${kid.name}' needs its own process name (not '${t.process}')`);
    else if (children.has(kid.name)) errs.push(`${p}: '${kid.name}' is already forked at ${children.get(kid.name)}`);
    else children.set(kid.name, p);
  }));
  s.tasks.forEach((t, ti) => {
    if (t.forkedBy !== undefined && !named.has(t.name)) errs.push(`tasks[${ti}].forkedBy: '${t.forkedBy}' never forks '${t.name}'`);
  });
  const cpus = s.machine.cpus;
  // Tasks may share a CPU: it runs one at a time (kernel/sched.ts leaveCpu).
  s.tasks.forEach((t, ti) => {
    if (t.cpu >= cpus) errs.push(`tasks[${ti}].cpu: CPU ${t.cpu} does not exist (machine.cpus is ${cpus})`);
  });
}

// Ops wait for their predecessor in the same task and for their `after`; a cycle would hang forever.
function checkCycles(tasks: readonly TaskProgram[], errs: string[]): void {
  const state = new Map<string, number>();
  const visit = (t: number, o: number): boolean => {
    const key = `${t}#${o}`;
    const s = state.get(key);
    if (s === 2) return false;
    if (s === 1) return true;
    state.set(key, 1);
    const op = tasks[t]?.ops[o];
    if (!op) return false;
    const deps: Dep[] = [];
    if (o > 0) deps.push({ task: taskId(t), op: o - 1 });
    if (op?.after) deps.push(op.after);
    const forker = tasks[t]?.forkedBy;
    if (o === 0 && forker != null) {
      const fi = tasks[forker]?.ops.findIndex((c) => c.op.op === 'fork' && c.op.child === tasks[t]?.name) ?? -1;
      if (fi >= 0) deps.push({ task: forker, op: fi });
    }
    const cyc = deps.some((d) => visit(d.task, d.op));
    state.set(key, 2);
    return cyc;
  };
  tasks.forEach((t, ti) => t.ops.forEach((_, oi) => {
    if (state.get(`${ti}#${oi}`) === undefined && visit(ti, oi)) errs.push(`tasks[${ti}].ops[${oi}].after: the "after" dependencies form a cycle, so the run could never finish`);
  }));
}

/** Checks a shape-valid (expanded) scenario and compiles it, or throws ScenarioError with every problem found. */
export function compile(s: Scenario, params: ProgramParams = NO_PARAMS): Program {
  const errs: string[] = [];
  const names = new Map<string, TaskId>();
  s.tasks.forEach((t, i) => {
    if (names.has(t.name)) errs.push(`tasks[${i}].name: task '${t.name}' is declared twice`);
    names.set(t.name, taskId(i));
  });
  const kernel = s.kernel ?? '6.18';
  const badKernel = kernelProblem(kernel);
  if (badKernel) errs.push(`kernel: ${badKernel}`);
  const tasks: TaskProgram[] = s.tasks.map((t, ti) => {
    const forkedBy = t.forkedBy === undefined ? null : names.get(t.forkedBy);
    if (forkedBy === undefined) errs.push(`tasks[${ti}].forkedBy: unknown task '${t.forkedBy ?? ''}'`);
    return {
      id: taskId(ti), name: t.name, process: t.process, cpu: t.cpu, forkedBy: forkedBy ?? null,
      ops: t.ops.map((op, oi) => compileOp(op, `tasks[${ti}].ops[${oi}]`, names, errs)),
    };
  });
  const nodes = s.machine.nodes ?? 1;
  if (nodes * (s.machine.framesPerNode ?? 4096) > 1 << 22) errs.push(`machine: ${nodes} nodes × framesPerNode is more than 4,194,304 frames (16 GiB), too large to simulate`);
  if (errs.length === 0) {
    checkNames(s, tasks, errs);
    checkForks(s, tasks, errs);
    checkCycles(tasks, errs);
  }
  if (errs.length) throw new ScenarioError(errs);
  return { scenario: s, kernel, tasks, taskByName: names, paramDecls: params.paramDecls, params: params.params };
}
