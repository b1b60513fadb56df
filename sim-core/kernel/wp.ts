// Write-protect faults (mm/memory.c): do_wp_page deciding reuse vs copy, wp_page_reuse, wp_page_copy.
import { PAGE_SIZE } from '../model/layout';
import { SIGNAL, WP_COPY, WP_DECIDE, WP_INSTALL, WP_REUSE } from '../engine/costs';
import { MARK, type Actor, type StepCtx } from '../engine/types';
import { stateName } from '../engine/xrun';
import { folioTest, GUP_PIN_COUNTING_BIAS, PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { folioOf, ZERO_TAG } from '../model/physmem';
import { mkPresent, pteSame, withBits, type PresentPte, type Pte } from '../model/pte';
import { linearPageIndex, vmaHas } from '../model/vma';
import { anonVmaPrepare } from './anon';
import { accountFault, atLevel, canAlloc, FAULT_OK, type FaultData, faultNode, faultSignal, faultWalk, type FCtx, type FOut, pageAddr } from './fault-common';
import { Plan } from './plan';
import { otherActor } from './sched';
import { shootdownData } from './tlb';
import { folioMaybeMappedShared } from './rmap-walk';
import { folioSwapCount } from './swap';
import { handleUserfault } from './uffd-fault';

const MEM = 'mm/memory.c';

// do_wp_page (mm/memory.c) takes folio_get on the old folio before dropping the PTL for wp_page_copy,
// so the folio stays alive (and reclaim keeps it) until wp_page_copy's final folio_put.
function copyOut(fn: FOut['fn'], pfn: number | null, say: string): FOut {
  const plan = pfn === null ? [] : new Plan().add({ op: 'folio_ref', pfn: pfn as never, delta: 1 }).ops;
  return { event: 'COPY', fn, cost: WP_DECIDE, plan, say: pfn === null ? say : `${say}; folio_get holds pfn ${pfn} for the copy` };
}

function presentOrig(c: FCtx): PresentPte {
  const o = c.actor.data.orig;
  if (o?.kind !== 'present') throw new Error('do_wp_page without a present PTE');
  return o;
}

/** do_wp_page: reuse the page when this mm is its only user, else copy it (wp_page_copy). */
export function doWpPage(c: FCtx): FOut {
  const orig = presentOrig(c);
  const fn = { file: MEM, name: 'do_wp_page' };
  // userfaultfd_pte_wp: a write to a page the handler write-protected goes to userspace first.
  if (orig.uffd_wp && c.actor.data.vma && vmaHas(c.actor.data.vma, 'UFFD_WP')) {
    return handleUserfault(c, 'wp', 'do_wp_page: the PTE has the uffd-wp bit and the VMA is VM_UFFD_WP (userfaultfd_pte_wp)');
  }
  if (orig.special) return { event: 'COPY', fn, cost: WP_DECIDE, say: 'vm_normal_page is NULL (the shared zero page): wp_page_copy will allocate a zeroed page' };
  const f = folioOf(c.world.mem, orig.pfn);
  if (!f || !folioTest(f, 'anon')) return copyOut(fn, f ? f.pfn : null, 'not an anonymous folio: copy it (wp_page_copy)');
  const exclusive = ((c.world.mem.pageFlags[orig.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  if (exclusive) return { event: 'REUSE', fn, cost: WP_DECIDE, say: `the page is PageAnonExclusive: only this process maps it, reuse it` };
  if (!c.world.cfg.features.cowReuseByRefcount) {
    // Before 5.9 the reuse test counted mappings plus swap entries (reuse_swap_page:
    // page_trans_huge_map_swapcount), not extra references: a forked child's swap PTE still counts.
    const swapped = folioSwapCount(c.world, f);
    const count = f.mapcount + swapped;
    const what = swapped ? `mapcount ${f.mapcount} + swap count ${swapped}` : `mapcount is ${f.mapcount}`;
    return count === 1
      ? { event: 'REUSE', fn, cost: WP_DECIDE, say: `${what} (pre-5.9 reuse_swap_page): reuse the page` }
      : copyOut(fn, f.pfn, `${what} = ${count} (pre-5.9 reuse_swap_page): copy it`);
  }
  if (f.order > 0 && c.world.cfg.features.largeCowReuse && f.mapcount > 1 && f.refcount === f.mapcount && !folioMaybeMappedShared(c.world, f)) {
    return {
      event: 'REUSE', fn: { file: MEM, name: '__wp_can_reuse_large_anon_folio' }, cost: WP_DECIDE,
      say: `no other process maps the ${2 ** f.order}-page folio any more and all ${f.refcount} of its references are its ${f.mapcount} mappings: the page is this process's alone, reuse it (SetPageAnonExclusive)`,
    };
  }
  // wp_can_reuse_anon_folio: decided by the refcount, so any extra reference or pin forces a copy.
  if (f.order === 0 && f.refcount === 1) {
    return { event: 'REUSE', fn: { file: MEM, name: 'wp_can_reuse_anon_folio' }, cost: WP_DECIDE, say: `folio refcount is 1: nobody else holds it, reuse it (folio_move_anon_rmap to this VMA's anon_vma)` };
  }
  const pinned = f.refcount >= GUP_PIN_COUNTING_BIAS ? ' (it is pinned)' : '';
  return copyOut({ file: MEM, name: 'wp_can_reuse_anon_folio' }, f.pfn, `folio refcount is ${f.refcount}${pinned}, mapcount ${f.mapcount}: someone else may use it, so copy on write`);
}

/** wp_page_reuse: make the PTE writable in place; an RO→RW upgrade needs no TLB flush. */
export function wpPageReuse(c: FCtx): FOut {
  const d = c.actor.data;
  const orig = presentOrig(c);
  const pte = atLevel(faultWalk(c.world, d), 1);
  if (!pte) throw new Error('wp_page_reuse without a PTE table');
  const f = folioOf(c.world.mem, orig.pfn);
  const plan = new Plan().add({ op: 'set_entry', table: pte.table, index: pte.index, entry: withBits(orig, { rw: true, dirty: true, accessed: true }) })
    .add({ op: 'page_exclusive', pfn: orig.pfn, value: true });
  // folio_move_anon_rmap: small folios only (6.18 leaves a large folio's anon_vma alone).
  if (f && f.order === 0 && d.vma?.anonVma != null && f.anonVma !== d.vma.anonVma) plan.add({ op: 'folio_anon', pfn: f.pfn, anonVma: d.vma.anonVma });
  accountFault(plan, d);
  return {
    event: 'DONE', fn: { file: MEM, name: 'wp_page_reuse' }, cost: WP_REUSE, plan: plan.ops, data: { ...d, result: FAULT_OK }, marks: MARK.fault,
    say: 'wp_page_reuse: the PTE becomes writable and dirty in place; RO→RW is an upgrade, so no TLB flush',
  };
}

/** wp_page_copy, first half: allocate the new folio (zeroed for the zero page, else a copy). */
export function wpPageCopy(c: FCtx): FOut {
  const d = c.actor.data;
  const orig = presentOrig(c);
  const vma = d.vma;
  const fn = { file: MEM, name: 'wp_page_copy' };
  if (!vma) throw new Error('wp_page_copy without a VMA');
  if (!canAlloc(c.world, 1)) {
    const oom = faultSignal(c, 'SIGKILL', 'wp_page_copy: no free memory (VM_FAULT_OOM)', fn, SIGNAL, true);
    return { ...oom, plan: [...(oom.plan ?? []), ...putOldFolio(c, orig, new Plan()).ops] };
  }
  const plan = new Plan();
  const { vma: v } = anonVmaPrepare(c.world, vma, plan);
  const f = plan.ref('f');
  const zero = orig.special;
  const index = linearPageIndex(v, pageAddr(d));
  plan.add({ op: 'alloc_folio', node: faultNode(c.world, c.actor.cpu), order: 0, as: f, content: zero ? { tag: ZERO_TAG } : { copyFrom: orig.pfn }, anon: { anonVma: v.anonVma as never, index } });
  if (!zero) plan.count('pages.copied').count('bytes.copied', PAGE_SIZE);
  return {
    event: 'CLEAR', fn, cost: WP_COPY, plan: plan.ops, data: { ...d, vma: v, newFolio: { ref: f } as never }, marks: MARK.alloc,
    say: zero ? 'wp_page_copy allocates a zeroed folio (pfn {' + f + '}) to replace the zero page' : `wp_page_copy allocates pfn {${f}} and copies 4 KiB from pfn ${orig.pfn} into it`,
  };
}

/** The folio_put for do_wp_page's folio_get (none for the zero page, which has no folio). */
function putOldFolio(c: FCtx, orig: PresentPte, plan: Plan): Plan {
  if (!orig.special && folioOf(c.world.mem, orig.pfn)) plan.add({ op: 'folio_ref', pfn: orig.pfn, delta: -1 });
  return plan;
}

// wp_page_copy (mm/memory.c) copied without the PTL; retaking it, !pte_same means another thread
// changed the PTE meanwhile (reclaim, zap, THP split...): drop both folios and return 0, so the access retries.
function ptePtlChanged(c: FCtx, orig: PresentPte): FOut {
  const d = c.actor.data;
  const plan = new Plan();
  if (d.newFolio !== null) plan.add({ op: 'folio_ref', pfn: d.newFolio, delta: -1 });
  putOldFolio(c, orig, plan);
  accountFault(plan, d);
  return {
    event: 'CHANGED', fn: { file: MEM, name: 'wp_page_copy' }, cost: WP_INSTALL, plan: plan.ops, data: { ...d, newFolio: null, result: FAULT_OK }, marks: MARK.fault,
    say: `under the PTE lock the PTE is no longer the one do_wp_page read (!pte_same): folio_put frees the new pfn ${d.newFolio ?? '?'} and drops the old folio; return 0, so the access runs again`,
  };
}

/** ptep_clear_flush: clear the old PTE and flush it from every TLB before the new one is visible. */
export function ptepClearFlush(c: FCtx): FOut {
  const d = c.actor.data;
  const orig = presentOrig(c);
  const pte = atLevel(faultWalk(c.world, d), 1);
  if (!pte || !pteSame(pte.entry as Pte, orig)) return ptePtlChanged(c, orig);
  const addr = pageAddr(d);
  const plan = new Plan().add({ op: 'set_entry', table: pte.table, index: pte.index, entry: { kind: 'none' } });
  return {
    event: 'FLUSH', fn: { file: 'mm/pgtable-generic.c', name: 'ptep_clear_flush' }, cost: 50, plan: plan.ops, marks: MARK.flush,
    say: 'ptep_clear_flush: clears the old PTE, then flush_tlb_page so no CPU keeps writing through a stale entry',
    out: { spawn: { kind: 'flush_tlb_mm_range', data: shootdownData(d.mm, addr, addr + PAGE_SIZE, false, 'ptep_clear_flush (flush_tlb_page)') } },
  };
}

/** wp_page_copy, second half: install the new PTE, move the rmap, drop the old page's reference. */
export function wpInstall(c: FCtx): FOut {
  const d = c.actor.data;
  const orig = presentOrig(c);
  const pte = atLevel(faultWalk(c.world, d), 1);
  const nf = d.newFolio;
  if (!pte || nf === null) throw new Error('wp_page_copy lost its PTE or new folio');
  const plan = new Plan()
    .add({ op: 'set_entry', table: pte.table, index: pte.index, entry: mkPresent(nf, true, { dirty: true }) })
    .add({ op: 'folio_mapcount', pfn: nf, delta: 1 });
  let say = `set_pte_at maps the new pfn ${nf} writable; folio_add_new_anon_rmap makes it exclusive`;
  if (orig.special) plan.add({ op: 'rss', mm: d.mm, delta: { anon: 1 } });
  else {
    const old = folioOf(c.world.mem, orig.pfn);
    plan.add({ op: 'folio_mapcount', pfn: orig.pfn, delta: -1 }).add({ op: 'folio_ref', pfn: orig.pfn, delta: -1 });
    putOldFolio(c, orig, plan);
    say += `; folio_remove_rmap_pte, then folio_put twice on the old pfn ${orig.pfn}: the PTE's reference and do_wp_page's (refcount ${old?.refcount ?? '?'} → ${(old?.refcount ?? 2) - 2})`;
  }
  accountFault(plan, d);
  return { event: 'DONE', fn: { file: MEM, name: 'wp_page_copy' }, cost: WP_INSTALL, plan: plan.ops, data: { ...d, result: FAULT_OK }, marks: MARK.fault, say };
}

/**
 * The COW fault holding the PTE lock of `table` from ptep_clear_flush to set_pte_at: wp_page_copy
 * (mm/memory.c) waits for the flush IPIs under the PTL, so the PTE it cleared is not free for others.
 */
export function wpPtlHolder(c: StepCtx<unknown>, table: number): Actor<FaultData> | undefined {
  return otherActor<FaultData>(c, 'fault', (a) => {
    const s = stateName(a.snapshot);
    return (s === 'wait_flush' || s === 'wp_install') && atLevel(faultWalk(c.world, a.data), 1)?.table === table;
  });
}
