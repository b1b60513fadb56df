// UFFDIO_MOVE (and UFFDIO_REMAP) as a machine: fs/userfaultfd.c userfaultfd_move → mm/userfaultfd.c
// move_pages. Each loop iteration is one visible step; present pages go through move_present_ptes,
// which on 6.18 moves a run of exclusive pages of one PTE table and flushes them with one
// flush_tlb_range, and before 6.18 (and in the 2017 REMAP) clears and flushes each page on its own.
import { MOVE_PAGE, MOVE_PTE_BATCHED, UFFD_IOCTL } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { Pfn, TaskId, UffdId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import type { HugePmd, PresentPte } from '../model/pte';
import type { Vma } from '../model/vma';
import { anonVmaPrepare } from '../kernel/anon';
import { Plan } from '../kernel/plan';
import { flushTlbRange } from '../kernel/tlb';
import type { UffdError } from '../kernel/uffd-fill';
import { batchContinues, moveAnonRmap, movedPte, moveValidate, pmdAt, pteAt, relinearized } from '../kernel/uffd-move';
import { decideMove } from '../kernel/uffd-move-step';
import { splitRemapStep, splitSpinWoken } from '../kernel/uffd-move-split';
import { SPLIT_START, SPLIT_WAITING, splitHandlers, splitStates } from './split-states';
import { wakeUserfault } from '../kernel/uffd-wake';
import { plural } from '../kernel/words';
import { wakeAll } from '../kernel/sched';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { earlyError, ioctlResult, mmget, MMPUT_STATE, mmputDone, preflight, resultText, uffdCtx, withMmput } from './uffd-common';

/** A move_pages call in progress. */
export interface MoveData {
  readonly uffd: UffdId;
  readonly task: TaskId;
  readonly dst: number;
  readonly src: number;
  readonly len: number;
  readonly holes: boolean;
  readonly dontwake: boolean;
  /** The 2017 UFFDIO_REMAP (kernels before 6.8): mapcount test, a flush per page. */
  readonly legacy: boolean;
  readonly name: 'UFFDIO_MOVE' | 'UFFDIO_REMAP';
  readonly done: number;
  /** Source address where the current move_present_ptes batch began. */
  readonly batch: number | null;
  /** What the step after a flush installs at the destination. */
  readonly pending: { readonly kind: 'pte'; readonly pte: PresentPte } | { readonly kind: 'huge'; readonly pmd: HugePmd } | null;
  readonly waitOn: string | null;
  /** The large folio split_folio is splitting (between unmap_folio and remap_page). */
  readonly splitting: Pfn | null;
  readonly error: UffdError | null;
  readonly result: OpResult | null;
}

/** Data for UFFDIO_MOVE / UFFDIO_REMAP. */
export function moveData(uffd: UffdId, task: TaskId, name: MoveData['name'], dst: number, src: number, pages: number, modes: readonly string[], legacy: boolean): MoveData {
  return { uffd, task, dst, src, len: pages * PAGE_SIZE, holes: modes.includes('allow_src_holes'), dontwake: modes.includes('dontwake'), legacy, name, done: 0, batch: null, pending: null, waitOn: null, splitting: null, error: null, result: null };
}

type C = StepCtx<MoveData>;
type O = StepOut<MoveData>;
const MM = 'mm/userfaultfd.c';
const spawnFlush = { actions: 'spawn' } as const;

const machine = machineSetup.createMachine({
  id: 'uffd_move',
  initial: 'ioctl',
  states: {
    ioctl: { description: 'userfaultfd_move: is there such an ioctl, are the arguments sane', on: { LOCK: 'mmap_lock', ERROR: 'done' } },
    ...lockStates('validate'),
    validate: { description: 'uffd_move_lock, validate_move_areas', on: { MOVE: 'move_pages', ERROR: 'wake_userfault' } },
    move_pages: {
      description: 'one iteration of the move_pages loop',
      on: {
        NEXT: 'move_pages', END: 'wake_userfault', ERROR: 'wake_userfault', PRESENT: 'move_present_ptes',
        CLEAR_FLUSH: { target: 'wait_clear', ...spawnFlush }, SPLIT: { target: 'wait_split', ...spawnFlush }, MIGRATION_WAIT: 'migration_wait', PTL_WAIT: 'ptl_wait',
        ...SPLIT_START, SPLIT_EAGAIN: 'split_spin',
      },
    },
    ...splitStates({ SPLIT: { target: 'move_pages', actions: 'wake' as const }, SPLIT_FAILED: { target: 'split_spin', actions: 'wake' as const } }),
    split_spin: { description: 'split_folio failed with -EAGAIN: move_pages retries the page', on: { WAKE: 'move_pages' } },
    move_present_ptes: { description: 'move one PTE of the batch', on: { MORE: 'move_present_ptes', FLUSH: { target: 'wait_batch', actions: ['spawn', 'wake'] } } },
    ptl_wait: { description: 'spinning on page-table locks another move holds', on: { WAKE: 'move_pages' } },
    wait_batch: { description: 'flush_tlb_range of the batch', on: { FLUSHED: 'move_pages' } },
    wait_clear: { description: 'ptep_clear_flush / pmdp_huge_clear_flush of the source', on: { FLUSHED: 'install_dst' } },
    install_dst: { description: 'map the page at the destination', on: { NEXT: 'move_pages' } },
    wait_split: { description: 'split_huge_pmd of the source, flushed', on: { FLUSHED: 'move_pages' } },
    migration_wait: { description: 'the source is under migration: migration_entry_wait, then -EAGAIN and retry', on: { WAKE: 'move_pages' } },
    wake_userfault: { description: 'wake the faults waiting on the moved range', on: { DONE: { target: 'done', actions: 'wake' }, TEARDOWN: { target: 'mmput', actions: ['wake', 'spawn'] } } },
    ...MMPUT_STATE,
    done: { type: 'final' },
  },
});

// userfaultfd_move (fs/userfaultfd.c, 6.8+; 6.18 as read): a cross-mm move, validate_range on either
// side and a failed mmget_not_zero all return before put_user(ret, &user_uffdio_move->move); so does
// an unknown ioctl (UFFDIO_MOVE before 6.8). The 2015–2017 userfaultfd_remap did the same for
// validate_range (`goto out` before remap_pages) and had no cross-mm check.
function earlyCheck(c: C): UffdError | null {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const k = c.world.cfg;
  if (d.name === 'UFFDIO_MOVE' && !k.features.uffdMove) return { errno: 'EINVAL', why: `UFFDIO_MOVE arrived in 6.8: kernel ${k.kernel.text} does not know the ioctl` };
  if (!d.legacy && c.world.tasks[d.task]?.mm !== ctx.mm) return { errno: 'EINVAL', why: 'the caller is not in the context\'s mm ("Do not allow cross-mm moves")' };
  return preflight(c.world, ctx.mm, [[d.dst, d.len], [d.src, d.len]]);
}

function ioctl(c: C): O {
  const d = c.actor.data;
  const fn = { file: 'fs/userfaultfd.c', name: d.legacy ? 'userfaultfd_remap' : 'userfaultfd_move' };
  const early = earlyCheck(c);
  if (early) {
    const field = d.legacy ? 'uffdio_remap.remap' : 'uffdio_move.move';
    const result = earlyError(early.errno);
    return { event: 'ERROR', fn, cost: UFFD_IOCTL, data: { ...d, result }, say: `${d.name}: ${early.why}; it returns ${resultText(result)} before writing ${field}` };
  }
  const f = c.world.cfg.features;
  const how = d.legacy ? 'the 2017 proposal (strict mremap semantics: each page cleared and flushed on its own)' : f.uffdMoveBatch ? '6.18 move_pages (present pages batched per PTE table, one flush per batch)' : 'move_pages (each present page cleared with ptep_clear_flush)';
  return { event: 'LOCK', fn, cost: UFFD_IOCTL, plan: [mmget(uffdCtx(c).mm)], say: `${d.name} of ${plural(d.len / PAGE_SIZE, 'page')} from ${hex(d.src)} to ${hex(d.dst)} on uffd ${uffdCtx(c).fd}, following ${how}` };
}

function validate(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const fn = { file: MM, name: 'validate_move_areas' };
  if (!mm) throw new Error('validate_move_areas on a dead mm (the ioctl holds mm_users)');
  const v = moveValidate(mm, ctx, d.dst, d.src, d.len);
  if ('errno' in v) return { event: 'ERROR', fn, cost: 100, data: { ...d, error: v }, say: `${v.why}: ${v.errno}` };
  const plan = new Plan();
  const p = anonVmaPrepare(c.world, v.dst, plan);
  return { event: 'MOVE', fn, cost: 100, plan: plan.ops, say: `both ranges lie in private anonymous, writable VMAs and the destination is registered with this uffd${p.created ? `; the destination VMA gets anon_vma #${p.vma.anonVma}` : ''}` };
}

function movePresent(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const src = d.src + d.done;
  const dst = d.dst + d.done;
  const ss = mm ? pteAt(c.world, mm, src) : undefined;
  const ds = mm ? pteAt(c.world, mm, dst) : undefined;
  const dvma = mm?.vmas.find((v) => v.start <= dst && v.end > dst);
  if (!mm || !ss || !ds || ss.entry.kind !== 'present' || !dvma) throw new Error('move_present_ptes lost its PTEs');
  const pte = ss.entry;
  const first = d.batch === src;
  const plan = new Plan().add({ op: 'set_entry', table: ss.table, index: ss.index, entry: { kind: 'none' } });
  const say = `${first ? 'move_present_ptes: ' : ''}ptep_get_and_clear the source PTE at ${hex(src)}; ${relinearized(c.world, pte.pfn, dvma, dst)}; the destination PTE maps pfn ${pte.pfn} writable${pte.dirty ? ' and dirty' : ''} (no copy)`;
  moveAnonRmap(plan, pte.pfn, dvma, dst);
  plan.add({ op: 'set_entry', table: ds.table, index: ds.index, entry: movedPte(pte) });
  const done = d.done + PAGE_SIZE;
  const cost = first ? MOVE_PAGE : MOVE_PTE_BATCHED;
  if (batchContinues(c.world, mm, src + PAGE_SIZE, dst + PAGE_SIZE, d.src + d.len, d.batch ?? src, d.dst + (d.batch ?? src) - d.src)) {
    return { event: 'MORE', fn: { file: MM, name: 'move_present_ptes' }, cost, plan: plan.ops, data: { ...d, done }, say };
  }
  const start = d.batch ?? src;
  return {
    event: 'FLUSH', fn: { file: MM, name: 'move_present_ptes' }, cost, plan: plan.ops, data: { ...d, done, batch: null }, marks: MARK.flush,
    say: `${say}; the batch ends: flush_tlb_range over the ${plural((src + PAGE_SIZE - start) / PAGE_SIZE, 'source page')}`,
    out: { wake: wakeAll(c.run, `ptl:${c.actor.id}`, c.now), spawn: { kind: 'flush_tlb_mm_range', data: flushTlbRange(c.world, ctx.mm, start, src + PAGE_SIZE, `${d.name} (move_present_ptes → flush_tlb_range)`) } },
  };
}

function installDst(c: C): O {
  const d = c.actor.data;
  const ctx = uffdCtx(c);
  const mm = c.world.mms.get(ctx.mm);
  const dst = d.dst + d.done;
  const p = d.pending;
  const dvma = mm?.vmas.find((v) => v.start <= dst && v.end > dst);
  if (!mm || !p || !dvma) throw new Error('install_dst without a pending page');
  if (p.kind === 'huge') return installHuge(c, mm, dvma, p.pmd);
  const plan = new Plan();
  const ds = pteAt(c.world, mm, dst);
  if (!ds) throw new Error('install_dst without a destination PTE table');
  if (p.pte.special) {
    plan.add({ op: 'set_entry', table: ds.table, index: ds.index, entry: p.pte });
    return { event: 'NEXT', fn: { file: MM, name: 'move_zeropage_pte' }, cost: 100, plan: plan.ops, data: { ...d, done: d.done + PAGE_SIZE, pending: null }, say: `the destination PTE maps the shared zero page at ${hex(dst)}` };
  }
  moveAnonRmap(plan, p.pte.pfn, dvma, dst);
  plan.add({ op: 'set_entry', table: ds.table, index: ds.index, entry: movedPte(p.pte) });
  return {
    event: 'NEXT', fn: { file: MM, name: 'move_present_pte' }, cost: MOVE_PAGE, plan: plan.ops, data: { ...d, done: d.done + PAGE_SIZE, pending: null },
    say: `${relinearized(c.world, p.pte.pfn, dvma, dst)}; the destination PTE maps pfn ${p.pte.pfn} writable at ${hex(dst)}`,
  };
}

function installHuge(c: C, mm: Mm, dvma: Vma, e: HugePmd): O {
  const d = c.actor.data;
  const dst = d.dst + d.done;
  const src = d.src + d.done;
  const pmd = pmdAt(c.world, mm, dst);
  if (!pmd) throw new Error('move_pages_huge_pmd without a destination PMD table');
  const plan = new Plan();
  const dep = mm.deposits.get(src);
  if (dep !== undefined) plan.add({ op: 'deposit', mm: mm.id, addr: src, table: null }).add({ op: 'deposit', mm: mm.id, addr: dst, table: dep });
  if (!e.special) moveAnonRmap(plan, e.pfn, dvma, dst, 512);
  plan.add({ op: 'set_entry', table: pmd.table, index: pmd.index, entry: e.special ? e : { ...e, rw: true, dirty: true } });
  return {
    event: 'NEXT', fn: { file: 'mm/huge_memory.c', name: 'move_pages_huge_pmd' }, cost: MOVE_PAGE, plan: plan.ops, data: { ...d, done: d.done + 512 * PAGE_SIZE, pending: null },
    say: `move_pages_huge_pmd maps the whole 2 MiB at ${hex(dst)} with one PMD and moves the deposited page table with it${e.special ? '' : `; ${relinearized(c.world, e.pfn, dvma, dst)}`}`,
  };
}

function wake(c: C): O {
  const d = c.actor.data;
  const result = ioctlResult(d.done, d.len, d.error?.errno ?? null);
  const fn = { file: 'fs/userfaultfd.c', name: 'userfaultfd_move' };
  if (d.done === 0 || d.dontwake) return { event: 'DONE', fn, cost: 0, data: { ...d, result }, say: `${d.name} returns ${resultText(result)}` };
  const w = wakeUserfault(c.run, c.now, c.actor.cpu, uffdCtx(c), d.dst, d.dst + d.done);
  return { event: 'DONE', fn: { file: 'fs/userfaultfd.c', name: 'wake_userfault' }, cost: 0, plan: w.plan.ops, out: { wake: w.wake }, data: { ...d, result }, say: `wake_userfault wakes ${plural(w.woken, 'waiting fault')}; ${d.name} returns ${resultText(result)}` };
}

const flushed = (name: string, say: string) => (): O => ({ event: 'FLUSHED', fn: { file: MM, name }, cost: 0, say });

/** The UFFDIO_MOVE / UFFDIO_REMAP machine. */
export const uffdMoveDef: MachineDef<MoveData> = {
  kind: 'uffd_move',
  machine,
  handlers: {
    ioctl,
    ...lockHandlers<MoveData>((c) => ({ mm: uffdCtx(c).mm, write: false, range: null }), 'uffd_move_lock'),
    validate,
    move_pages: decideMove,
    move_present_ptes: movePresent,
    wait_batch: flushed('move_present_ptes', 'the batch flush is complete: no CPU can reach the moved pages through the source addresses'),
    wait_clear: flushed('ptep_clear_flush', 'the source is cleared and flushed'),
    install_dst: installDst,
    wait_split: flushed('split_huge_pmd', 'the source THP is split into PTEs; the loop looks at the page again'),
    ...splitHandlers<MoveData>(),
    remap_folio: splitRemapStep,
    split_spin: splitSpinWoken,
    ptl_wait: (c) => ({ event: 'WAKE', fn: { file: MM, name: 'double_pt_lock' }, cost: 0, data: { ...c.actor.data, waitOn: null }, say: 'the other move dropped the page-table locks: look at this page again' }),
    migration_wait: (c) => ({ event: 'WAKE', fn: { file: 'mm/migrate.c', name: 'migration_entry_wait' }, cost: 0, data: { ...c.actor.data, waitOn: null }, say: 'the migration finished: -EAGAIN, and move_pages retries this page' }),
    wake_userfault: withMmput(wake, ['DONE']),
    mmput: mmputDone,
  },
  waiting: states('wait_batch', 'wait_clear', 'wait_split', ...SPLIT_WAITING, 'split_spin', 'migration_wait', 'ptl_wait', LOCK_WAIT, 'mmput'),
  // spin_lock on a page-table lock busy-waits, and so does the -EAGAIN retry loop: the wait is CPU time.
  spinning: states('ptl_wait', 'split_spin'),
};
