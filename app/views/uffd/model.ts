// What the userfaultfd view draws of a frame: per context its registered ranges, the three lanes a
// fault message moves through (fault_pending_wqh → read() → fault_wqh → wake_userfault → woken), the
// handler threads, the tasks asleep in handle_userfault and the ioctls in flight. Pure.
import type { Frame, UffdHandlerView, UffdIoctlView, UffdMsgView, UffdView, UffdWaiterView } from '../../sim/frame';
import { frameSelector } from '../../store/hooks';
import { hex, pagesLabel, PAGE_SIZE } from '../lib/geometry';
import { actorKey, vaddrKey, vmaKey } from '../lib/keys';

/** The lanes a message card moves through. */
export type LaneId = 'pending' | 'read' | 'woken';

/** One message card. */
export interface CardModel {
  readonly id: number;
  /** Selection key of its page (lights it in the address-space view). */
  readonly key: string;
  readonly addr: number;
  /** "WRITE|WP", or "0" for a read fault; "VM_FAULT_RETRY" once woken. */
  readonly flags: string;
  readonly task: string;
  readonly tid: number | null;
  /** It moved into this lane at the step on screen. */
  readonly moved: boolean;
  readonly label: string;
}

/** A line about an actor (a handler, a sleeping task, an ioctl), selectable by its actor key. */
export interface ActorLine {
  readonly key: string;
  readonly who: string;
  /** What it does, short (the column or lane it sits in says the rest). */
  readonly text: string;
  /** A second, quieter line (a handler's progress), or empty. */
  readonly note: string;
  /** Its accessible name: the whole sentence. */
  readonly label: string;
  /** A woken task, or a handler in an ioctl: drawn as active. */
  readonly active: boolean;
}

/** One context as drawn. */
export interface CtxModel {
  readonly id: number;
  readonly mm: number;
  readonly title: string;
  readonly process: string;
  readonly features: readonly string[];
  readonly ranges: readonly { readonly key: string; readonly text: string; readonly pages: string; readonly modes: readonly string[] }[];
  readonly lanes: Readonly<Record<LaneId, readonly CardModel[]>>;
  readonly handlers: readonly ActorLine[];
  /** The ioctl that resolves fault_wqh messages: the one in flight, or the one the handler uses. */
  readonly resolver: string;
  /** The kernel state of the handler's ioctl in flight, if one is. */
  readonly active: string | null;
  readonly sleepers: readonly ActorLine[];
  /** ioctls a task called itself (not from a handler loop). */
  readonly calls: readonly ActorLine[];
}

/** The ioctl a handler answers each fault with, and its mode for un-protecting. */
export function resolveIoctl(h: UffdHandlerView): string {
  return h.resolve === 'unprotect' ? `${h.resolveWith} (mode 0)` : h.resolveWith;
}

const LANE_NAME: Readonly<Record<LaneId, string>> = { pending: 'fault_pending_wqh', read: 'fault_wqh', woken: 'woken' };
const MOVED_WORD: Readonly<Record<LaneId, string>> = { pending: 'queued this step', read: 'read this step', woken: 'woken this step' };

/** What the "moved" tag of a card in `lane` says. */
export const movedWord = (lane: LaneId): string => MOVED_WORD[lane];

function card(m: UffdMsgView, lane: LaneId, moved: readonly number[]): CardModel {
  const flags = m.flags.length ? m.flags.join('|') : '0';
  const tid = m.tid === null ? '' : `, ptid ${m.tid}`;
  const now = moved.includes(m.id) ? ` (${MOVED_WORD[lane]})` : '';
  return {
    id: m.id, key: vaddrKey(m.addr), addr: m.addr, flags, task: m.task, tid: m.tid, moved: now !== '',
    label: `UFFD_EVENT_PAGEFAULT #${m.id} in ${LANE_NAME[lane]}${now}: ${m.task}${tid} at ${hex(m.addr)}, flags ${flags}. Selects the page.`,
  };
}

function wokenCard(w: UffdWaiterView, moved: readonly number[]): CardModel {
  const now = moved.includes(w.msg) ? ` (${MOVED_WORD.woken})` : '';
  const addr = w.addr - (w.addr % PAGE_SIZE);
  return {
    id: w.msg, key: vaddrKey(addr), addr, flags: 'VM_FAULT_RETRY', task: w.task, tid: null, moved: now !== '',
    label: `UFFD_EVENT_PAGEFAULT #${w.msg} resolved and woken${now}: ${w.task} retries its ${w.write ? 'write' : 'read'} at ${hex(addr)}. Selects the page.`,
  };
}

