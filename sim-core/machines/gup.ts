// pin_user_pages(FOLL_WRITE [| FOLL_LONGTERM]) and unpin_user_pages as machines (mm/gup.c
// __get_user_pages): walk page by page, faulting in (faultin_page) what is missing or read-only, then
// take FOLL_PIN references; a PMD-mapped THP is pinned up to the end of its 2 MiB in one iteration.
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { MmId, TaskId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { faultData } from '../kernel/fault-common';
import { followPageMask, grabPin, pinCost, pinHugeCost, putPins } from '../kernel/gup';
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
  const r = followPageMask(c.world, mm, addr, d.pages - d.index);
  // __get_user_pages_locked sets MMF_HAS_PINNED before the walk, whether or not a page gets pinned.
  const plan = new Plan();
  const flagged = mm.hasPinned ? '' : '; __get_user_pages_locked sets MMF_HAS_PINNED on the mm';
  if (!mm.hasPinned) plan.add({ op: 'has_pinned', mm: d.mm });
  if ('fault' in r) {
    const fn = { file: GUP, name: 'follow_page_mask' };
    if (d.faulted) return efault(c, `${r.fault} even after faultin_page`);
    return { event: 'FAULT', fn, cost: 100, plan: plan.ops, data: { ...d, faulted: true }, say: `${r.fault}: faultin_page${flagged}`, out: { spawn: { kind: 'fault', data: faultData(d.mm, d.task, addr, true, true) } } };
  }
  const refs = grabPin(plan, r.folio, r.nr);
  const pfns = [...d.pfns];
  for (let i = 0; i < r.nr; i++) pfns.push(r.pfn + i);
  const index = d.index + r.nr;
  const fn = { file: GUP, name: r.huge ? 'follow_huge_pmd' : 'try_grab_folio' };
  const cost = r.huge ? pinHugeCost(r.nr) : pinCost(1);
  const counts = r.folio.order > 0 ? `_pincount ${r.folio.pincount} → ${r.folio.pincount + r.nr}` : 'GUP_PIN_COUNTING_BIAS';
  const what = r.huge ? `follow_pmd_mask finds a PMD-mapped THP: try_grab_folio pins ${r.nr === 1 ? 'page' : `${r.nr} pages`} of folio ${r.folio.pfn} from ${hex(addr)}${r.nr > 1 ? ' in one iteration (ctx->page_mask)' : ''}` : `pins folio ${r.folio.pfn} at ${hex(addr)}`;
  const say = `${what}: refcount ${r.folio.refcount} → ${r.folio.refcount + refs} (${counts})${flagged}`;
  if (index < d.pages) return { event: 'PINNED', fn, cost, plan: plan.ops, data: { ...d, index, pfns, faulted: false }, say };
  plan.add({ op: 'pin_add', pin: { name: d.name, mm: d.mm, pfns, longterm: d.longterm, released: false } });
  const lt = d.longterm ? '; FOLL_LONGTERM: check_and_migrate_movable_folios finds nothing in ZONE_MOVABLE or CMA (this machine has neither), so no migration' : '';
  return {
    event: 'DONE', fn, cost, plan: plan.ops, marks: MARK.syscall,
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
  const what = putPins(c.world, plan, pin.pfns);
  plan.add({ op: 'pin_release', name: d.name });
  return { event: 'DONE', fn, cost: pinCost(pin.pfns.length), plan: plan.ops, data: { ...d, result: { ret: null, errno: null } }, marks: MARK.free, say: `unpin_user_pages '${d.name}': ${what.join('; ')}` };
}

/** The unpin_user_pages machine. */
export const unpinDef: MachineDef<UnpinData> = { kind: 'unpin_user_pages', machine: unpinMachine, handlers: { unpin_user_pages: unpin }, waiting: states() };
