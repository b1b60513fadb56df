// Anonymous THP faults (mm/huge_memory.c): do_huge_pmd_anonymous_page and do_huge_pmd_wp_page,
// reached from __handle_mm_fault when the PMD is empty in a VM_HUGEPAGE VMA, or is a huge leaf.
import { COPY_HUGE_PAGE, HANDLE_PTE_FAULT, SPLIT_HUGE_PMD, THP_FAULT, WP_REUSE } from '../engine/costs';
import { type Actor, MARK } from '../engine/types';
import { PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { alignDown, hex, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import { folioOf, hasFreeBlock } from '../model/physmem';
import { pteSame } from '../model/pte';
import { linearPageIndex, type Vma, vmaHas, vmaIsAnon } from '../model/vma';
import type { World } from '../model/world';
import { anonVmaPrepare } from './anon';
import { accountFault, atLevel, FAULT_OK, type FaultData, faultMm, faultNode, faultWalk, type FCtx, type FOut } from './fault-common';
import { depositTable, hugeZeroFolio, splitFlush, splitHugePmd } from './huge-split';
import { Plan } from './plan';
import { otherActor, wakeAll } from './sched';
import { flushTlbRange } from './tlb';
import { handleUserfault } from './uffd-fault';

const HUGE = 'mm/huge_memory.c';

/** thp_vma_allowable_order in "madvise" mode: a VM_HUGEPAGE anonymous VMA covering the aligned 2 MiB. */
export function thpAllowed(vma: Vma, addr: number): boolean {
  const haddr = alignDown(addr, PMD_SIZE);
  return vmaIsAnon(vma) && vmaHas(vma, 'HUGEPAGE') && !vmaHas(vma, 'NOHUGEPAGE') && haddr >= vma.start && haddr + PMD_SIZE <= vma.end;
}

function pmdSlot(c: FCtx) {
  const s = atLevel(faultWalk(c.world, c.actor.data), 2);
  if (!s) throw new Error('THP fault without a PMD table');
  return s;
}

// Another fault of this mm that holds the PMD lock of `haddr` between pmdp_huge_clear_flush and
// set_pmd_at (do_huge_pmd_wp_page keeps it across both, so the cleared PMD is never seen as free).
function pmdLockHolder(c: FCtx, haddr: number): Actor<FaultData> | undefined {
  return otherActor<FaultData>(c, 'fault', (a) => a.data.mm === c.actor.data.mm && a.data.pmdLocked === haddr);
}

// spin_lock(pmd_lock): the fault spins, keeping its VMA lock, until the holder's set_pmd_at drops
// the lock (installHuge wakes it), then walks the page table again and finds the new PMD.
function spinOnPmdLock(c: FCtx, holder: Actor<FaultData>, name: string, say: string): FOut {
  return { event: 'PMD_LOCK_WAIT', fn: { file: HUGE, name }, cost: 0, data: { ...c.actor.data, waitOn: `pmd:${holder.id}` }, say: `the PMD lock is held by fault #${holder.id}, which is replacing this THP: ${say}` };
}

/** The PMD lock is free again: the fault walks the page table anew from the PGD. */
export function pmdLockWoken(c: FCtx): FOut {
  return { event: 'WAKE', fn: { file: HUGE, name: 'pmd_lock' }, cost: 0, data: { ...c.actor.data, waitOn: null }, say: 'the PMD lock is free: the fault looks at the PMD again' };
}

// The fault returns 0 without changing anything; the access retries (and faults again if it must).
function retryAccess(c: FCtx, name: string, say: string): FOut {
  const d = c.actor.data;
  return { event: 'DONE', fn: { file: HUGE, name }, cost: 50, plan: accountFault(new Plan(), d).ops, data: { ...d, origPmd: null, result: FAULT_OK }, marks: MARK.fault, say };
}

/** do_huge_pmd_anonymous_page: the huge zero folio for a read, a zeroed 2 MiB folio for a write. */
export function doHugePmdAnonymousPage(c: FCtx): FOut {
  const d = c.actor.data;
  const vma = d.vma as Vma;
  const slot = pmdSlot(c);
  const haddr = alignDown(d.addr, PMD_SIZE);
  const node = faultNode(c.world, c.actor.cpu);
  const fn = { file: HUGE, name: 'do_huge_pmd_anonymous_page' };
  const holder = pmdLockHolder(c, haddr);
  // mm/huge_memory.c __do_huge_pmd_anonymous_page / set_huge_zero_folio: under the PMD lock the PMD is no longer none, so it backs off and returns 0.
  if (holder) return spinOnPmdLock(c, holder, 'do_huge_pmd_anonymous_page', 'once it is dropped the PMD is no longer none');
  const plan = new Plan();
  if (vmaHas(vma, 'UFFD_MISSING')) {
    const { vma: v } = d.write ? anonVmaPrepare(c.world, vma, plan) : { vma };
    return handleUserfault(c, 'missing', `do_huge_pmd_anonymous_page: the PMD is none and the VMA is VM_UFFD_MISSING (userfaultfd_missing)`, plan, { ...d, vma: v });
  }
  if (!d.write) {
    const hz = hugeZeroFolio(c.world, plan);
    depositTable(plan, d.mm, haddr, node);
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'huge', pfn: hz as never, rw: false, dirty: false, accessed: true, special: true } });
    accountFault(plan, d);
    return { event: 'DONE', fn, cost: THP_FAULT / 20, plan: plan.ops, data: { ...d, result: FAULT_OK }, marks: MARK.fault, say: `a read in a VM_HUGEPAGE VMA maps the huge zero folio read-only with one PMD for [${hex(haddr)}, +2 MiB); a PTE table is deposited for a later split` };
  }
  if (!hasFreeBlock(c.world.mem, node, 9)) return { event: 'FALLBACK', fn, cost: HANDLE_PTE_FAULT, say: 'no free 2 MiB block on this node: THP_FAULT_FALLBACK, the fault continues at PTE level' };
  const { vma: v } = anonVmaPrepare(c.world, vma, plan);
  const f = plan.ref('thp');
  plan.add({ op: 'alloc_folio', node, order: 9, as: f, content: { tag: '0' }, anon: { anonVma: v.anonVma as never, index: linearPageIndex(v, haddr) } })
    .add({ op: 'folio_mapcount', pfn: { ref: f }, delta: 1 })
    .add({ op: 'rss', mm: d.mm, delta: { anon: 512 } });
  depositTable(plan, d.mm, haddr, node);
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'huge', pfn: { ref: f } as never, rw: vmaHas(v, 'WRITE'), dirty: true, accessed: true, special: false } });
  accountFault(plan, d);
  return {
    event: 'DONE', fn, cost: THP_FAULT, plan: plan.ops, data: { ...d, vma: v, result: FAULT_OK }, marks: MARK.fault | MARK.alloc,
    say: `a write in a VM_HUGEPAGE VMA allocates a zeroed 2 MiB folio (pfns {${f}}..+511) and maps it with one writable PMD; MM_ANONPAGES += 512`,
  };
}

