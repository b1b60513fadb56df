// A scenario task: runs its ops in order on its CPU. Accesses go through the MMU (kernel/mmu.ts);
// syscalls start child machines; "after" dependencies and sleep block it (its CPU goes lazy).
import { SIGNAL, SYSCALL } from '../engine/costs';
import type { Message, MachineDef, OpResult } from '../engine/types';
import { MARK } from '../engine/types';
import { plural } from '../kernel/words';
import type { ActorId } from '../model/ids';
import { mmuAccess } from '../kernel/mmu';
import { Plan } from '../kernel/plan';
import { scheduleIn, scheduleOut } from '../kernel/sched';
import { advance, currentOp, prog, type TaskData, type TCtx, type TOut } from '../kernel/task-data';
import { machineSetup, states } from './common';
import { syscallArgs } from './syscalls';
import { exitMm, waitExit } from './task-exit';

const SCHED = { file: 'kernel/sched/core.c', name: 'context_switch' };
const USER = { file: 'user space', name: 'the scenario program' };
const EXIT = { file: 'kernel/exit.c', name: 'do_exit' };

const machine = machineSetup.createMachine({
  id: 'task',
  initial: 'start',
  states: {
    start: { description: 'scheduled onto its CPU', on: { RUN: 'next_op' } },
    next_op: {
      description: 'pick the next op',
      on: { ACCESS: 'access', SYSCALL: { target: 'in_syscall', actions: 'spawn' }, BLOCK: 'blocked', SLEEP: 'asleep', EXIT: 'exit_mm', IDLE: 'user' },
    },
    access: { description: 'a load or store through the MMU', on: { NEXT_PAGE: 'access', DONE: 'next_op', FAULT: { target: 'in_fault', actions: 'spawn' } } },
    in_fault: { description: 'in the page-fault handler', on: { RETRY: 'access', SIGNAL: { target: 'exit_mm', actions: 'wake' }, KILL: 'in_fault', EXIT: 'exit_mm' } },
    in_syscall: { description: 'in a system call', on: { DONE: 'next_op', FORKED: { target: 'next_op', actions: 'startTask' }, KILL: 'in_syscall', EXIT: 'exit_mm' } },
    blocked: { description: 'waiting for another task (CPU lazy)', on: { RESUME: 'next_op', KILL: 'exit_mm' } },
    asleep: { description: 'asleep for good (CPU lazy)', on: { KILL: 'exit_mm' } },
    user: { description: 'no ops left: running in user space', on: { KILL: 'exit_mm' } },
    exit_mm: { description: 'exit_mm: drop the mm', on: { EXITED: 'exited', TEARDOWN: { target: 'wait_exit', actions: 'spawn' } } },
    wait_exit: { description: 'exit_mmap tears the address space down', on: { CHILD_DONE: 'exited' } },
    exited: { type: 'final' },
  },
});

function start(c: TCtx): TOut {
  const s = scheduleIn(c, false);
  return { event: 'RUN', fn: SCHED, cost: s.cost, plan: s.plan.ops, say: s.say };
}

function nextOp(c: TCtx): TOut {
  const d = c.actor.data;
  const p = prog(c);
  const cop = currentOp(c);
  if (!cop) {
    const plan = new Plan().add({ op: 'task_status', task: d.task, status: 'user' });
    return { event: 'IDLE', fn: USER, cost: 0, plan: plan.ops, say: `${p.name} has run all its ops: it keeps running in user space (its CPU keeps the mm loaded, not lazy)` };
  }
  const after = cop.after;
  if (d.run === 0 && after && c.run.opsDone(after.task) <= after.op) {
    const dep = c.program.tasks[after.task]?.name ?? '?';
    const out = scheduleOut(c.world, c, 'blocked');
    return { event: 'BLOCK', fn: SCHED, cost: 0, plan: out.plan.ops, say: `${p.name} waits for ${dep}#${after.op}: it blocks and ${out.then(`CPU${p.cpu} idles in lazy TLB mode (the mm stays loaded)`)}` };
  }
  const note = cop.op.note ? ` — ${cop.op.note}` : '';
  const kind = cop.op.op;
  if (kind === 'read' || kind === 'write') {
    return { event: 'ACCESS', fn: USER, cost: 0, say: `${p.name} starts op ${d.op}: ${kind} ${cop.op.addr}${note}` };
  }
  if (kind === 'sleep') {
    const out = scheduleOut(c.world, c, 'sleeping');
    const n = advance(c);
    return { event: 'SLEEP', fn: SCHED, cost: 0, plan: out.plan.ops, data: n.data, opDone: n.opDone, result: { ret: null, errno: null }, say: `${p.name} goes to sleep for good: ${out.then(`CPU${p.cpu} idles in lazy TLB mode with the mm still loaded`)}${note}` };
  }
  if (kind === 'exit') return { event: 'EXIT', fn: EXIT, cost: SYSCALL, say: `${p.name} calls exit()${note}` };
  const spawn = syscallArgs(c);
  return { event: 'SYSCALL', fn: { file: spawn.file, name: spawn.name }, cost: SYSCALL, out: { spawn }, marks: MARK.syscall, say: `${p.name} calls ${spawn.call}${note}` };
}

