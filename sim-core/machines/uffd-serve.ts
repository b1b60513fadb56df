// A userfaultfd handler thread (what QEMU's postcopy thread or a snapshot thread runs): read(2) one
// fault message (blocking in poll until a fault queues one), resolve it with an ioctl, repeat
// `count` times. Reading takes the OLDEST pending message (userfaultfd_ctx_read → find_userfault).
import { UFFD_READ } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { pfn, type TaskId, type UffdId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { findLeaf } from '../model/pagetable';
import { flagNames, type UffdMsg } from '../model/uffd';
import type { World } from '../model/world';
import { faultData } from '../kernel/fault-common';
import { Plan } from '../kernel/plan';
import { sleepTask, wakeTask } from '../kernel/sched';
import { readerWaitKey } from '../kernel/uffd-fault';
import { machineSetup, states } from './common';
import { uffdCtx } from './uffd-common';
import { mfillData } from './uffd-fill';
import { moveData } from './uffd-move';
import { wpData } from './uffd-wp';

/** How the handler resolves each fault. */
export type ServeResolve = 'copy' | 'zeropage' | 'move' | 'unprotect';

/** A handler loop in progress. */
export interface ServeData {
  readonly uffd: UffdId;
  readonly task: TaskId;
  readonly resolve: ServeResolve;
  /** The region at the same offset supplies the page (move), its content (copy), or keeps the snapshot (unprotect). */
  readonly src: { readonly name: string; readonly addr: number } | null;
  readonly count: number;
  readonly delay: number;
  readonly served: number;
  readonly current: UffdMsg | null;
  readonly saved: boolean;
  readonly waitOn: string | null;
  readonly result: OpResult | null;
}

/** Data for a handler loop. */
export function serveData(uffd: UffdId, task: TaskId, resolve: ServeResolve, src: ServeData['src'], count: number, delayUs: number): ServeData {
  return { uffd, task, resolve, src, count, delay: delayUs * 1000, served: 0, current: null, saved: false, waitOn: null, result: null };
}

type C = StepCtx<ServeData>;
type O = StepOut<ServeData>;
const FS = 'fs/userfaultfd.c';

const machine = machineSetup.createMachine({
  id: 'uffd_serve',
  initial: 'read',
  states: {
    read: { description: 'read(2) one uffd_msg, or block in poll', on: { GOT: 'resolve', BLOCK: 'wait_msg' } },
    wait_msg: { description: 'blocked in poll/read on fd_wqh', on: { WAKE: 'read' } },
    resolve: { description: 'resolve the fault with an ioctl', on: { IOCTL: { target: 'wait_ioctl', actions: 'spawn' }, SAVE: { target: 'wait_save', actions: 'spawn' }, SAVED: 'resolve' } },
    wait_save: { description: 'the handler faults its snapshot buffer in', on: { CHILD_DONE: 'resolve' } },
    wait_ioctl: { description: 'in the ioctl; then the next message, or return', on: { READ: 'read', DONE: 'done' } },
    done: { type: 'final' },
  },
});

function read(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const m = ctx.pending[0];
  if (!m) {
    const out = sleepTask(c.world, d.task, 'blocked', c.run);
    return { event: 'BLOCK', fn: { file: FS, name: 'userfaultfd_poll' }, cost: UFFD_READ / 2, plan: out.plan.ops, data: { ...d, waitOn: readerWaitKey(ctx.id) }, say: `no fault is pending on uffd ${ctx.fd}: the handler sleeps in poll() on fd_wqh (${out.then('its CPU goes idle')})` };
  }
  const plan = new Plan().add({ op: 'uffd_read', uffd: ctx.id, msg: m.id });
  const who = c.world.tasks[m.task]?.name ?? '?';
  return {
    event: 'GOT', fn: { file: FS, name: 'userfaultfd_ctx_read' }, cost: UFFD_READ, plan: plan.ops, data: { ...d, current: m, saved: false },
    say: `read() returns UFFD_EVENT_PAGEFAULT #${m.id}: ${who} faulted at ${hex(m.addr)} (flags ${flagNames(m.flags)}); the message moves from fault_pending_wqh to fault_wqh${ctx.pending.length > 1 ? ` (${ctx.pending.length - 1} more pending)` : ''}`,
  };
}

function woken(c: C): O {
  const w = wakeTask(c.world, c.actor.data.task, true);
  return { event: 'WAKE', fn: { file: FS, name: 'userfaultfd_poll' }, cost: w.cost, plan: w.plan.ops, data: { ...c.actor.data, waitOn: null }, say: `a fault queued a message: ${w.say}` };
}

// The same page offset in the handler's own region (the staging buffer, or the snapshot buffer).
function peer(w: World, d: ServeData, addr: number): number | null {
  if (!d.src) return null;
  for (const r of w.regions.values()) {
    if (r.addr !== null && addr >= r.addr && addr < r.addr + r.pages * PAGE_SIZE) return d.src.addr + (addr - r.addr);
  }
  return null;
}

// The frame and write permission mapped at `addr`, by a PTE or by a THP's PMD.
function leafAt(w: World, mm: number, addr: number): { pfn: number; rw: boolean } | null {
  const m = w.mms.get(mm as never);
  const e = m ? findLeaf(w.tables, m.pgd, addr)?.entry : undefined;
  if (e?.kind === 'present') return { pfn: e.pfn, rw: e.rw };
  if (e?.kind === 'huge') return { pfn: e.pfn + (Math.floor(addr / PAGE_SIZE) % 512), rw: e.rw };
  return null;
}

function contentAt(w: World, mm: number, addr: number): string {
  const l = leafAt(w, mm, addr);
  return l ? (w.mem.content[l.pfn] ?? '0') : '0';
}

// Before un-protecting, a snapshot handler copies the page into its snapshot buffer (a user memcpy).
function save(c: C, m: UffdMsg, to: number): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const leaf = leafAt(c.world, ctx.mm, to);
  const fn = { file: 'user space', name: 'the snapshot thread' };
  if (!leaf?.rw) {
    return { event: 'SAVE', fn, cost: 100, say: `the handler writes its snapshot buffer at ${hex(to)} first: that page is not writable yet, so it faults`, out: { spawn: { kind: 'fault', data: faultData(ctx.mm, d.task, to, true) } } };
  }
  const tag = contentAt(c.world, ctx.mm, m.addr);
  const plan = new Plan().add({ op: 'write_content', pfn: pfn(leaf.pfn), tag });
  return { event: 'SAVED', fn, cost: 1000, plan: plan.ops, data: { ...d, saved: true }, say: `the handler copies the protected page ("${tag}") into its snapshot buffer at ${hex(to)} before letting the writer go` };
}

