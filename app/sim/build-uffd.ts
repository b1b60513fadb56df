// The userfaultfd contexts of a frame: registered ranges, the two message queues, the tasks asleep in
// handle_userfault, the handler loops and the ioctls in flight. Runs in the worker; pure. Work is
// O(contexts × (VMAs + messages) + actors): nothing here walks pages.
import type { StepRecord } from '../../sim-core/engine/record';
import type { Actor } from '../../sim-core/engine/types';
import { stateName } from '../../sim-core/engine/xrun';
import type { FaultData } from '../../sim-core/kernel/fault-common';
import type { RegisterData, WakeData } from '../../sim-core/machines/uffd';
import type { MfillData } from '../../sim-core/machines/uffd-fill';
import type { MoveData } from '../../sim-core/machines/uffd-move';
import type { ServeData } from '../../sim-core/machines/uffd-serve';
import type { WpData } from '../../sim-core/machines/uffd-wp';
import { flagNames, type UffdCtx, uffdHas, type UffdMsg } from '../../sim-core/model/uffd';
import { VM, type Vma } from '../../sim-core/model/vma';
import type { World } from '../../sim-core/model/world';
import type { UffdHandlerState, UffdResolve, UffdHandlerView, UffdIoctlView, UffdMsgView, UffdRangeView, UffdView, UffdWaiterView } from './frame-uffd';

/** The machines that act on a context from an ioctl (UFFDIO_REGISTER included). */
export type IoctlKind = 'mfill_atomic' | 'uffd_move' | 'uffd_writeprotect' | 'uffd_wake' | 'uffd_register';
const IOCTL_KINDS: ReadonlySet<string> = new Set<IoctlKind>(['mfill_atomic', 'uffd_move', 'uffd_writeprotect', 'uffd_wake', 'uffd_register']);

// uffd_serve machine states (machines/uffd-serve.ts) as what the handler thread is doing.
const HANDLER_STATE: Readonly<Record<string, UffdHandlerState>> = { read: 'read', wait_msg: 'poll', resolve: 'resolve', wait_save: 'save', wait_ioctl: 'ioctl', done: 'done' };

const taskName = (w: World, t: number | null): string => (t === null ? '?' : (w.tasks[t]?.name ?? '?'));

/** The message as the handler reads it, flags split into their UFFD_PAGEFAULT_FLAG_* names. */
export function msgView(w: World, ctx: UffdCtx, m: UffdMsg): UffdMsgView {
  const flags = flagNames(m.flags);
  return { id: m.id, addr: m.addr, flags: flags === '0' ? [] : flags.split('|'), task: taskName(w, m.task), tid: uffdHas(ctx, 'thread_id') ? Number(m.task) : null };
}

/** The VM_UFFD_* modes of a VMA, as UFFDIO_REGISTER_MODE_* names. */
export function uffdModes(v: Vma): string[] {
  const out: string[] = [];
  if (v.flags & VM.UFFD_MISSING) out.push('MISSING');
  if (v.flags & VM.UFFD_WP) out.push('WP');
  if (v.flags & VM.UFFD_MINOR) out.push('MINOR');
  return out;
}

function ranges(w: World, ctx: UffdCtx): UffdRangeView[] {
  const vmas = w.mms.get(ctx.mm)?.vmas ?? [];
  return vmas.filter((v) => v.uffd === ctx.id).map((v) => ({ vma: v.id, start: v.start, end: v.end, modes: uffdModes(v) }));
}

/** The ioctl an actor of kind `kind` runs: its name, mode words and range. */
function ioctlFields(kind: IoctlKind, data: unknown): Pick<UffdIoctlView, 'name' | 'mode' | 'start' | 'len'> & { uffd: number } {
  switch (kind) {
    case 'mfill_atomic': {
      const d = data as MfillData;
      const mode = [d.wp ? 'WP' : '', d.dontwake ? 'DONTWAKE' : ''].filter(Boolean).join('|');
      return { uffd: d.uffd, name: d.what === 'copy' ? 'UFFDIO_COPY' : 'UFFDIO_ZEROPAGE', mode, start: d.dst, len: d.len };
    }
    case 'uffd_move': {
      const d = data as MoveData;
      return { uffd: d.uffd, name: d.name, mode: d.dontwake ? 'DONTWAKE' : '', start: d.dst, len: d.len };
    }
    case 'uffd_writeprotect': {
      const d = data as WpData;
      return { uffd: d.uffd, name: 'UFFDIO_WRITEPROTECT', mode: [d.wp ? 'WP' : '0', d.dontwake ? 'DONTWAKE' : ''].filter(Boolean).join('|'), start: d.start, len: d.len };
    }
    case 'uffd_wake': {
      const d = data as WakeData;
      return { uffd: d.uffd, name: 'UFFDIO_WAKE', mode: '', start: d.start, len: d.len };
    }
    case 'uffd_register': {
      const d = data as RegisterData;
      return { uffd: d.uffd, name: 'UFFDIO_REGISTER', mode: d.modes.map((m) => m.toUpperCase()).join('|'), start: d.start, len: d.end - d.start };
    }
  }
}

