// split_folio (mm/huge_memory.c split_huge_page_to_list_to_order → __folio_split, 6.18) for an
// anonymous PTE-mapped large folio: can_split_folio refuses extra references (-EAGAIN), unmap_folio
// turns every PTE of the folio into a migration entry (try_to_migrate with TTU_SPLIT_HUGE_PMD |
// TTU_SYNC | TTU_BATCH_FLUSH, then try_to_unmap_flush), __split_unmapped_folio makes 2^order small
// folios, remap_page puts each page back (remove_migration_ptes), and the tails are unlocked and
// released: a page no PTE mapped any more is freed there.
import { MIGRATE_FOLIO, SPLIT_FOLIO_PTE } from '../engine/costs';
import type { StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { Folio } from '../model/folio';
import { PG } from '../model/folio';
import type { MmId, Pfn, TaskId } from '../model/ids';
import type { Mm } from '../model/mm';
import { pfn } from '../model/ids';
import { findLeaf, findPte, type WalkStep } from '../model/pagetable';
import { type MigrationPte, mkPresent, type PresentPte } from '../model/pte';
import { type Vma, vmaAddress, vmaHas } from '../model/vma';
import { folioOf, ZERO_PFN, ZERO_TAG } from '../model/physmem';
import type { World } from '../model/world';
import { clearPte, installMigrationEntry, removeMigrationPte } from './migrate';
import { Plan } from './plan';
import { wakeFolioWaiters } from './sched';
import { splitFlush, splitHugePmd } from './huge-split';
import { findVma, rmapTargets } from './rmap-walk';
import { plural } from './words';

/** One PTE mapping a page of the folio, found through the rmap (page_vma_mapped_walk). */
export interface FolioPte { readonly mm: MmId; readonly vma: Vma; readonly slot: WalkStep }

/**
 * can_split_folio(folio, caller_pins = 1): every reference but the caller's must be a mapping
 * (an anonymous folio outside the swap cache has no other expected reference). A GUP pin fails it.
 */
export function canSplitFolio(f: Folio, callerPins: number): boolean {
  const extra = (f.flags & PG.swapcache) !== 0 ? 2 ** f.order : 0;
  return f.mapcount === f.refcount - extra - callerPins;
}

/** The PTEs (present, or migration entries when `migration`) mapping pages of `f`, VMA by VMA in rmap order. */
export function folioPtes(w: World, f: Folio, migration: boolean): FolioPte[] {
  const out: FolioPte[] = [];
  const nr = 2 ** f.order;
  for (const t of rmapTargets(w, f)) {
    const v = findVma(w, t.vma);
    const m = w.mms.get(t.mm);
    if (!v || !m) continue;
    for (let j = 0; j < nr; j++) {
      const addr = vmaAddress(v, f.index + j);
      const slot = addr === null ? null : findPte(w.tables, m.pgd, addr);
      const e = slot?.entry;
      if (!slot || !e) continue;
      const hit = migration ? e.kind === 'migration' && e.pfn === f.pfn + j : e.kind === 'present' && !e.special && e.pfn === f.pfn + j;
      if (hit) out.push({ mm: t.mm, vma: v, slot });
    }
  }
  return out;
}

/** A PMD mapping the folio whole: its mm, walk step and address. */
export interface FolioPmd { readonly mm: Mm; readonly slot: WalkStep; readonly addr: number }

/** The first PMD (in rmap order) mapping the folio whole, if any. */
export function folioPmd(w: World, f: Folio): FolioPmd | null {
  for (const t of rmapTargets(w, f)) {
    const m = w.mms.get(t.mm);
    const slot = m && t.addr !== null ? findLeaf(w.tables, m.pgd, t.addr) : null;
    if (m && slot && t.addr !== null && slot.entry.kind === 'huge' && slot.entry.pfn === f.pfn) return { mm: m, slot, addr: t.addr };
  }
  return null;
}

/**
 * unmap_folio: each PTE becomes a migration entry; its flush joins the task's batch
 * (set_tlb_ubc_flush_pending), which try_to_unmap_flush sends once at the end. With no other CPU
 * in mm_cpumask Linux flushes each PTE locally instead (ptep_clear_flush); the batch then holds
 * only this CPU, so no IPI is sent either way.
 */
export function unmapFolio(w: World, plan: Plan, f: Folio, task: TaskId): number {
  const ptes = folioPtes(w, f, false);
  for (const p of ptes) {
    const pte = p.slot.entry as PresentPte;
    clearPte(plan, p.slot, p.mm, task, true);
    installMigrationEntry(w, plan, p.slot, pte, f);
  }
  return ptes.length;
}

/**
 * __split_unmapped_folio + remap_page + the tails' folio_unlock and folio_put. The head keeps the
 * caller's reference and lock (the caller puts them); a page no PTE maps is freed by its last put.
 * `toList`: reclaim's split_folio_to_list, which keeps the mapped tails isolated for shrink_folio_list.
 */
export function splitAndRemap(w: World, plan: Plan, f: Folio, toList = false): { mapped: number; zero: number; freed: number; listed: Pfn[] } {
  const entries = folioPtes(w, f, true);
  plan.add({ op: 'split_folio', pfn: f.pfn });
  const mapped = new Set<number>();
  let ptes = 0;
  let zero = 0;
  for (const p of entries) {
    const e = p.slot.entry as MigrationPte;
    // try_to_map_unused_to_zeropage (6.12+): a zero-filled page of an unlocked VMA comes back as the
    // shared zero page, read-only, and leaves the mm's anon RSS; its small folio is then freed.
    if (w.cfg.features.splitZeropage && (w.mem.content[e.pfn] ?? ZERO_TAG) === ZERO_TAG && !vmaHas(p.vma, 'LOCKED')) {
      plan.add({ op: 'set_entry', table: p.slot.table, index: p.slot.index, entry: mkPresent(ZERO_PFN, false, { special: true }) })
        .add({ op: 'rss', mm: p.mm, delta: { anon: -1 } });
      zero++;
      continue;
    }
    removeMigrationPte(plan, p.slot, e, e.pfn);
    mapped.add(e.pfn);
    ptes++;
  }
  const listed: Pfn[] = [];
  for (let i = 1; i < 2 ** f.order; i++) {
    const tail = pfn(f.pfn + i);
    plan.add({ op: 'folio_flags', pfn: tail, set: 0, clear: PG.locked | (toList ? PG.lru : 0) });
    // Reclaim's split (lru_add_split_folio with a list): a mapped tail keeps its reference as the
    // isolation reference and joins the list; a zapped one is freed ("free zapped tail pages").
    if (toList && mapped.has(tail)) listed.push(tail);
    else plan.add({ op: 'folio_ref', pfn: tail, delta: -1 });
  }
  // The head is freed by its caller's put, unless reclaim keeps it isolated on its list.
  const headGoes = !mapped.has(f.pfn) && !toList;
  return { mapped: ptes, zero, freed: 2 ** f.order - 1 - [...mapped].filter((p) => p !== f.pfn).length + (headGoes ? 1 : 0), listed };
}

/** The wait key of a split refused for extra references, retried until one goes (unpin wakes it). */
export const splitSpinKey = (folio: number): string => `split:${folio}`;

/** split_folio's callers outside reclaim first take a reference and the lock (folio_get, folio_lock). */
export const getAndLock = (f: Folio): Plan => new Plan().add({ op: 'folio_ref', pfn: f.pfn, delta: 1 }).add({ op: 'folio_flags', pfn: f.pfn, set: PG.locked, clear: 0 });

/** What a machine that splits folios keeps: its task (whose TLB batch it uses) and the folio. */
export interface SplitData { readonly task: TaskId; readonly splitting: Pfn | null }

/**
 * unmap_folio after `lead` (what led here) and the caller's `plan` so far (its folio_get or lock): one
 * PMD mapping per step, each split with freeze and flushed, then every PTE mapping in one step. The
 * state taking this step needs SPLIT_START's transitions (machines/split-states.ts).
 */
export function unmapFolioStep<D extends SplitData>(c: StepCtx<D>, f: Folio, lead: string, plan: Plan): StepOut<D> {
  const d = c.actor.data;
  const data = { ...d, splitting: f.pfn };
  const pmd = folioPmd(c.world, f);
  if (pmd) {
    // TTU_SPLIT_HUGE_PMD → split_huge_pmd_address with freeze: migration entries straight into the table.
    splitHugePmd(c.world, plan, pmd.mm, pmd.slot, pmd.addr, true);
    return {
      event: 'SPLIT_PMD', fn: { file: 'mm/huge_memory.c', name: 'unmap_folio' }, cost: MIGRATE_FOLIO + SPLIT_FOLIO_PTE * 512, plan: plan.ops, data, marks: MARK.flush,
      say: `${lead}; unmap_folio (TTU_SPLIT_HUGE_PMD) splits the PMD in ${pmd.mm.process} with freeze: its 512 PTEs are written as migration entries, and pmdp_invalidate flushes the 2 MiB at once`,
      out: splitFlush(c.world, pmd.mm.id, pmd.addr),
    };
  }
  const n = unmapFolio(c.world, plan, f, d.task);
  return {
    event: 'SPLIT_UNMAPPED', fn: { file: 'mm/huge_memory.c', name: 'unmap_folio' }, cost: MIGRATE_FOLIO + SPLIT_FOLIO_PTE * n, plan: plan.ops, data,
    say: `${lead}; unmap_folio (try_to_migrate with TTU_SYNC | TTU_BATCH_FLUSH) turns ${n ? `its ${plural(n, 'PTE')}` : 'no other PTE'} into migration entries`,
  };
}

/** What a machine does after its split: the events and data for success and for a refused freeze. */
export interface SplitOutcome<D> {
  /** Reclaim's split_folio_to_list: the mapped tails stay isolated for the list. */
  readonly toList: boolean;
  readonly then: string;
  readonly event: string;
  readonly data: (d: D, listed: readonly Pfn[]) => D;
  /** folio_ref_freeze failed: -EAGAIN, the folio stays whole. */
  readonly failed: { readonly event: string; readonly then: string; readonly data: (d: D, f: Folio) => D };
}

/**
 * The remap_folio step of a machine whose folio was unmapped by unmapFolioStep. __folio_split first
 * freezes the refcount: anything but the caller's reference (a fault that took one meanwhile, a
 * mapping not yet dropped) fails it with -EAGAIN and remap_page maps the folio back whole (now by
 * PTEs). Otherwise __split_unmapped_folio and remap_page. Then the head's folio_unlock (and the
 * caller's folio_put, unless the split feeds reclaim's list, whose isolation reference the head
 * keeps), waking whoever sleeps on a page's lock.
 */
export function remapStep<D extends SplitData>(c: StepCtx<D>, o: SplitOutcome<D>): StepOut<D> {
  const d = c.actor.data;
  const f = d.splitting === null ? undefined : folioOf(c.world.mem, d.splitting);
  if (!f) throw new Error('split_folio lost its folio');
  const nr = 2 ** f.order;
  const plan = new Plan();
  const wake = Array.from({ length: nr }, (_, i) => wakeFolioWaiters(c.run, f.pfn + i, c.now)).flat();
  const fn = { file: 'mm/huge_memory.c', name: '__folio_split' };
  if (f.mapcount !== 0 || f.refcount !== 1) {
    const back = folioPtes(c.world, f, true);
    for (const p of back) removeMigrationPte(plan, p.slot, p.slot.entry as MigrationPte, (p.slot.entry as MigrationPte).pfn);
    plan.add({ op: 'folio_flags', pfn: f.pfn, set: 0, clear: PG.locked });
    if (!o.toList) plan.add({ op: 'folio_ref', pfn: f.pfn, delta: -1 });
    return {
      event: o.failed.event, fn, cost: SPLIT_FOLIO_PTE * back.length, plan: plan.ops, data: { ...o.failed.data(d, f), splitting: null }, out: { wake },
      say: `folio_ref_freeze fails: the folio gained a reference or a mapping meanwhile (refcount ${f.refcount}, mapcount ${f.mapcount}), so split_folio returns -EAGAIN; remap_page puts the ${plural(back.length, 'PTE')} back on the whole folio; ${o.failed.then}`,
    };
  }
  const r = splitAndRemap(c.world, plan, f, o.toList);
  plan.add({ op: 'folio_flags', pfn: f.pfn, set: 0, clear: PG.locked });
  if (!o.toList) plan.add({ op: 'folio_ref', pfn: f.pfn, delta: -1 });
  const listed = o.toList ? `, ${plural(r.listed.length, 'tail')} join the reclaim list` : '';
  const zero = r.zero ? `, ${plural(r.zero, 'zero-filled page')} ${r.zero === 1 ? 'comes' : 'come'} back as the shared zero page (try_to_map_unused_to_zeropage)` : '';
  const freed = r.freed ? `, and the ${plural(r.freed, 'page')} nothing maps any more ${r.freed === 1 ? 'is' : 'are'} freed` : '';
  return {
    event: o.event, fn: { ...fn, name: '__split_unmapped_folio' }, cost: SPLIT_FOLIO_PTE * (nr + r.mapped), plan: plan.ops, marks: r.freed ? MARK.free : undefined,
    data: { ...o.data(d, r.listed), splitting: null }, out: { wake },
    say: `the folio becomes ${plural(nr, 'small folio')} with consecutive indexes under the same anon_vma; remap_page puts the ${plural(r.mapped, 'PTE')} back from their migration entries${zero}${listed}${freed}; ${o.then}`,
  };
}