/** do_huge_pmd_wp_page: reuse an exclusive THP, else split (5.8+) or copy all 2 MiB (before). */
export function doHugePmdWpPage(c: FCtx): FOut {
  const d = c.actor.data;
  const slot = pmdSlot(c);
  const w = c.world;
  const fn = { file: HUGE, name: 'do_huge_pmd_wp_page' };
  // mm/huge_memory.c do_huge_pmd_wp_page: pmd_same(*vmf->pmd, orig_pmd) fails under the PMD lock (another task changed it since the walk): return 0.
  const e = d.origPmd;
  if (!e || !pteSame(slot.entry, e)) return retryAccess(c, fn.name, `the PMD changed since the walk (now ${slot.entry.kind === 'huge' ? `a huge PMD, ${slot.entry.rw ? 'writable' : `pfn ${slot.entry.pfn}`}` : slot.entry.kind}): pmd_same fails under the PMD lock, so the fault returns 0 and the access retries`);
  if (e.uffd_wp && d.vma && vmaHas(d.vma, 'UFFD_WP')) return handleUserfault(c, 'wp', 'do_huge_pmd_wp_page: the PMD has the uffd-wp bit and the VMA is VM_UFFD_WP (userfaultfd_huge_pmd_wp)');
  if (e.special) {
    const alloc = !w.cfg.features.thpCowSplit || w.cfg.features.hugeZeroWpAlloc;
    return alloc && hasFreeBlock(w.mem, faultNode(w, c.actor.cpu), 9)
      ? { event: 'REPLACE', fn, cost: 100, say: 'a write to the huge zero folio: do_huge_zero_wp_pmd allocates a real THP to replace it' }
      : { event: 'SPLIT', fn, cost: 100, say: 'a write to the huge zero folio: the PMD is split and the write falls back to a 4 KiB page' };
  }
  const f = folioOf(w.mem, e.pfn);
  const sub = e.pfn + (Math.floor(d.addr / PAGE_SIZE) % 512);
  if (f && (((w.mem.pageFlags[sub] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0 || f.refcount === 1)) {
    const plan = new Plan().add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...e, rw: true, dirty: true, accessed: true } });
    accountFault(plan, d);
    return { event: 'REUSE', fn, cost: WP_REUSE, plan: plan.ops, data: { ...d, result: FAULT_OK }, marks: MARK.fault, say: 'the THP is exclusive to this process: the PMD becomes writable in place (no copy, no flush)' };
  }
  if (w.cfg.features.thpCowSplit) return { event: 'SPLIT', fn, cost: 100, say: `the THP is shared (refcount ${f?.refcount ?? '?'}): since 5.8 the writer's PMD is split and the fault falls back to a 4 KiB copy-on-write` };
  return { event: 'REPLACE', fn, cost: 100, say: `the THP is shared (refcount ${f?.refcount ?? '?'}): before 5.8 the whole 2 MiB is copied into a new THP` };
}