function resolve(c: C): O {
  const d = c.actor.data;
  const m = d.current;
  if (!m) throw new Error('resolve without a message');
  const ctx = uffdCtx(c);
  const to = peer(c.world, d, m.addr);
  if (d.resolve === 'unprotect' && to !== null && !d.saved) return save(c, m, to);
  const wait = d.delay ? ` after holding the page for ${d.delay / 1000} µs (throttling)` : '';
  const fn = { file: FS, name: 'userfaultfd_ioctl' };
  const page = m.addr - (m.addr % PAGE_SIZE);
  switch (d.resolve) {
    case 'copy': {
      const tag = to === null ? `${c.world.tasks[d.task]?.name ?? 'uffd'}:${d.served + 1}` : contentAt(c.world, ctx.mm, to);
      return { event: 'IOCTL', fn, cost: d.delay, say: `the handler resolves ${hex(page)} with UFFDIO_COPY${wait}`, out: { spawn: { kind: 'mfill_atomic', data: mfillData(ctx.id, d.task, 'copy', page, 1, { tag }) } } };
    }
    case 'zeropage':
      return { event: 'IOCTL', fn, cost: d.delay, say: `the handler resolves ${hex(page)} with UFFDIO_ZEROPAGE${wait}`, out: { spawn: { kind: 'mfill_atomic', data: mfillData(ctx.id, d.task, 'zeropage', page, 1) } } };
    case 'move': {
      if (to === null) throw new Error('uffd_serve move needs a src region');
      const name = c.world.cfg.features.uffdMove ? 'UFFDIO_MOVE' : 'UFFDIO_REMAP';
      return { event: 'IOCTL', fn, cost: d.delay, say: `the handler resolves ${hex(page)} with ${name} of its page at ${hex(to)}${wait}`, out: { spawn: { kind: 'uffd_move', data: moveData(ctx.id, d.task, name, page, to, 1, [], !c.world.cfg.features.uffdMove) } } };
    }
    case 'unprotect':
      return { event: 'IOCTL', fn, cost: d.delay, say: `the handler un-protects ${hex(page)} with UFFDIO_WRITEPROTECT (mode 0)${wait}`, out: { spawn: { kind: 'uffd_writeprotect', data: wpData(ctx.id, d.task, page, PAGE_SIZE, false, false) } } };
  }
}

function next(c: C): O {
  const d = c.actor.data;
  const served = d.served + 1;
  const r = c.msg?.type === 'CHILD_DONE' ? c.msg.result : null;
  const how = r?.errno ? `the ioctl failed with ${r.errno}` : 'resolved';
  if (served < d.count) return { event: 'READ', fn: { file: FS, name: 'userfaultfd_read' }, cost: 0, data: { ...d, served, current: null }, say: `message ${served} of ${d.count} ${how}; read the next` };
  return { event: 'DONE', fn: { file: FS, name: 'userfaultfd_read' }, cost: 0, data: { ...d, served, current: null, result: { ret: served, errno: null } }, say: `${how}: the handler has served ${served} fault${served === 1 ? '' : 's'} and returns` };
}

/** The handler-loop machine. */
export const uffdServeDef: MachineDef<ServeData> = {
  kind: 'uffd_serve',
  machine,
  handlers: {
    read, wait_msg: woken, resolve,
    wait_save: () => ({ event: 'CHILD_DONE', fn: { file: 'user space', name: 'the snapshot thread' }, cost: 0, say: 'the snapshot buffer page is mapped' }),
    wait_ioctl: next,
  },
  waiting: states('wait_msg', 'wait_save', 'wait_ioctl'),
};
