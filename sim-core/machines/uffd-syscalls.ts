// The userfaultfd ops of the scenario language, turned into the machines that run them.
import type { MmId, UffdId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import { uffdByName } from '../model/uffd';
import { prog, resolveAddr, RunError, type TCtx } from '../kernel/task-data';
import type { ScenarioOp } from '../scenarios/schema';
import type { SyscallStart } from './syscalls';
import { mfillData } from './uffd-fill';
import { moveData } from './uffd-move';
import { serveData } from './uffd-serve';
import { wpData } from './uffd-wp';

type UffdOp = Extract<ScenarioOp, { uffd: string }>;
const FS = 'fs/userfaultfd.c';

// Did this name's userfaultfd op already return (and fail)? Then the fd is -1 and ioctls get EBADF.
function failedEarlier(c: TCtx, name: string): boolean {
  for (const t of c.program.tasks) {
    const i = t.ops.findIndex((o) => o.op.op === 'userfaultfd' && o.op.as === name);
    if (i >= 0 && c.run.opsDone(t.id) > i) return true;
  }
  return false;
}

function ctxId(c: TCtx, op: UffdOp): UffdId | null {
  const ctx = uffdByName(c.world.uffds, op.uffd);
  if (ctx) return ctx.id;
  if (failedEarlier(c, op.uffd)) return null;
  const t = prog(c);
  throw new RunError(`tasks[${t.id}].ops[${c.actor.data.op}].uffd: userfaultfd '${op.uffd}' is used before its userfaultfd op has returned (add an "after" dependency)`);
}

function badFd(op: UffdOp): SyscallStart {
  return { kind: 'syscall_error', data: { errno: 'EBADF', why: `userfaultfd '${op.uffd}' failed, so its fd is -1`, result: null }, call: `${op.op} on a failed userfaultfd`, file: FS, name: 'userfaultfd_ioctl' };
}

function regionAddr(c: TCtx, name: string): number {
  const r = c.run.region(name);
  if (!r || r.addr === null) {
    const t = prog(c);
    throw new RunError(`tasks[${t.id}].ops[${c.actor.data.op}].src: region '${name}' is not mapped (add an "after" dependency on its mmap)`);
  }
  return r.addr;
}

function ioctlStart(c: TCtx, op: UffdOp, uffd: UffdId): SyscallStart {
  const task = c.actor.data.task;
  switch (op.op) {
    case 'UFFDIO_REGISTER': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'uffd_register', data: { uffd, start, end: start + op.pages * PAGE_SIZE, modes: op.mode, cursor: start, result: null }, call: `ioctl(UFFDIO_REGISTER, ${op.addr}, ${op.pages} pages, ${op.mode.join('|') || '0'})`, file: FS, name: 'userfaultfd_register' };
    }
    case 'UFFDIO_COPY': {
      const tag = op.value ?? `${prog(c).name}:${c.actor.data.op}`;
      const data = mfillData(uffd, task, 'copy', resolveAddr(c, 'dst'), op.pages, { tag, wp: op.mode?.includes('wp'), dontwake: op.mode?.includes('dontwake') });
      return { kind: 'mfill_atomic', data, call: `ioctl(UFFDIO_COPY, ${op.dst}, ${op.pages} pages)`, file: FS, name: 'userfaultfd_copy' };
    }
    case 'UFFDIO_ZEROPAGE':
      return { kind: 'mfill_atomic', data: mfillData(uffd, task, 'zeropage', resolveAddr(c, 'dst'), op.pages, { dontwake: op.mode?.includes('dontwake') }), call: `ioctl(UFFDIO_ZEROPAGE, ${op.dst}, ${op.pages} pages)`, file: FS, name: 'userfaultfd_zeropage' };
    case 'UFFDIO_MOVE': case 'UFFDIO_REMAP': {
      // UFFDIO_REMAP is the 2015–2017 name: the proposal's semantics before 6.8, an alias of MOVE after.
      const legacy = op.op === 'UFFDIO_REMAP' && !c.world.cfg.features.uffdMove;
      const data = moveData(uffd, task, op.op, resolveAddr(c, 'dst'), resolveAddr(c, 'src'), op.pages, op.mode ?? [], legacy);
      return { kind: 'uffd_move', data, call: `ioctl(${op.op}, ${op.dst} ← ${op.src}, ${op.pages} pages${op.mode?.length ? `, ${op.mode.join('|')}` : ''})`, file: FS, name: 'userfaultfd_move' };
    }
    case 'UFFDIO_WRITEPROTECT': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'uffd_writeprotect', data: wpData(uffd, task, start, op.pages * PAGE_SIZE, op.wp, op.dontwake ?? false), call: `ioctl(UFFDIO_WRITEPROTECT, ${op.addr}, ${op.pages} pages, ${op.wp ? 'WP' : '0'})`, file: FS, name: 'userfaultfd_writeprotect' };
    }
    case 'UFFDIO_WAKE': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'uffd_wake', data: { uffd, task, start, len: op.pages * PAGE_SIZE, result: null }, call: `ioctl(UFFDIO_WAKE, ${op.addr}, ${op.pages} pages)`, file: FS, name: 'userfaultfd_wake' };
    }
    case 'uffd_serve': {
      const src = op.src ? { name: op.src, addr: regionAddr(c, op.src) } : null;
      return { kind: 'uffd_serve', data: serveData(uffd, task, op.resolve, src, op.count, op.delay_us ?? 0), call: `a handler loop: ${op.count} × (read a fault, ${op.resolve} it)`, file: FS, name: 'userfaultfd_read' };
    }
  }
}

/** The machine for a userfaultfd op. */
export function uffdSyscall(c: TCtx, op: ScenarioOp, mm: MmId): SyscallStart {
  if (op.op === 'userfaultfd') {
    return { kind: 'userfaultfd', data: { name: op.as, mm, features: op.features ?? [], result: null }, call: 'userfaultfd(O_CLOEXEC | O_NONBLOCK) + UFFDIO_API', file: FS, name: 'userfaultfd' };
  }
  if (!('uffd' in op)) throw new Error(`${op.op} is not a userfaultfd op`);
  const id = ctxId(c, op);
  return id === null ? badFd(op) : ioctlStart(c, op, id);
}
