// UFFDIO_WRITEPROTECT as a machine (fs/userfaultfd.c userfaultfd_writeprotect → mm/userfaultfd.c
// mwriteprotect_range): under mmap_read_lock, each VMA in the range must be VM_UFFD_WP (else ENOENT);
// each gets its own mmu_gather: change_protection one PTE table per step, then tlb_finish_mmu flushes
// every PTE whose RW changed. Un-protecting wakes the faults waiting on the range (unless DONTWAKE).
import { UFFD_IOCTL } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { TaskId, UffdId } from '../model/ids';
import { hex } from '../model/layout';
import { vmasInRange } from '../model/mm';
import { uffdHas } from '../model/uffd';
import { cpuNode } from '../model/world';
import { vmaHas } from '../model/vma';
import { splitFlushed, splitStep, splitWaitState } from '../kernel/huge-split';
import { type Gather, newGather } from '../kernel/mmu-gather';
import { Plan } from '../kernel/plan';
import { shootdownData } from '../kernel/tlb';
import { validateRange } from '../kernel/uffd-fill';
import { wakeUserfault } from '../kernel/uffd-wake';
import { uffdWpPteRange } from '../kernel/uffd-wp';
import { plural } from '../kernel/words';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { mmget, mmgetNotZero, MMPUT_STATE, mmputDone, uffdCtx, withMmput } from './uffd-common';

/** A UFFDIO_WRITEPROTECT call. */
export interface WpData {
  readonly uffd: UffdId;
  readonly task: TaskId;
  readonly start: number;
  readonly len: number;
  readonly wp: boolean;
  readonly dontwake: boolean;
  readonly cursor: number;
  /** End of the current VMA's part of the range. */
  readonly vmaEnd: number;
  readonly gather: Gather | null;
  readonly changed: number;
  readonly error: string | null;
  readonly result: OpResult | null;
}

/** Data for UFFDIO_WRITEPROTECT. */
export function wpData(uffd: UffdId, task: TaskId, start: number, len: number, wp: boolean, dontwake: boolean): WpData {
  return { uffd, task, start, len, wp, dontwake, cursor: start, vmaEnd: start, gather: null, changed: 0, error: null, result: null };
}

type C = StepCtx<WpData>;
type O = StepOut<WpData>;
const FS = 'fs/userfaultfd.c';
const MM = 'mm/userfaultfd.c';

const machine = machineSetup.createMachine({
  id: 'uffd_writeprotect',
  initial: 'ioctl',
  states: {
    ioctl: { description: 'userfaultfd_writeprotect: check the arguments', on: { LOCK: 'mmap_lock', ERROR: 'done' } },
    ...lockStates('next_vma'),
    next_vma: { description: 'for_each_vma_range: the next VMA must be VM_UFFD_WP', on: { CHANGE: 'change_protection', END: 'wake_userfault' } },
    change_protection: { description: 'change_pte_range with MM_CP_UFFD_WP[_RESOLVE]', on: { MORE: 'change_protection', SPLIT: { target: 'wait_split', actions: 'spawn' }, FINISH: 'tlb_finish_mmu' } },
    ...splitWaitState('change_protection'),
    tlb_finish_mmu: { description: 'flush the PTEs whose RW bit changed', on: { FLUSH: { target: 'wait_flush', actions: 'spawn' }, NOFLUSH: 'next_vma' } },
    wait_flush: { description: 'waiting for the flush', on: { FLUSHED: 'next_vma' } },
    wake_userfault: { description: 'wake the faults waiting on the range', on: { DONE: { target: 'done', actions: 'wake' }, TEARDOWN: { target: 'mmput', actions: ['wake', 'spawn'] } } },
    ...MMPUT_STATE,
    done: { type: 'final' },
  },
});