/** __split_huge_pmd for the fault, then its flush (pmdp_invalidate → flush_tlb_range of the 2 MiB). */
export function splitForFault(c: FCtx): FOut {
  const d = c.actor.data;
  const plan = new Plan();
  const mm = faultMm(c.world, d);
  const slot = pmdSlot(c);
  const haddr = alignDown(d.addr, PMD_SIZE);
  const fn = { file: HUGE, name: '__split_huge_pmd' };
  const holder = pmdLockHolder(c, haddr);
  if (holder) return spinOnPmdLock(c, holder, fn.name, 'the PMD it maps next is writable, so the walk may need no split');
  // mm/huge_memory.c __split_huge_pmd: only a PMD still huge under the PMD lock is split; else VM_FAULT_FALLBACK to handle_pte_fault.
  if (slot.entry.kind !== 'huge') return { event: 'FALLBACK', fn, cost: HANDLE_PTE_FAULT, say: `another task ${slot.entry.kind === 'table' ? 'split this PMD first' : 'cleared this PMD'}: nothing left to split, the fault continues at PTE level (VM_FAULT_FALLBACK)` };
  splitHugePmd(c.world, plan, mm, slot, d.addr);
  return {
    event: 'FLUSH', fn, cost: SPLIT_HUGE_PMD, plan: plan.ops, marks: MARK.flush,
    say: 'the deposited PTE table gets 512 PTEs for the same frames and replaces the PMD leaf; the folio stays one 2 MiB folio, now PTE-mapped here',
    out: splitFlush(c.world, d.mm, haddr),
  };
}

