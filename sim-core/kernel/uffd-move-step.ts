// One iteration of move_pages' loop (mm/userfaultfd.c, 6.18): find the source PMD (ENOENT for a hole
// unless UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES), allocate the destination tables, refuse a THP or a
// populated destination (EEXIST), move a whole THP or split it, else look at the source PTE
// (move_pages_ptes). Allocations are their own steps so each step changes one thing.
import { HANDLE_PTE_FAULT, SPLIT_HUGE_PMD } from '../engine/costs';
import type { Actor, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { folioMaybeDmaPinned, PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { alignDown, hex, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import type { WalkStep } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import type { HugePmd, Pte } from '../model/pte';
import { cpuNode } from '../model/world';
import type { MoveData } from '../machines/uffd-move';
import { splitFlush, splitHugePmd } from './huge-split';
import { ensurePteTable } from './pgtable-alloc';
import { Plan } from './plan';
import { otherActor } from './sched';
import { flushTlbRange, shootdownData } from './tlb';
import { movablePresent, pmdAt, pteAt } from './uffd-move';
import { splitFolioStep } from './uffd-move-split';

type C = StepCtx<MoveData>;
type O = StepOut<MoveData>;
const MM = 'mm/userfaultfd.c';
const fn = { file: MM, name: 'move_pages' };

const fail = (d: MoveData, errno: string, why: string): O => ({ event: 'ERROR', fn, cost: HANDLE_PTE_FAULT, data: { ...d, error: { errno, why } }, say: `${why}: ${errno}${d.done ? ` after ${d.done} bytes` : ''}` });
const advance = (d: MoveData, say: string, plan?: Plan, name = 'move_pages'): O => ({ event: 'NEXT', fn: { file: MM, name }, cost: HANDLE_PTE_FAULT, plan: plan?.ops, data: { ...d, done: d.done + PAGE_SIZE }, say });

function alloc(c: C, mm: Mm, addr: number, target: 1 | 2, why: string): O {
  const plan = new Plan();
  const r = ensurePteTable(c.world, mm, addr, cpuNode(c.world.cfg, c.actor.cpu), plan, target);
  return { event: 'NEXT', fn: { file: 'mm/memory.c', name: target === 2 ? 'mm_alloc_pmd' : '__pte_alloc' }, cost: 250 * r.allocated, plan: plan.ops, marks: MARK.alloc, say: `${why}: ${r.allocated} page-table page${r.allocated === 1 ? '' : 's'} allocated for ${hex(addr)}` };
}

// ptep_clear_flush: flush_tlb_page, which never sets freed_tables.
function flushOut(c: C, start: number, end: number, caller: string): NonNullable<O['out']> {
  const mm = c.world.uffds.get(c.actor.data.uffd)?.mm;
  if (mm === undefined) throw new Error('move without a context');
  return { spawn: { kind: 'flush_tlb_mm_range', data: shootdownData(mm, start, end, false, caller) } };
}

// A PMD-mapped THP at the source: move it whole (aligned, 2 MiB left, empty destination PMD) or split it.
function hugeSource(c: C, mm: Mm, slot: WalkStep, dstEmpty: boolean, src: number, dst: number): O {
  const d = c.actor.data;
  const e = slot.entry as HugePmd;
  const f = e.special ? undefined : folioOf(c.world.mem, e.pfn);
  const exclusive = e.special || ((c.world.mem.pageFlags[e.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  if (!exclusive) return fail(d, 'EBUSY', `the THP at ${hex(src)} is not exclusive (shared with a fork child)`);
  const plan = new Plan();
  if (src % PMD_SIZE === 0 && dst % PMD_SIZE === 0 && d.len - d.done >= PMD_SIZE && dstEmpty) {
    // move_pages_huge_pmd checks for pins; the split path does not (split_folio will refuse them).
    if (f && folioMaybeDmaPinned(f)) return fail(d, 'EBUSY', `the THP at ${hex(src)} may be pinned (move_pages_huge_pmd: folio_maybe_dma_pinned)`);
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'none' } });
    return {
      event: 'CLEAR_FLUSH', fn: { file: 'mm/huge_memory.c', name: 'move_pages_huge_pmd' }, cost: HANDLE_PTE_FAULT, plan: plan.ops, data: { ...d, pending: { kind: 'huge', pmd: e } }, marks: MARK.flush,
      say: `a whole aligned THP at ${hex(src)}: move_pages_huge_pmd clears the source PMD with pmdp_huge_clear_flush`,
      out: { spawn: { kind: 'flush_tlb_mm_range', data: flushTlbRange(c.world, mm.id, src, src + PMD_SIZE, 'move_pages_huge_pmd (pmdp_huge_clear_flush)') } },
    };
  }
  splitHugePmd(c.world, plan, mm, slot, src);
  const h = alignDown(src, PMD_SIZE);
  return {
    event: 'SPLIT', fn: { file: 'mm/huge_memory.c', name: 'split_huge_pmd' }, cost: SPLIT_HUGE_PMD, plan: plan.ops, marks: MARK.flush,
    say: `the THP at ${hex(src)} cannot move whole here (unaligned, less than 2 MiB left, or a destination PMD in the way): split_huge_pmd`,
    out: splitFlush(c.world, mm.id, h),
  };
}

// The UFFDIO_MOVE call, other than this one, in the middle of a move_present_ptes batch that holds
// the page-table lock of `tables` (double_pt_lock keeps both its source and destination PTLs).
function ptlHolder(c: C, mm: Mm, tables: readonly number[]): Actor<MoveData> | undefined {
  return otherActor<MoveData>(c, 'uffd_move', ({ data: o }) => o.batch !== null
    && [pteAt(c.world, mm, o.src + o.done)?.table, pteAt(c.world, mm, o.dst + o.done)?.table].some((t) => t !== undefined && tables.includes(t)));
}

// move_pages_ptes with both PTE tables in place.
function ptes(c: C, mm: Mm, src: number, dst: number): O {
  const d = c.actor.data;
  const ss = pteAt(c.world, mm, src);
  const ds = pteAt(c.world, mm, dst);
  if (!ss || !ds) throw new Error('move_pages_ptes without PTE tables');
  const holder = ptlHolder(c, mm, [ss.table, ds.table]);
  if (holder) {
    return { event: 'PTL_WAIT', fn: { file: MM, name: 'double_pt_lock' }, cost: 0, data: { ...d, waitOn: `ptl:${holder.id}` }, say: `another UFFDIO_MOVE (machine #${holder.id}) holds these page-table locks for its batch: spin until it drops them` };
  }
  const dpte = ds.entry as Pte;
  const spte = ss.entry as Pte;
  if (dpte.kind !== 'none') return fail(d, 'EEXIST', `the destination ${hex(dst)} is already populated (${dpte.kind === 'present' && dpte.special ? 'the zero page' : dpte.kind})`);
  const clear = new Plan().add({ op: 'set_entry', table: ss.table, index: ss.index, entry: { kind: 'none' } });
  switch (spte.kind) {
    case 'none':
      return d.holes ? advance(d, `the source ${hex(src)} is a hole: with ALLOW_SRC_HOLES it counts as moved`) : fail(d, 'ENOENT', `the source ${hex(src)} is not mapped`);
    case 'present': {
      if (spte.special) {
        return { event: 'CLEAR_FLUSH', fn: { file: MM, name: 'move_zeropage_pte' }, cost: HANDLE_PTE_FAULT, plan: clear.ops, data: { ...d, pending: { kind: 'pte', pte: spte } }, marks: MARK.flush, say: `the source maps the zero page: move_zeropage_pte clears it with ptep_clear_flush`, out: flushOut(c, src, src + PAGE_SIZE, `${d.name} (move_zeropage_pte → ptep_clear_flush)`) };
      }
      const bad = movablePresent(c.world, spte, d.legacy);
      const folio = folioOf(c.world.mem, spte.pfn);
      if (bad === 'split' && folio) return splitFolioStep(c, folio);
      if (bad && bad !== 'split') return fail(d, bad.errno, bad.why);
      if (!d.legacy && c.world.cfg.features.uffdMoveBatch) return { event: 'PRESENT', fn: { file: MM, name: 'move_pages_ptes' }, cost: 0, data: { ...d, batch: src }, say: `pfn ${spte.pfn} at ${hex(src)} is exclusive and unpinned: lock the folio and its anon_vma, then move_present_ptes` };
      return {
        event: 'CLEAR_FLUSH', fn: { file: MM, name: 'move_present_pte' }, cost: HANDLE_PTE_FAULT, plan: clear.ops, data: { ...d, pending: { kind: 'pte', pte: spte } }, marks: MARK.flush,
        say: `pfn ${spte.pfn} at ${hex(src)} can move: ptep_clear_flush clears the source PTE and flushes it on every CPU that may cache it, before the destination is mapped`,
        out: flushOut(c, src, src + PAGE_SIZE, `${d.name} (ptep_clear_flush)`),
      };
    }
    case 'swap': {
      if (!spte.exclusive) return fail(d, 'EBUSY', `the swap entry at ${hex(src)} is not exclusive (pte_swp_exclusive)`);
      clear.add({ op: 'set_entry', table: ds.table, index: ds.index, entry: spte });
      return advance(d, `move_swap_pte moves the swap entry (slot ${spte.slot}) from ${hex(src)} to ${hex(dst)}; a non-present PTE needs no flush`, clear, 'move_swap_pte');
    }
    case 'migration':
      return { event: 'MIGRATION_WAIT', fn: { file: 'mm/migrate.c', name: 'migration_entry_wait' }, cost: HANDLE_PTE_FAULT, data: { ...d, waitOn: `folio:${spte.pfn}` }, say: `the source ${hex(src)} is a migration entry: migration_entry_wait sleeps on folio ${spte.pfn}'s lock` };
    case 'marker': case 'file':
      return fail(d, 'EFAULT', `the source ${hex(src)} holds a ${spte.kind} entry`);
  }
}

/** One iteration of move_pages' loop. */
export function decideMove(c: C): O {
  const d = c.actor.data;
  const ctx = c.world.uffds.get(d.uffd);
  const mm = ctx ? c.world.mms.get(ctx.mm) : undefined;
  if (!mm) throw new Error('move_pages without an mm');
  if (d.done >= d.len) return { event: 'END', fn, cost: 0, say: `all ${d.len / PAGE_SIZE} pages moved` };
  const src = d.src + d.done;
  const dst = d.dst + d.done;
  const sp = pmdAt(c.world, mm, src);
  if (!sp) return d.holes ? alloc(c, mm, src, 1, 'the source has no page table (a hole); ALLOW_SRC_HOLES: mm_alloc_pmd + __pte_alloc') : fail(d, 'ENOENT', `no page table maps the source ${hex(src)} (mm_find_pmd)`);
  const dp = pmdAt(c.world, mm, dst);
  if (!dp) return alloc(c, mm, dst, 2, 'mm_alloc_pmd for the destination');
  if (dp.entry.kind === 'huge') return fail(d, 'EEXIST', `a THP already maps the destination ${hex(dst)}`);
  if (sp.entry.kind === 'huge') return hugeSource(c, mm, sp, dp.entry.kind === 'none', src, dst);
  if (sp.entry.kind === 'none') return d.holes ? alloc(c, mm, src, 1, 'the source PMD is empty (a hole); ALLOW_SRC_HOLES: __pte_alloc') : fail(d, 'ENOENT', `the source PMD for ${hex(src)} is empty`);
  if (dp.entry.kind === 'none') return alloc(c, mm, dst, 1, 'pte_alloc for the destination');
  return ptes(c, mm, src, dst);
}