function ioctl(c: C): O {
  const d = c.actor.data;
  const fn = { file: FS, name: 'userfaultfd_writeprotect' };
  const fail = (errno: string, why: string): O => ({ event: 'ERROR', fn, cost: UFFD_IOCTL, data: { ...d, result: { ret: null, errno } }, say: `${why}: ${errno}` });
  if (!c.world.cfg.features.uffdWp) return fail('EINVAL', `UFFDIO_WRITEPROTECT arrived in 5.7; kernel ${c.world.cfg.kernel.text} does not know the ioctl`);
  if (validateRange(d.start, d.len)) return fail('EINVAL', 'validate_range fails');
  if (d.wp && d.dontwake) return fail('EINVAL', 'UFFDIO_WRITEPROTECT_MODE_WP with MODE_DONTWAKE is refused');
  const mm = uffdCtx(c).mm;
  if (!mmgetNotZero(c.world, mm)) return fail('ESRCH', 'the context\'s mm has exited (mmget_not_zero fails)');
  return { event: 'LOCK', fn, cost: UFFD_IOCTL, plan: [mmget(mm)], say: `UFFDIO_WRITEPROTECT ${d.wp ? 'protects' : 'un-protects'} [${hex(d.start)}, ${hex(d.start + d.len)}) on uffd ${uffdCtx(c).fd}` };
}

function nextVma(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const end = d.start + d.len;
  const vma = mm ? vmasInRange(mm, d.cursor, end)[0] : undefined;
  const fn = { file: MM, name: 'mwriteprotect_range' };
  if (d.error) return { event: 'END', fn, cost: 0, say: `uffd_wp_range failed with ${d.error}: mwriteprotect_range stops, keeping what it changed` };
  if (!vma) {
    const error = d.changed === 0 && d.cursor === d.start ? 'ENOENT' : d.error;
    return { event: 'END', fn, cost: 0, data: { ...d, error }, say: error ? `no VMA in [${hex(d.start)}, ${hex(end)}): ENOENT` : 'no more VMAs in the range' };
  }
  if (!vmaHas(vma, 'UFFD_WP')) return { event: 'END', fn, cost: 50, data: { ...d, error: 'ENOENT' }, say: `[${hex(vma.start)}, ${hex(vma.end)}) is not registered with UFFDIO_REGISTER_MODE_WP (userfaultfd_wp): ENOENT` };
  const cursor = Math.max(d.cursor, vma.start);
  const plan = new Plan().add({ op: 'flush_pending', mm: ctx.mm, delta: 1 });
  return {
    event: 'CHANGE', fn: { file: MM, name: 'uffd_wp_range' }, cost: 50, plan: plan.ops, data: { ...d, cursor, vmaEnd: Math.min(end, vma.end), gather: newGather(ctx.mm) },
    say: `uffd_wp_range over [${hex(cursor)}, ${hex(Math.min(end, vma.end))}): tlb_gather_mmu, change_protection(${d.wp ? 'MM_CP_UFFD_WP' : 'MM_CP_UFFD_WP_RESOLVE | MM_CP_TRY_CHANGE_WRITABLE'})`,
  };
}

function change(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  if (!mm || !d.gather) throw new Error('change_protection without an mm or a gather');
  const vma = vmasInRange(mm, d.cursor, d.vmaEnd)[0];
  const plan = new Plan();
  const change = { enable: d.wp, writable: vma ? vmaHas(vma, 'WRITE') : false, markers: uffdHas(ctx, 'wp_unpopulated'), node: cpuNode(c.world.cfg, c.actor.cpu) };
  const r = uffdWpPteRange(c.world, mm, d.cursor, d.vmaEnd, change, d.gather, plan);
  const event = r.cursor < d.vmaEnd && !r.error ? 'MORE' : 'FINISH';
  const data = { ...d, cursor: r.cursor, gather: r.gather, changed: d.changed + r.changed, error: r.error ?? d.error };
  if (r.error) return { event, fn: { file: 'mm/mprotect.c', name: 'change_pmd_range' }, cost: r.cost, plan: plan.ops, data, say: `change_prepare / change_pmd_prepare: ${r.populated ? `${plural(r.populated, 'page-table page')} allocated, then ` : ''}no free frame for the next page table: -ENOMEM, change_protection stops` };
  if (r.populated) {
    return { event, fn: { file: 'mm/mprotect.c', name: 'change_pmd_prepare' }, cost: r.cost, plan: plan.ops, data, say: `UFFD_FEATURE_WP_UNPOPULATED: pgtable_populate_needed allocates ${plural(r.populated, 'missing page-table page')}, and change_pte_range puts PTE_MARKER_UFFD_WP in ${plural(r.changed, 'none PTE')}` };
  }
  if (r.split) return { ...splitStep(c.world, mm.id, r.cursor, 'the range covers only part of a PMD-mapped THP: split_huge_pmd first, then 4 KiB PTEs'), cost: r.cost, plan: plan.ops, data };
  const fn = { file: 'mm/mprotect.c', name: r.huge ? 'change_huge_pmd' : 'change_pte_range' };
  const what = d.wp ? 'uffd-wp bit set, write-protected' : 'uffd-wp bit cleared';
  return { event, fn, cost: r.cost, plan: plan.ops, data, say: r.changed ? `${plural(r.changed, r.huge ? 'PMD' : 'PTE')} rewritten (${what}); ${r.flushed} changed RW and need a flush` : 'nothing to change in this PTE table' };
}