function killOthers(c: TCtx, signal: string): { actor: ActorId; msg: Message }[] {
  const me = c.world.tasks[c.actor.data.task];
  const out: { actor: ActorId; msg: Message }[] = [];
  for (const t of c.world.tasks) {
    if (t.id === me?.id || t.process !== me?.process) continue;
    const a = c.run.taskActor(t.id);
    if (a) out.push({ actor: a.id, msg: { type: 'KILL', at: c.now, signal } });
  }
  return out;
}

function inFault(c: TCtx): TOut {
  const d = c.actor.data;
  const msg = c.msg;
  if (msg?.type === 'KILL') return { event: 'KILL', fn: EXIT, cost: 0, data: { ...d, killed: msg.signal }, say: `a fatal ${msg.signal} is pending; it takes effect when the fault returns` };
  const r: OpResult | null = msg?.type === 'CHILD_DONE' ? msg.result : null;
  if (r?.signal) {
    const wake = killOthers(c, r.signal);
    const name = prog(c).name;
    return {
      event: 'SIGNAL', fn: { file: 'kernel/signal.c', name: 'force_sig_fault' }, cost: SIGNAL, result: r, data: { ...d, killed: r.signal },
      out: { wake }, marks: MARK.fault,
      say: `${name} takes ${r.signal}; the default action kills the whole process${wake.length ? ` (${plural(wake.length, 'other thread')} ${wake.length > 1 ? 'get' : 'gets'} SIGKILL)` : ''}`,
    };
  }
  if (d.killed) return { event: 'EXIT', fn: EXIT, cost: 0, say: `the fault returns and the pending ${d.killed} kills ${prog(c).name}` };
  return { event: 'RETRY', fn: USER, cost: 0, say: 'the fault is handled: the instruction runs again' };
}

function inSyscall(c: TCtx): TOut {
  const d = c.actor.data;
  const msg = c.msg;
  if (msg?.type === 'KILL') return { event: 'KILL', fn: EXIT, cost: 0, data: { ...d, killed: msg.signal }, say: `a fatal ${msg.signal} is pending; it takes effect when the syscall returns` };
  const r: OpResult = msg?.type === 'CHILD_DONE' && msg.result ? msg.result : { ret: null, errno: null };
  if (d.killed) return { event: 'EXIT', fn: EXIT, cost: 0, say: `the syscall returns and the pending ${d.killed} kills ${prog(c).name}` };
  const cop = currentOp(c);
  const n = advance(c);
  const shown = r.errno ? `-1 (${r.errno})` : String(r.ret);
  const say = `${cop?.op.op ?? 'syscall'} returns ${shown}`;
  if (cop?.op.op === 'fork' && !r.errno) {
    const child = c.program.taskByName.get(cop.op.child);
    return { event: 'FORKED', fn: { file: 'kernel/fork.c', name: 'kernel_clone' }, cost: SYSCALL, data: n.data, opDone: n.opDone, result: r, out: { startTask: child }, say: `${say}; the child starts running` };
  }
  return { event: 'DONE', fn: USER, cost: 0, data: n.data, opDone: n.opDone, result: r, say };
}

function blocked(c: TCtx): TOut {
  if (c.msg?.type === 'KILL') return { event: 'KILL', fn: EXIT, cost: 0, data: { ...c.actor.data, killed: c.msg.signal }, say: `${prog(c).name} is woken by ${c.msg.signal}` };
  const s = scheduleIn(c, true);
  return { event: 'RESUME', fn: SCHED, cost: s.cost, plan: s.plan.ops, say: s.say };
}

function killedWhile(c: TCtx): TOut {
  const sig = c.msg?.type === 'KILL' ? c.msg.signal : 'SIGKILL';
  return { event: 'KILL', fn: EXIT, cost: 0, data: { ...c.actor.data, killed: sig }, say: `${prog(c).name} is killed by ${sig}` };
}

/** The task machine; exit handlers live in exit.ts. */
export const taskMachine = machine;
export const taskHandlers = { start, next_op: nextOp, access: mmuAccess, in_fault: inFault, in_syscall: inSyscall, blocked, asleep: killedWhile, user: killedWhile, exit_mm: exitMm, wait_exit: waitExit };
export type { TaskData };
export const taskWaiting = states('in_fault', 'in_syscall', 'blocked', 'asleep', 'user', 'wait_exit');
export type TaskDef = MachineDef<TaskData>;
