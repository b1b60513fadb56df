// UFFDIO_COPY / UFFDIO_ZEROPAGE as a machine (fs/userfaultfd.c userfaultfd_copy/userfaultfd_zeropage →
// mm/userfaultfd.c mfill_atomic): check the range, take the VMA read lock, fill one page per step,
// then wake_userfault over what was filled. A partial fill fails with EAGAIN and reports the bytes done.
import { UFFD_IOCTL } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { TaskId, UffdId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { cpuNode } from '../model/world';
import { anonVmaPrepare } from '../kernel/anon';
import { Plan } from '../kernel/plan';
import { mfillAtomicPte, mfillDstVma, type UffdError } from '../kernel/uffd-fill';
import { wakeUserfault } from '../kernel/uffd-wake';
import { plural } from '../kernel/words';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { earlyError, ioctlResult, mmget, MMPUT_STATE, mmputDone, preflight, resultText, uffdCtx, withMmput } from './uffd-common';

/** An mfill_atomic call in progress. */
export interface MfillData {
  readonly uffd: UffdId;
  readonly task: TaskId;
  readonly what: 'copy' | 'zeropage';
  readonly dst: number;
  readonly len: number;
  /** The content tag UFFDIO_COPY copies from the user buffer. */
  readonly tag: string;
  readonly wp: boolean;
  readonly dontwake: boolean;
  readonly done: number;
  readonly error: UffdError | null;
  readonly result: OpResult | null;
}

/** Data for an mfill ioctl. */
export function mfillData(uffd: UffdId, task: TaskId, what: 'copy' | 'zeropage', dst: number, pages: number, opts: { tag?: string; wp?: boolean; dontwake?: boolean } = {}): MfillData {
  return { uffd, task, what, dst, len: pages * PAGE_SIZE, tag: opts.tag ?? '0', wp: opts.wp ?? false, dontwake: opts.dontwake ?? false, done: 0, error: null, result: null };
}

type C = StepCtx<MfillData>;
type O = StepOut<MfillData>;
const FS = 'fs/userfaultfd.c';
const MM = 'mm/userfaultfd.c';

const machine = machineSetup.createMachine({
  id: 'mfill_atomic',
  initial: 'ioctl',
  states: {
    ioctl: { description: 'userfaultfd_copy / userfaultfd_zeropage: check the arguments', on: { LOCK: 'mmap_lock', ERROR: 'done' } },
    ...lockStates('mfill_lock'),
    mfill_lock: { description: 'uffd_mfill_lock: find and check the destination VMA', on: { FILL: 'mfill_atomic_pte', ERROR: 'wake_userfault' } },
    mfill_atomic_pte: { description: 'fill one page', on: { MORE: 'mfill_atomic_pte', END: 'wake_userfault' } },
    wake_userfault: { description: 'wake the faults waiting on the filled range', on: { DONE: { target: 'done', actions: 'wake' }, TEARDOWN: { target: 'mmput', actions: ['wake', 'spawn'] } } },
    ...MMPUT_STATE,
    done: { type: 'final' },
  },
});

const opName = (d: MfillData): string => (d.what === 'copy' ? 'UFFDIO_COPY' : 'UFFDIO_ZEROPAGE');

// userfaultfd_copy / userfaultfd_zeropage (fs/userfaultfd.c, 6.18): validate_range and the mode
// check `goto out`, and a failed mmget_not_zero returns -ESRCH, all before put_user of the result. A
// successful mmget_not_zero holds mm_users until the mmput after wake_userfault.
function ioctl(c: C): O {
  const d = c.actor.data;
  const fn = { file: FS, name: d.what === 'copy' ? 'userfaultfd_copy' : 'userfaultfd_zeropage' };
  const field = d.what === 'copy' ? 'uffdio_copy.copy' : 'uffdio_zeropage.zeropage';
  const ctx = uffdCtx(c);
  const early = preflight(c.world, ctx.mm, [[d.dst, d.len]]);
  if (early) {
    const result = earlyError(early.errno);
    return { event: 'ERROR', fn, cost: UFFD_IOCTL, data: { ...d, result }, say: `${opName(d)}: ${early.why}; it returns ${resultText(result)} before writing ${field}` };
  }
  return { event: 'LOCK', fn, cost: UFFD_IOCTL, plan: [mmget(ctx.mm)], say: `${opName(d)} of ${plural(d.len / PAGE_SIZE, 'page')} at ${hex(d.dst)} on uffd ${ctx.fd}` };
}

function lock(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const fn = { file: MM, name: 'uffd_mfill_lock' };
  if (!mm) throw new Error('uffd_mfill_lock on a dead mm (the ioctl holds mm_users)');
  const vma = mfillDstVma(mm, d.dst, d.len, d.wp);
  if ('errno' in vma) return { event: 'ERROR', fn, cost: 100, data: { ...d, error: vma }, say: `${vma.why}: ${vma.errno}` };
  const plan = new Plan();
  const prepared = d.what === 'copy' ? anonVmaPrepare(c.world, vma, plan) : { vma, created: false };
  return {
    event: 'FILL', fn, cost: 100, plan: plan.ops,
    say: `the destination lies in one VMA registered with uffd ${ctx.fd}${prepared.created ? `; find_vma_and_prepare_anon gives it anon_vma #${prepared.vma.anonVma}` : ''}`,
  };
}

function fill(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const addr = d.dst + d.done;
  const vma = mm ? mfillDstVma(mm, addr, d.len - d.done, d.wp) : null;
  const fn = { file: MM, name: d.what === 'copy' ? 'mfill_atomic_pte_copy' : 'mfill_atomic_pte_zeropage' };
  if (!mm || !vma || 'errno' in vma) throw new Error('mfill lost its VMA while holding the lock');
  const plan = new Plan();
  const r = mfillAtomicPte(c.world, plan, ctx, mm, vma, addr, d.what === 'copy' ? { kind: 'copy', tag: d.tag, wp: d.wp } : { kind: 'zeropage' }, cpuNode(c.world.cfg, c.actor.cpu));
  if (r.err) return { event: 'END', fn, cost: r.cost, data: { ...d, error: r.err }, say: `${r.err.why}: mfill_atomic stops with ${r.err.errno}${d.done ? ` after ${d.done} bytes` : ''}` };
  const done = d.done + PAGE_SIZE;
  return { event: done < d.len ? 'MORE' : 'END', fn, cost: r.cost, plan: plan.ops, data: { ...d, done }, marks: MARK.alloc, say: r.say };
}

function wake(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const result = ioctlResult(d.done, d.len, d.error?.errno ?? null);
  const fn = { file: FS, name: 'wake_userfault' };
  if (d.done === 0 || d.dontwake) {
    const why = d.done === 0 ? 'nothing was filled, nobody to wake' : 'UFFDIO_*_MODE_DONTWAKE: the faults stay asleep';
    return { event: 'DONE', fn, cost: 0, data: { ...d, result }, say: `${why}; ${opName(d)} returns ${resultText(result)}` };
  }
  const w = wakeUserfault(c.run, c.now, c.actor.cpu, ctx, d.dst, d.dst + d.done);
  return {
    event: 'DONE', fn, cost: 0, plan: w.plan.ops, data: { ...d, result }, out: { wake: w.wake },
    say: `wake_userfault over [${hex(d.dst)}, +${d.done}) wakes ${plural(w.woken, 'waiting fault')}; ${opName(d)} returns ${resultText(result)}`,
  };
}

/** The mfill_atomic machine (UFFDIO_COPY and UFFDIO_ZEROPAGE). */
export const mfillDef: MachineDef<MfillData> = {
  kind: 'mfill_atomic',
  machine,
  handlers: {
    ioctl,
    ...lockHandlers<MfillData>((c) => ({ mm: uffdCtx(c).mm, write: false, range: [c.actor.data.dst, c.actor.data.dst + c.actor.data.len] }), 'uffd_mfill_lock'),
    mfill_lock: lock,
    mfill_atomic_pte: fill,
    wake_userfault: withMmput(wake, ['DONE']),
    mmput: mmputDone,
  },
  waiting: states(LOCK_WAIT, 'mmput'),
};