function ioctlViews(w: World, actors: readonly Actor[]): (UffdIoctlView & { uffd: number })[] {
  const serving = new Set(actors.filter((a) => a.kind === 'uffd_serve').map((a) => a.id));
  return actors.filter((a) => IOCTL_KINDS.has(a.kind)).map((a) => ({
    ...ioctlFields(a.kind as IoctlKind, a.data), actor: a.id, task: taskName(w, a.task), state: stateName(a.snapshot),
    handler: a.parent !== null && serving.has(a.parent) ? a.parent : null,
  }));
}

const WAIT_KEY = /^uffd:(\d+):msg:(\d+)$/;

function waiterViews(w: World, actors: readonly Actor[], ctx: UffdCtx): UffdWaiterView[] {
  const queued = new Set([...ctx.pending, ...ctx.read].map((m) => m.id));
  const out: UffdWaiterView[] = [];
  for (const a of actors) {
    if (a.kind !== 'fault' || stateName(a.snapshot) !== 'userfault_wait') continue;
    const d = a.data as FaultData;
    const k = WAIT_KEY.exec(d.waitOn ?? '');
    if (!k || Number(k[1]) !== ctx.id) continue;
    const msg = Number(k[2]);
    out.push({ actor: a.id, task: taskName(w, d.task), cpu: a.cpu, addr: d.addr, write: d.write, msg, woken: !queued.has(msg) });
  }
  return out;
}

/** The ioctl a handler loop answers each fault with (UFFDIO_MOVE was UFFDIO_REMAP before 6.8). */
export function resolveWith(resolve: UffdResolve, uffdMove: boolean): string {
  switch (resolve) {
    case 'copy': return 'UFFDIO_COPY';
    case 'zeropage': return 'UFFDIO_ZEROPAGE';
    case 'move': return uffdMove ? 'UFFDIO_MOVE' : 'UFFDIO_REMAP';
    case 'unprotect': return 'UFFDIO_WRITEPROTECT';
  }
}

function handlerViews(w: World, actors: readonly Actor[], ctx: UffdCtx, ioctls: readonly UffdIoctlView[]): UffdHandlerView[] {
  return actors.filter((a) => a.kind === 'uffd_serve' && (a.data as ServeData).uffd === ctx.id).map((a) => {
    const d = a.data as ServeData;
    const state = HANDLER_STATE[stateName(a.snapshot)] ?? 'read';
    return {
      actor: a.id, task: taskName(w, d.task), cpu: a.cpu, state, resolve: d.resolve, resolveWith: resolveWith(d.resolve, w.cfg.features.uffdMove), served: d.served, count: d.count,
      msg: d.current ? msgView(w, ctx, d.current) : null, ioctl: ioctls.find((i) => i.handler === a.id) ?? null,
    };
  });
}

/** Message ids the step's plan queued, read (refiled to fault_wqh) and dequeued (woke), per context. */
export function movedBy(record: StepRecord | null, ctx: number): UffdView['moved'] {
  const queued: number[] = [];
  const read: number[] = [];
  const woken: number[] = [];
  for (const op of record?.plan ?? []) {
    if (op.op === 'uffd_queue' && op.uffd === ctx) queued.push(op.msg.id);
    if (op.op === 'uffd_read' && op.uffd === ctx) read.push(op.msg);
    if (op.op === 'uffd_dequeue' && op.uffd === ctx) woken.push(...op.msgs);
  }
  return { queued, read, woken };
}

/** Every userfaultfd context of the world as the views draw it, after the step `record`. */
export function uffdViews(w: World, actors: readonly Actor[], record: StepRecord | null): UffdView[] {
  if (w.uffds.size === 0) return [];
  const ioctls = ioctlViews(w, actors);
  return [...w.uffds.values()].map((ctx) => {
    const mine = ioctls.filter((i) => i.uffd === ctx.id).map(({ uffd: _uffd, ...rest }) => rest);
    return {
      id: ctx.id, fd: ctx.fd, name: ctx.name, mm: ctx.mm, process: w.mms.get(ctx.mm)?.process ?? '(gone)',
      features: ctx.features.map((f) => f.toUpperCase()), ranges: ranges(w, ctx),
      pending: ctx.pending.map((m) => msgView(w, ctx, m)), read: ctx.read.map((m) => msgView(w, ctx, m)),
      waiters: waiterViews(w, actors, ctx), handlers: handlerViews(w, actors, ctx, mine), ioctls: mine, moved: movedBy(record, ctx.id),
    };
  });
}
