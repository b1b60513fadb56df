// userfaultfd(2) + UFFDIO_API, UFFDIO_REGISTER and UFFDIO_WAKE (fs/userfaultfd.c, 6.18).
import { vmaFile } from '../model/kernelver';
import { SPLIT_VMA, SYSCALL, UFFD_IOCTL } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { atLeast } from '../model/kernelver';
import type { MmId, TaskId, UffdId } from '../model/ids';
import { uffdId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { vmaLookup, vmasInRange } from '../model/mm';
import type { UffdFeature } from '../model/uffd';
import { VM, VM_UFFD_FLAGS, type Vma, vmaIsAnon } from '../model/vma';
import { Plan } from '../kernel/plan';
import { validateRange } from '../kernel/uffd-fill';
import { wakeUserfault } from '../kernel/uffd-wake';
import { thpSplitFlushed, thpSplitOut, thpSplitWaitState, vmaModifyStep } from '../kernel/vma-modify';
import { plural } from '../kernel/words';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { mmget, mmgetNotZero, MMPUT_STATE, mmputDone, uffdCtx, withMmput } from './uffd-common';

const FS = 'fs/userfaultfd.c';

// --- userfaultfd(2) + UFFDIO_API -------------------------------------------------------------

/** A userfaultfd(2) call followed by UFFDIO_API. */
export interface UffdApiData { readonly name: string; readonly mm: MmId; readonly features: readonly UffdFeature[]; readonly result: OpResult | null }

// The release that first offered each feature (include/uapi/linux/userfaultfd.h history; 4.14 SIGBUS
// and THREAD_ID, 5.18 EXACT_ADDRESS, 6.4 WP_UNPOPULATED).
const SINCE: Record<UffdFeature, readonly [number, number]> = { sigbus: [4, 14], thread_id: [4, 14], exact_address: [5, 18], wp_unpopulated: [6, 4] };

function apiStep(c: StepCtx<UffdApiData>): StepOut<UffdApiData> {
  const d = c.actor.data;
  const fn = { file: FS, name: 'userfaultfd_api' };
  const fail = (errno: string, why: string): StepOut<UffdApiData> => ({ event: 'DONE', fn, cost: SYSCALL, data: { ...d, result: { ret: null, errno } }, say: `${why}: ${errno}` });
  if (!c.world.cfg.features.uffd) return fail('ENOSYS', `userfaultfd(2) arrived in 4.3; kernel ${c.world.cfg.kernel.text} has no such system call`);
  const k = c.world.cfg.kernel;
  const missing = d.features.find((f) => !atLeast(k, SINCE[f][0], SINCE[f][1]));
  if (missing) return fail('EINVAL', `UFFDIO_API asks for UFFD_FEATURE_${missing.toUpperCase()}, which kernel ${k.text} does not offer`);
  const fd = 3 + [...c.world.uffds.values()].filter((u) => u.mm === d.mm).length;
  const id = uffdId(c.world.seq.uffd);
  const plan = new Plan().add({ op: 'uffd_create', id, name: d.name, mm: d.mm, fd, features: d.features });
  const feats = d.features.length ? ` with ${d.features.map((f) => `UFFD_FEATURE_${f.toUpperCase()}`).join(' | ')}` : '';
  return {
    event: 'DONE', fn: { file: FS, name: 'new_userfaultfd' }, cost: SYSCALL * 2, plan: plan.ops, data: { ...d, result: { ret: fd, errno: null } },
    say: `userfaultfd(O_CLOEXEC | O_NONBLOCK) creates an anon inode "[userfaultfd]" bound to this mm (fd ${fd}); UFFDIO_API (api 0xAA)${feats} initialises it`,
  };
}

const apiMachine = machineSetup.createMachine({
  id: 'userfaultfd', initial: 'userfaultfd_api',
  states: { userfaultfd_api: { description: 'new_userfaultfd, then UFFDIO_API', on: { DONE: 'done' } }, done: { type: 'final' } },
});

/** The userfaultfd(2) + UFFDIO_API machine. */
export const uffdApiDef: MachineDef<UffdApiData> = { kind: 'userfaultfd', machine: apiMachine, handlers: { userfaultfd_api: apiStep }, waiting: states() };

// --- UFFDIO_REGISTER ----------------------------------------------------------------------------

/** A UFFDIO_REGISTER call walking its range. */
export interface RegisterData {
  readonly uffd: UffdId;
  readonly start: number;
  readonly end: number;
  readonly modes: readonly string[];
  readonly cursor: number;
  readonly result: OpResult | null;
}

type RC = StepCtx<RegisterData>;
type RO = StepOut<RegisterData>;

const MODE_FLAG: Record<string, number> = { missing: VM.UFFD_MISSING, wp: VM.UFFD_WP, minor: VM.UFFD_MINOR };
const vmFlagsOf = (modes: readonly string[]): number => modes.reduce((f, m) => f | (MODE_FLAG[m] ?? 0), 0);
const regFail = (d: RegisterData, errno: string, why: string, fn = 'userfaultfd_register'): RO => ({ event: 'ERROR', fn: { file: FS, name: fn }, cost: UFFD_IOCTL, data: { ...d, result: { ret: null, errno } }, say: `${why}: UFFDIO_REGISTER fails with ${errno}` });

function registerIoctl(c: RC): RO {
  const d = c.actor.data;
  if (d.modes.length === 0) return regFail(d, 'EINVAL', 'no mode given');
  if (d.modes.includes('wp') && !c.world.cfg.features.uffdWp) return regFail(d, 'EINVAL', `UFFDIO_REGISTER_MODE_WP: uffd-wp for anonymous memory arrived in 5.7, not in ${c.world.cfg.kernel.text}`);
  if (d.modes.includes('minor') && !atLeast(c.world.cfg.kernel, 5, 13)) return regFail(d, 'EINVAL', 'UFFDIO_REGISTER_MODE_MINOR arrived in 5.13');
  if (validateRange(d.start, d.end - d.start)) return regFail(d, 'EINVAL', `[${hex(d.start)}, ${hex(d.end)}) is not a valid page-aligned range (validate_range)`);
  // `ret = -ENOMEM; if (!mmget_not_zero(mm)) goto out;` (the same in 4.11 and 6.18)
  const mm = uffdCtx(c).mm;
  if (!mmgetNotZero(c.world, mm)) return regFail(d, 'ENOMEM', 'the context\'s mm has exited (mmget_not_zero fails)');
  return { event: 'LOCK', fn: { file: FS, name: 'userfaultfd_register' }, cost: UFFD_IOCTL, plan: [mmget(mm)], say: `UFFDIO_REGISTER [${hex(d.start)}, ${hex(d.end)}) mode ${d.modes.map((m) => m.toUpperCase()).join('|')} on uffd ${uffdCtx(c).fd}` };
}

// The "Search for not compatible vmas" loop: every VMA in the range must accept the modes.
function registerCheck(c: RC): RO {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const vmas = mm ? vmasInRange(mm, d.start, d.end) : [];
  if (vmas.length === 0) return regFail(d, 'EINVAL', `no VMA in [${hex(d.start)}, ${hex(d.end)})`);
  for (const v of vmas) {
    if (d.modes.includes('minor')) return regFail(d, 'EINVAL', `vma_can_userfault: MINOR faults need shmem or hugetlbfs, and [${hex(v.start)}, ${hex(v.end)}) is anonymous`);
    if (!vmaIsAnon(v) || !(v.flags & VM.MAYWRITE)) return regFail(d, 'EINVAL', `vma_can_userfault refuses [${hex(v.start)}, ${hex(v.end)})`);
    if (v.uffd !== null && v.uffd !== ctx.id) return regFail(d, 'EBUSY', `[${hex(v.start)}, ${hex(v.end)}) is already registered with another userfaultfd`);
  }
  return { event: 'OK', fn: { file: FS, name: 'userfaultfd_register' }, cost: 50 * vmas.length, data: { ...d, cursor: Math.max(d.start, (vmas[0] as Vma).start) }, say: `${plural(vmas.length, 'VMA')} in the range can be registered (anonymous, VM_MAYWRITE, no other context)` };
}

// userfaultfd_register_range: vma_modify_flags_uffd per VMA (merge or split), then set the flags and context.
function registerRange(c: RC): RO {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  if (!mm) throw new Error('register on a dead mm');
  // The walk ends at the range's end: a VMA reaching exactly there must not be visited again.
  const vma = d.cursor >= d.end ? undefined : (vmaLookup(mm, d.cursor) ?? vmasInRange(mm, d.cursor, d.end)[0]);
  const fn = { file: 'mm/userfaultfd.c', name: 'userfaultfd_register_range' };
  if (!vma || vma.start >= d.end) return { event: 'DONE', fn, cost: 0, data: { ...d, result: { ret: 0, errno: null } }, say: 'every VMA in the range is registered: UFFDIO_REGISTER returns 0' };
  const start = Math.max(d.cursor, vma.start);
  const stop = Math.min(d.end, vma.end);
  const want = vmFlagsOf(d.modes);
  const s = vmaModifyStep(c.world, mm, start, stop, (vma.flags & ~VM_UFFD_FLAGS) | want, ctx.id);
  if (!s) throw new Error('register lost its VMA');
  switch (s.kind) {
    case 'enomem': return { event: 'ERROR', fn: { file: vmaFile(c.world.cfg.kernel), name: 'split_vma' }, cost: 50, data: { ...d, result: { ret: null, errno: 'ENOMEM' } }, say: `${s.say}: UFFDIO_REGISTER fails with ENOMEM` };
    case 'split': return { event: 'NEXT', fn: { file: vmaFile(c.world.cfg.kernel), name: 'split_vma' }, cost: SPLIT_VMA, plan: s.plan.ops, say: s.say };
    case 'pmd_split': return thpSplitOut(c.world, mm, s);
    case 'unchanged': return { event: 'NEXT', fn, cost: 50, data: { ...d, cursor: stop }, say: `${s.say} (already registered this way)` };
    case 'merged': case 'set':
      return { event: 'NEXT', fn, cost: SPLIT_VMA, plan: s.plan.ops, data: { ...d, cursor: stop }, say: `${s.say}; vm_userfaultfd_ctx = uffd ${ctx.fd}, vm_flags get VM_UFFD_${d.modes.map((m) => m.toUpperCase()).join(' | VM_UFFD_')}` };
  }
}

const registerMachine = machineSetup.createMachine({
  id: 'uffd_register', initial: 'ioctl',
  states: {
    ioctl: { description: 'userfaultfd_register: check the mode and range', on: { LOCK: 'mmap_lock', ERROR: 'done' } },
    ...lockStates('check_vmas'),
    check_vmas: { description: 'every VMA must accept the registration', on: { OK: 'register_range', ERROR: 'done', TEARDOWN: { target: 'mmput', actions: 'spawn' } } },
    register_range: { description: 'split or merge, then set the context and flags', on: { NEXT: 'register_range', SPLIT_PMD: { target: 'wait_thp_split', actions: 'spawn' }, DONE: 'done', ERROR: 'done', TEARDOWN: { target: 'mmput', actions: 'spawn' } } },
    ...thpSplitWaitState('register_range'),
    ...MMPUT_STATE,
    done: { type: 'final' },
  },
});

/** The UFFDIO_REGISTER machine. */
export const uffdRegisterDef: MachineDef<RegisterData> = {
  kind: 'uffd_register', machine: registerMachine,
  handlers: {
    wait_thp_split: thpSplitFlushed,
    ioctl: registerIoctl,
    ...lockHandlers<RegisterData>((c) => ({ mm: uffdCtx(c).mm, write: true, range: null }), 'userfaultfd_register'),
    check_vmas: withMmput(registerCheck, ['ERROR']), register_range: withMmput(registerRange, ['DONE', 'ERROR']),
    mmput: mmputDone,
  },
  waiting: states(LOCK_WAIT, 'mmput', 'wait_thp_split'),
};

// --- UFFDIO_WAKE --------------------------------------------------------------------------------

/** A UFFDIO_WAKE call. */
export interface WakeData { readonly uffd: UffdId; readonly task: TaskId; readonly start: number; readonly len: number; readonly result: OpResult | null }

function wakeStep(c: StepCtx<WakeData>): StepOut<WakeData> {
  const d = c.actor.data;
  const fn = { file: FS, name: 'userfaultfd_wake' };
  if (validateRange(d.start, d.len)) return { event: 'DONE', fn, cost: UFFD_IOCTL, data: { ...d, result: { ret: null, errno: 'EINVAL' } }, say: 'validate_range fails: EINVAL' };
  const w = wakeUserfault(c.run, c.now, c.actor.cpu, uffdCtx(c), d.start, d.start + d.len);
  return {
    event: 'DONE', fn, cost: UFFD_IOCTL, plan: w.plan.ops, out: { wake: w.wake }, data: { ...d, result: { ret: 0, errno: null } },
    say: `UFFDIO_WAKE [${hex(d.start)}, +${d.len / PAGE_SIZE} pages) wakes ${plural(w.woken, 'waiting fault')}; each retries its fault and finds what is there now`,
  };
}

const wakeMachine = machineSetup.createMachine({
  id: 'uffd_wake', initial: 'userfaultfd_wake',
  states: { userfaultfd_wake: { description: 'wake_userfault over the range', on: { DONE: { target: 'done', actions: 'wake' } } }, done: { type: 'final' } },
});

/** The UFFDIO_WAKE machine. */
export const uffdWakeDef: MachineDef<WakeData> = { kind: 'uffd_wake', machine: wakeMachine, handlers: { userfaultfd_wake: wakeStep }, waiting: states() };

// --- A call that fails before reaching any kernel object (an ioctl on fd -1) ----------------------

/** The errno and the reason. */
export interface SyscallErrorData { readonly errno: string; readonly why: string; readonly result: OpResult | null }

const errorMachine = machineSetup.createMachine({
  id: 'syscall_error', initial: 'fail',
  states: { fail: { description: 'the call fails at once', on: { DONE: 'done' } }, done: { type: 'final' } },
});

/** A one-step failing call (ioctl on a bad fd: EBADF from fdget). */
export const syscallErrorDef: MachineDef<SyscallErrorData> = {
  kind: 'syscall_error', machine: errorMachine, waiting: states(),
  handlers: { fail: (c) => ({ event: 'DONE', fn: { file: 'fs/ioctl.c', name: 'ksys_ioctl' }, cost: SYSCALL, data: { ...c.actor.data, result: { ret: null, errno: c.actor.data.errno } }, say: `${c.actor.data.why}: ${c.actor.data.errno}` }) },
};