function finishMmu(c: C): O {
  const d = c.actor.data;
  const g = d.gather;
  const ctx = uffdCtx(c);
  const fn = { file: 'mm/mmu_gather.c', name: 'tlb_finish_mmu' };
  const next = { ...d, cursor: d.vmaEnd, gather: null };
  const done = new Plan().add({ op: 'flush_pending', mm: ctx.mm, delta: -1 });
  if (!g?.range) return { event: 'NOFLUSH', fn, cost: 20, plan: done.ops, data: next, say: 'tlb_finish_mmu: no PTE changed RW, nothing to flush' };
  return {
    event: 'FLUSH', fn, cost: 0, data: next, marks: MARK.flush, say: `tlb_finish_mmu flushes [${hex(g.range[0])}, ${hex(g.range[1])})`,
    out: { spawn: { kind: 'flush_tlb_mm_range', data: shootdownData(ctx.mm, g.range[0], g.range[1], false, 'UFFDIO_WRITEPROTECT (tlb_finish_mmu)') } },
  };
}

function wake(c: C): O {
  const d = c.actor.data;
  const result: OpResult = d.error ? { ret: null, errno: d.error } : { ret: 0, errno: null };
  const fn = { file: FS, name: 'userfaultfd_writeprotect' };
  const shown = result.errno ? `-1 (${result.errno})` : '0';
  if (d.wp || d.dontwake || d.error) return { event: 'DONE', fn, cost: 0, data: { ...d, result }, say: `UFFDIO_WRITEPROTECT returns ${shown}${d.wp ? ' (protecting never wakes anyone)' : ''}` };
  const w = wakeUserfault(c.run, c.now, c.actor.cpu, uffdCtx(c), d.start, d.start + d.len);
  return { event: 'DONE', fn: { file: FS, name: 'wake_userfault' }, cost: 0, plan: w.plan.ops, out: { wake: w.wake }, data: { ...d, result }, say: `un-protecting wakes ${plural(w.woken, 'waiting fault')}; UFFDIO_WRITEPROTECT returns ${shown}` };
}

/** The UFFDIO_WRITEPROTECT machine. */
export const uffdWpDef: MachineDef<WpData> = {
  kind: 'uffd_writeprotect',
  machine,
  handlers: {
    ioctl,
    ...lockHandlers<WpData>((c) => ({ mm: uffdCtx(c).mm, write: false, range: [c.actor.data.start, c.actor.data.start + c.actor.data.len] }), 'mwriteprotect_range'),
    next_vma: nextVma, change_protection: change, tlb_finish_mmu: finishMmu,
    wait_split: splitFlushed('change_pte_range'),
    wait_flush: (c) => ({
      event: 'FLUSHED', fn: { file: 'mm/mmu_gather.c', name: 'tlb_finish_mmu' }, cost: 0, say: 'the flush is complete: dec_tlb_flush_pending',
      plan: new Plan().add({ op: 'flush_pending', mm: uffdCtx(c).mm, delta: -1 }).ops,
    }),
    wake_userfault: withMmput(wake, ['DONE']),
    mmput: mmputDone,
  },
  waiting: states('wait_flush', 'wait_split', LOCK_WAIT, 'mmput'),
};