function handlerText(h: UffdHandlerView): string {
  const msg = h.msg ? `#${h.msg.id}` : '';
  switch (h.state) {
    case 'poll': return 'asleep in poll() on fd_wqh';
    case 'read': return 'in read()';
    case 'resolve': return `read ${msg}; calls ${resolveIoctl(h)} next`;
    case 'save': return `saves ${msg} to its snapshot buffer first`;
    case 'ioctl': return h.ioctl ? `in ${h.ioctl.name}${h.ioctl.mode ? ` (${h.ioctl.mode})` : ''} for ${msg} · ${h.ioctl.state}` : `in ${resolveIoctl(h)} for ${msg}`;
    case 'done': return 'returned';
  }
}

function handlerLine(h: UffdHandlerView): ActorLine {
  const text = handlerText(h);
  const at = h.msg ? ` (${hex(h.msg.addr)})` : '';
  const note = `served ${h.served} of ${h.count}`;
  return { key: actorKey(h.actor), who: `${h.task} · CPU${h.cpu}`, text, note, active: h.state === 'ioctl', label: `handler ${h.task} on CPU${h.cpu}: ${text}${at}; ${note}` };
}

function sleeperLine(w: UffdWaiterView): ActorLine {
  const what = `${w.write ? 'write' : 'read'} at ${hex(w.addr)}`;
  const text = w.woken ? 'woken: VM_FAULT_RETRY' : `asleep on #${w.msg}`;
  const label = w.woken ? `woken: handle_userfault returns VM_FAULT_RETRY and the ${what} is retried` : `asleep in handle_userfault on #${w.msg} (${what})`;
  // The address is on the message card; the accessible name says it all.
  return { key: actorKey(w.actor), who: `${w.task} · CPU${w.cpu}`, text, note: '', active: w.woken, label: `${w.task} on CPU${w.cpu}: ${label}` };
}

function callLine(i: UffdIoctlView): ActorLine {
  const range = `[${hex(i.start)}, ${hex(i.start + i.len)})`;
  const text = `${i.name}${i.mode ? ` (${i.mode})` : ''} ${range} · ${i.state}`;
  return { key: actorKey(i.actor), who: i.task, text, note: '', active: true, label: `${i.task} calls ${text}` };
}

/** With no handler at work: the ioctls that resolve faults of the modes registered. */
export function idleResolver(c: UffdView): string {
  const modes = new Set(c.ranges.flatMap((r) => r.modes));
  const missing = modes.has('MISSING');
  if (modes.has('WP')) return missing ? 'UFFDIO_COPY or UFFDIO_WRITEPROTECT' : 'UFFDIO_WRITEPROTECT';
  return missing ? 'UFFDIO_COPY, ZEROPAGE or MOVE' : 'a resolving ioctl';
}

/** The model of one context. */
export function ctxModel(c: UffdView): CtxModel {
  const serving = c.handlers.find((h) => h.ioctl) ?? c.handlers[0];
  return {
    id: c.id, mm: c.mm, title: `fd ${c.fd} · ${c.name}`, process: c.process, features: c.features,
    ranges: c.ranges.map((r) => ({ key: vmaKey(r.vma), text: `${r.start.toString(16)}-${r.end.toString(16)}`, pages: pagesLabel((r.end - r.start) / PAGE_SIZE), modes: r.modes })),
    lanes: {
      pending: c.pending.map((m) => card(m, 'pending', c.moved.queued)),
      read: c.read.map((m) => card(m, 'read', c.moved.read)),
      woken: c.waiters.filter((w) => w.woken).map((w) => wokenCard(w, c.moved.woken)),
    },
    handlers: c.handlers.map(handlerLine),
    resolver: serving?.ioctl?.name ?? (serving ? resolveIoctl(serving) : idleResolver(c)),
    active: serving?.ioctl?.state ?? null,
    sleepers: c.waiters.map(sleeperLine),
    calls: c.ioctls.filter((i) => i.handler === null).map(callLine),
  };
}

/** Every context of a frame. */
export function uffdModel(f: Frame): readonly CtxModel[] {
  return f.uffds.map(ctxModel);
}

/** Selects uffdModel once per frame (kept while it reads the same). */
export const selectUffd = frameSelector(uffdModel);