/** Allocate the replacement THP (a copy of 2 MiB, or zeroed for the huge zero folio), then clear and flush the PMD. */
export function replaceHuge(c: FCtx): FOut {
  const d = c.actor.data;
  const slot = pmdSlot(c);
  const e = d.origPmd;
  const vma = d.vma as Vma;
  const haddr = alignDown(d.addr, PMD_SIZE);
  // mm/huge_memory.c do_huge_pmd_wp_page: after the copy, pmd_same is rechecked under the PMD lock; if another task changed the PMD, the new THP is put and the fault returns 0.
  if (!e || !pteSame(slot.entry, e)) return retryAccess(c, 'do_huge_pmd_wp_page', 'another task changed the PMD while the new THP was being prepared: pmd_same fails under the PMD lock, the copy is dropped, and the fault returns 0 so the access retries');
  const plan = new Plan();
  const f = plan.ref('thp');
  const { vma: v } = anonVmaPrepare(c.world, vma, plan);
  plan.add({ op: 'alloc_folio', node: faultNode(c.world, c.actor.cpu), order: 9, as: f, content: e.special ? { tag: '0' } : { copyFrom: e.pfn }, anon: { anonVma: v.anonVma as never, index: linearPageIndex(v, haddr) } });
  // do_huge_pmd_wp_page holds a reference on the old THP (folio_get before dropping the PMD lock)
  // until set_pmd_at has replaced it, so nobody can split or free it in between.
  if (!e.special) plan.add({ op: 'folio_ref', pfn: e.pfn, delta: 1 }).count('pages.copied', 512).count('bytes.copied', 512 * PAGE_SIZE);
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'none' } });
  return {
    event: 'FLUSH', fn: { file: HUGE, name: e.special ? 'do_huge_zero_wp_pmd' : 'do_huge_pmd_wp_page' }, cost: e.special ? THP_FAULT : COPY_HUGE_PAGE, plan: plan.ops,
    data: { ...d, vma: v, newFolio: { ref: f } as never, hugeOld: e.special ? null : e.pfn, pmdLocked: haddr }, marks: MARK.alloc | MARK.flush,
    say: e.special ? `a zeroed THP (pfns {${f}}..+511) replaces the huge zero folio; pmdp_huge_clear_flush clears the PMD and flushes it` : `a new THP (pfns {${f}}..+511) gets a copy of all 512 pages; pmdp_huge_clear_flush clears the old PMD and flushes it`,
    out: { spawn: { kind: 'flush_tlb_mm_range', data: flushTlbRange(c.world, d.mm, haddr, haddr + PMD_SIZE, 'pmdp_huge_clear_flush') } },
  };
}

/** Map the replacement THP writable and drop the old mapping. */
export function installHuge(c: FCtx): FOut {
  const d = c.actor.data;
  const slot = pmdSlot(c);
  const nf = d.newFolio;
  if (nf === null) throw new Error('no replacement THP');
  const plan = new Plan()
    .add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { kind: 'huge', pfn: nf, rw: true, dirty: true, accessed: true, special: false } })
    .add({ op: 'folio_mapcount', pfn: nf, delta: 1 })
    .add({ op: 'rss', mm: d.mm, delta: { anon: 512 } });
  const prev = d.hugeOld;
  if (prev !== null) plan.add({ op: 'folio_mapcount', pfn: prev, delta: -1 }).add({ op: 'folio_ref', pfn: prev, delta: -2 }).add({ op: 'rss', mm: d.mm, delta: { anon: -512 } });
  accountFault(plan, d);
  return { event: 'DONE', fn: { file: HUGE, name: 'set_pmd_at' }, cost: 500, plan: plan.ops, out: { wake: wakeAll(c.run, `pmd:${c.actor.id}`, c.now) }, data: { ...d, origPmd: null, pmdLocked: null, result: FAULT_OK }, marks: MARK.fault, say: `the new THP (pfn ${nf}) is mapped writable with one PMD${prev !== null ? `; the old THP ${prev} loses this mapping` : ''}` };
}

/** Whether the walk reached a huge PMD leaf or an empty PMD that a THP may fill. */
export function pmdDecision(w: World, c: FCtx): 'HUGE' | 'HUGE_WP' | 'HUGE_OK' | null {
  const d = c.actor.data;
  const e = atLevel(faultWalk(w, d), 2)?.entry;
  if (e?.kind === 'huge') return d.write && !e.rw ? 'HUGE_WP' : 'HUGE_OK';
  if ((!e || e.kind === 'none') && d.vma && thpAllowed(d.vma, d.addr)) return 'HUGE';
  return null;
}
