// pin_user_pages(FOLL_WRITE [| FOLL_LONGTERM]) and unpin_user_pages as machines: walk page by page,
// faulting in (faultin_page) what is missing or read-only, then take FOLL_PIN references.
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { MmId, TaskId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { faultData } from '../kernel/fault-common';
import { followPagePte, grabPin, pinCost, putPin } from '../kernel/gup';
import { Plan } from '../kernel/plan';
import { machineSetup, states } from './common';

/** A pin_user_pages call. */
export interface PinData {
  readonly mm: MmId;
  readonly task: TaskId;
  readonly name: string;
  readonly start: number;
  readonly pages: number;
  readonly longterm: boolean;
  readonly index: number;
  readonly pfns: readonly number[];
  readonly faulted: boolean;
  readonly result: OpResult | null;
}

type C = StepCtx<PinData>;
type O = StepOut<PinData>;
const GUP = 'mm/gup.c';

const machine = machineSetup.createMachine({
  id: 'pin_user_pages',
  initial: 'follow_page_pte',
  states: {
    follow_page_pte: { description: 'find the page; fault it in if needed; pin it', on: { PINNED: 'follow_page_pte', FAULT: { target: 'faultin_page', actions: 'spawn' }, DONE: 'done', EFAULT: 'done' } },
    faultin_page: { description: 'handle_mm_fault on behalf of GUP', on: { RETRY: 'follow_page_pte', EFAULT: 'done' } },
    done: { type: 'final' },
  },
});

function follow(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('pin on a dead mm');
  const addr = d.start + d.index * PAGE_SIZE;
  const fn = { file: GUP, name: 'follow_page_pte' };
  const r = followPagePte(c.world, mm, addr);
  if ('fault' in r) {
    if (d.faulted) return efault(c, `${r.fault} even after faultin_page`);
    return { event: 'FAULT', fn, cost: 100, data: { ...d, faulted: true }, say: `${r.fault}: faultin_page`, out: { spawn: { kind: 'fault', data: faultData(d.mm, d.task, addr, true, true) } } };
  }
  const plan = new Plan();
  if (!mm.hasPinned) plan.add({ op: 'has_pinned', mm: d.mm });
  const refs = grabPin(plan, r.folio);
  const pfns = [...d.pfns, r.folio.pfn];
  const index = d.index + 1;
  const say = `pins folio ${r.folio.pfn} at ${hex(addr)}: refcount ${r.folio.refcount} → ${r.folio.refcount + refs}${refs > 1 ? ' (GUP_PIN_COUNTING_BIAS)' : ', _pincount +1'}${mm.hasPinned ? '' : '; the mm gets MMF_HAS_PINNED'}`;
  if (index < d.pages) return { event: 'PINNED', fn: { file: GUP, name: 'try_grab_folio' }, cost: pinCost(1), plan: plan.ops, data: { ...d, index, pfns, faulted: false }, say };
  plan.add({ op: 'pin_add', pin: { name: d.name, mm: d.mm, pfns, longterm: d.longterm, released: false } });
  const lt = d.longterm ? '; FOLL_LONGTERM: check_and_migrate_movable_folios finds nothing in ZONE_MOVABLE or CMA (this machine has neither), so no migration' : '';
  return {
    event: 'DONE', fn: { file: GUP, name: 'try_grab_folio' }, cost: pinCost(1), plan: plan.ops, marks: MARK.syscall,
    data: { ...d, index, pfns, result: { ret: pfns.length, errno: null } }, say: `${say}; pin_user_pages returns ${pfns.length}${lt}`,
  };
}

function efault(c: C, why: string): O {
  const d = c.actor.data;
  // GUP returns the number pinned so far, or -EFAULT when it pinned nothing.
  const plan = new Plan();
  if (d.pfns.length) plan.add({ op: 'pin_add', pin: { name: d.name, mm: d.mm, pfns: d.pfns, longterm: d.longterm, released: false } });
  const result = d.pfns.length ? { ret: d.pfns.length, errno: null } : { ret: null, errno: 'EFAULT' };
  return { event: 'EFAULT', fn: { file: GUP, name: '__get_user_pages' }, cost: 100, plan: plan.ops, data: { ...d, result }, say: `${why}: pin_user_pages returns ${d.pfns.length || '-EFAULT'}` };
}

function faultin(c: C): O {
  const r = c.msg?.type === 'CHILD_DONE' ? c.msg.result : null;
  if (r?.signal) return efault(c, `the fault failed (${r.signal})`);
  return { event: 'RETRY', fn: { file: GUP, name: 'faultin_page' }, cost: 0, say: 'the page is faulted in; follow_page_pte again' };
}

/** The pin_user_pages machine. */
export const pinDef: MachineDef<PinData> = {
  kind: 'pin_user_pages', machine, handlers: { follow_page_pte: follow, faultin_page: faultin }, waiting: states('faultin_page'),
};

/** An unpin_user_pages call. */
export interface UnpinData { readonly name: string; readonly result: OpResult | null }

const unpinMachine = machineSetup.createMachine({
  id: 'unpin_user_pages',
  initial: 'unpin_user_pages',
  states: { unpin_user_pages: { description: 'gup_put_folio for each pinned page', on: { DONE: 'done' } }, done: { type: 'final' } },
});

function unpin(c: StepCtx<UnpinData>): StepOut<UnpinData> {
  const d = c.actor.data;
  const pin = c.world.pins.get(d.name);
  const fn = { file: GUP, name: 'unpin_user_pages' };
  if (!pin || pin.released) return { event: 'DONE', fn, cost: 50, data: { ...d, result: { ret: null, errno: null } }, say: `pin '${d.name}' is not held: nothing to unpin` };
  const plan = new Plan();
  const what = pin.pfns.map((p) => putPin(c.world, plan, p));
  plan.add({ op: 'pin_release', name: d.name });
  return { event: 'DONE', fn, cost: pinCost(pin.pfns.length), plan: plan.ops, data: { ...d, result: { ret: null, errno: null } }, marks: MARK.free, say: `unpin_user_pages '${d.name}': ${what.join('; ')}` };
}

/** The unpin_user_pages machine. */
export const unpinDef: MachineDef<UnpinData> = { kind: 'unpin_user_pages', machine: unpinMachine, handlers: { unpin_user_pages: unpin }, waiting: states() };
