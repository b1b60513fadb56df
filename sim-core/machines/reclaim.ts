// Reclaim of anonymous pages (mm/vmscan.c shrink_folio_list), as kswapd or MADV_PAGEOUT runs it:
// add to the swap cache, try_to_unmap through the rmap (swap entries, flushes batched), flush
// before pageout, write to swap, then __remove_mapping frees the folio.
import { SWAP_WRITE } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { type Folio, folioMaybeDmaPinned, folioTest, PG } from '../model/folio';
import type { MmId, Pfn, TaskId } from '../model/ids';
import { hex, PAGE_SIZE } from '../model/layout';
import { findLeaf } from '../model/pagetable';
import { folioOf } from '../model/physmem';
import { Plan } from '../kernel/plan';
import { folioMaybeMappedShared } from '../kernel/rmap-walk';
import { canSplitFolio, folioPmd, getAndLock, remapStep, unmapFolioStep } from '../kernel/split-folio';
import { allocSwapSlot } from '../kernel/swap';
import { batchFlushData } from '../kernel/tlb';
import { plural } from '../kernel/words';
import { wakeFolioWaiters } from '../kernel/sched';
import { machineSetup, states } from './common';
import { rmapWalkData } from './rmap-walk';
import { SPLIT_START, SPLIT_WAITING, splitHandlers, splitStates } from './split-states';

/** A reclaim pass over the folios mapped in [start, start + pages). */
export interface ReclaimData {
  readonly mm: MmId;
  readonly task: TaskId;
  readonly start: number;
  readonly pages: number;
  /** MADV_PAGEOUT skips folios mapped by more than one process; reclaim by kswapd does not. */
  readonly skipShared: boolean;
  readonly folios: readonly { readonly pfn: Pfn; readonly slot: number; readonly state: 'isolated' | 'unmapped' | 'kept' | 'freed' }[];
  readonly cursor: number;
  /** The large folio being split (split_folio_to_list in shrink, or split_folio in madvise). */
  readonly splitting: Pfn | null;
  /** Large folios MADV_PAGEOUT failed to split: left alone, as madvise_cold_or_pageout_pte_range does. */
  readonly unsplit: readonly Pfn[];
  readonly result: OpResult | null;
}

/** Data for reclaiming a range. */
export function reclaimData(mm: MmId, task: TaskId, start: number, pages: number, skipShared: boolean): ReclaimData {
  return { mm, task, start, pages, skipShared, folios: [], cursor: 0, splitting: null, unsplit: [], result: null };
}

type C = StepCtx<ReclaimData>;
type O = StepOut<ReclaimData>;
const VMSCAN = 'mm/vmscan.c';

const machine = machineSetup.createMachine({
  id: 'reclaim',
  initial: 'isolate',
  states: {
    isolate: { description: 'folio_isolate_lru the folios of the range', on: { SHRINK: 'shrink_folio_list', DONE: 'done', ...SPLIT_START } },
    shrink_folio_list: { description: 'add to swap cache, try_to_unmap', on: { WALK: { target: 'wait_unmap', actions: 'spawn' }, NEXT: 'shrink_folio_list', FLUSH: { target: 'try_to_unmap_flush_dirty', actions: 'spawn' }, PAGEOUT: 'pageout', ...SPLIT_START } },
    ...splitStates({ SPLIT: 'shrink_folio_list', SPLIT_ISOLATE: 'isolate' }),
    wait_unmap: { description: 'rmap walk installing swap entries', on: { NEXT: 'shrink_folio_list', FLUSH: { target: 'try_to_unmap_flush_dirty', actions: 'spawn' }, PAGEOUT: 'pageout' } },
    try_to_unmap_flush_dirty: { description: 'flush before writing dirty pages out', on: { FLUSHED: 'pageout' } },
    pageout: { description: 'write to swap, __remove_mapping, free', on: { NEXT: { target: 'pageout', actions: 'wake' }, DONE: { target: 'done', actions: 'wake' } } },
    done: { type: 'final' },
  },
});

const set = (d: ReclaimData, i: number, state: ReclaimData['folios'][number]['state']) => d.folios.map((f, j) => (j === i ? { ...f, state } : f));

function isolate(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('reclaim on a dead mm');
  const plan = new Plan();
  const picked: Pfn[] = [];
  let shared = 0;
  for (let i = 0; i < d.pages; i++) {
    const leaf = findLeaf(c.world.tables, mm.pgd, d.start + i * PAGE_SIZE)?.entry;
    if ((leaf?.kind !== 'present' && leaf?.kind !== 'huge') || leaf.special) continue;
    const f = folioOf(c.world.mem, leaf.pfn);
    if (!f || !folioTest(f, 'anon') || picked.includes(f.pfn) || !folioTest(f, 'lru')) continue;
    if (d.skipShared && folioMaybeMappedShared(c.world, f)) { shared++; continue; }
    // MADV_PAGEOUT splits a large folio the range covers only in part, then reclaims its pages in range.
    if (d.skipShared && f.order > 0 && !wholeInRange(c, f, d.start + i * PAGE_SIZE, leaf.pfn)) {
      if (d.unsplit.includes(f.pfn)) continue;
      const split = madviseSplit(c, f);
      if (split) return split;
      continue;
    }
    plan.add({ op: 'folio_flags', pfn: f.pfn, set: 0, clear: PG.lru }).add({ op: 'folio_ref', pfn: f.pfn, delta: 1 });
    picked.push(f.pfn);
  }
  const skip = shared ? `; ${plural(shared, 'shared folio')} skipped (MADV_PAGEOUT leaves pages other processes map)` : '';
  const data = { ...d, folios: picked.map((pfn) => ({ pfn, slot: -1, state: 'isolated' as const })) };
  if (!picked.length) return { event: 'DONE', fn: { file: VMSCAN, name: 'isolate_lru_folios' }, cost: 200, plan: plan.ops, data: { ...data, result: { ret: 0, errno: null } }, say: `nothing to reclaim in [${hex(d.start)}, +${d.pages} pages)${skip}` };
  return { event: 'SHRINK', fn: { file: VMSCAN, name: 'folio_isolate_lru' }, cost: 100 * picked.length, plan: plan.ops, data, say: `${plural(picked.length, 'folio')} taken off the LRU for shrink_folio_list${skip}` };
}

// Does [start, start + pages) cover every page of the large folio `f`, mapped here in order from the
// page at `addr` (the PMD, or madvise_folio_pte_batch's run of PTEs)?
function wholeInRange(c: C, f: Folio, addr: number, pfn: number): boolean {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  const first = addr - (pfn - f.pfn) * PAGE_SIZE;
  const nr = 2 ** f.order;
  if (!mm || first < d.start || first + nr * PAGE_SIZE > d.start + d.pages * PAGE_SIZE) return false;
  for (let j = 0; j < nr; j++) {
    const e = findLeaf(c.world.tables, mm.pgd, first + j * PAGE_SIZE)?.entry;
    if (e?.kind === 'huge') return e.pfn === f.pfn;
    if (e?.kind !== 'present' || e.pfn !== f.pfn + j) return false;
  }
  return true;
}

// madvise_cold_or_pageout_pte_range: folio_get, folio_trylock, split_folio; a folio that cannot be
// split (locked, or with extra references) is left alone (null).
function madviseSplit(c: C, f: Folio): O | null {
  if (folioTest(f, 'locked') || !canSplitFolio(f, 0)) return null;
  return unmapFolioStep(c, f, `MADV_PAGEOUT covers only part of the ${2 ** f.order}-page folio ${f.pfn}: madvise_cold_or_pageout_pte_range splits it first (folio_get, folio_trylock, split_folio)`, getAndLock(f));
}

function afterShrink(d: ReclaimData, c: C): 'NEXT' | 'FLUSH' | 'PAGEOUT' {
  if (d.cursor < d.folios.length) return 'NEXT';
  return c.world.tlbUbc.has(d.task) ? 'FLUSH' : 'PAGEOUT';
}

function flushOut(c: C) {
  const b = c.world.tlbUbc.get(c.actor.data.task);
  return b ? { spawn: { kind: 'flush_tlb_mm_range', data: batchFlushData(b.cpus, b.mms as never, 'shrink_folio_list (try_to_unmap_flush_dirty)') } } : undefined;
}

function shrink(c: C): O {
  const d = c.actor.data;
  const entry = d.folios[d.cursor];
  const f = entry ? folioOf(c.world.mem, entry.pfn) : undefined;
  const fn = { file: VMSCAN, name: 'shrink_folio_list' };
  const keep = (why: string): O => {
    const data = { ...d, folios: set(d, d.cursor, 'kept'), cursor: d.cursor + 1 };
    const ev = afterShrink(data, c);
    // The pageout pass starts over from the first folio.
    return { event: ev, fn, cost: 100, data: { ...data, cursor: ev === 'NEXT' ? data.cursor : 0 }, say: `folio ${entry?.pfn}: ${why}, keep it`, out: ev === 'FLUSH' ? flushOut(c) : undefined };
  };
  if (!entry || !f) return keep('it is gone');
  if (entry.state === 'kept') return keep('split_folio_to_list failed (-EAGAIN)');
  if (folioTest(f, 'locked')) return keep('folio_trylock fails (someone else holds the folio lock)');
  if (folioMaybeDmaPinned(f)) return keep('folio_maybe_dma_pinned: a pinned page cannot be swapped out');
  if (f.order > 0) return shrinkLarge(c, f, keep);
  const slot = allocSwapSlot(c.world);
  if (slot === null) return keep('no free swap slot (folio_alloc_swap fails)');
  // The folio stays locked until pageout is done with it: a fault that finds it in the swap cache
  // meanwhile sleeps in folio_lock_or_retry.
  const plan = new Plan()
    .add({ op: 'folio_flags', pfn: f.pfn, set: PG.locked, clear: 0 })
    .add({ op: 'swap_alloc', slot, content: c.world.mem.content[f.pfn] ?? '', cache: f.pfn })
    .add({ op: 'folio_flags', pfn: f.pfn, set: PG.swapcache | PG.dirty, clear: 0 })
    .add({ op: 'folio_ref', pfn: f.pfn, delta: 1 });
  return {
    event: 'WALK', fn: { file: 'mm/swap_state.c', name: 'folio_alloc_swap' }, cost: 500, plan: plan.ops,
    data: { ...d, folios: d.folios.map((x, j) => (j === d.cursor ? { ...x, slot } : x)) },
    say: `folio_trylock(${f.pfn}); it gets swap slot ${slot} and joins the swap cache; try_to_unmap walks its rmap with TTU_BATCH_FLUSH`,
    out: { spawn: { kind: 'rmap_walk', data: rmapWalkData('try_to_unmap', f.pfn, d.task, { batch: true, swapSlot: slot }) } },
  };
}

// A large folio: can_split_folio (the isolation reference is the caller's), then split_folio_to_list,
// either at once (partially mapped) or because folio_alloc_swap finds no free 512-slot cluster
// (mmscope's swap has none: THP_SWPOUT_FALLBACK). Its pages then come back one by one.
function shrinkLarge(c: C, f: Folio, keep: (why: string) => O): O {
  const nr = 2 ** f.order;
  if (!canSplitFolio(f, 1)) return keep(`the ${nr}-page folio has references beyond its mappings: it cannot be split (activate_locked)`);
  const partial = !folioPmd(c.world, f) && f.mapcount < nr;
  const why = partial ? `it is partially mapped (${f.mapcount} of ${nr} pages): split_folio_to_list at once, the unmapped pages are freed without IO`
    : c.world.swap.size === 0 ? 'folio_alloc_swap fails (no swap device), and a large folio falls back to split_folio_to_list'
      : 'folio_alloc_swap finds no free cluster of 512 contiguous slots (mmscope models none), so it falls back to split_folio_to_list (THP_SWPOUT_FALLBACK)';
  const plan = new Plan().add({ op: 'folio_flags', pfn: f.pfn, set: PG.locked, clear: 0 });
  return unmapFolioStep(c, f, `folio_trylock(${f.pfn}), a ${nr}-page folio: ${why}`, plan);
}

// remap_folio: split_folio_to_list puts the mapped tails on the reclaim list after the others, and
// the head (unlocked here; shrink takes its lock again) goes on as a small folio. After MADV_PAGEOUT's
// split_folio the folio_put and folio_unlock are madvise's, and the range is looked at again.
function remapFolio(c: C): O {
  const d = c.actor.data;
  const toList = d.folios.some((x) => x.pfn === d.splitting);
  if (!toList) {
    return remapStep(c, {
      toList, then: 'madvise looks at the range again', event: 'SPLIT_ISOLATE', data: (x) => x,
      failed: { event: 'SPLIT_ISOLATE', then: 'madvise leaves it and looks at the range again', data: (x, f) => ({ ...x, unsplit: [...x.unsplit, f.pfn] }) },
    });
  }
  return remapStep(c, {
    toList, then: `shrink_folio_list goes on with folio ${d.splitting}, now small`, event: 'SPLIT',
    data: (x, listed) => ({ ...x, folios: [...x.folios, ...listed.map((pfn) => ({ pfn, slot: -1, state: 'isolated' as const }))] }),
    failed: { event: 'SPLIT', then: 'shrink_folio_list keeps it (activate_locked)', data: (x, f) => ({ ...x, folios: x.folios.map((e) => (e.pfn === f.pfn ? { ...e, state: 'kept' as const } : e)) }) },
  });
}

function afterUnmap(c: C): O {
  const d = c.actor.data;
  const entry = d.folios[d.cursor];
  const f = entry ? folioOf(c.world.mem, entry.pfn) : undefined;
  const unmapped = f !== undefined && f.mapcount === 0;
  const data = { ...d, folios: set(d, d.cursor, unmapped ? 'unmapped' : 'kept'), cursor: d.cursor + 1 };
  const ev = afterShrink(data, c);
  const say = unmapped ? `folio ${entry?.pfn} is unmapped everywhere: every PTE is a swap entry now` : `folio ${entry?.pfn} is still mapped (try_to_unmap was refused): it stays in memory`;
  return { event: ev, fn: { file: 'mm/rmap.c', name: 'try_to_unmap' }, cost: 0, data: { ...data, cursor: ev === 'NEXT' ? data.cursor : 0 }, say, out: ev === 'FLUSH' ? flushOut(c) : undefined };
}


// __remove_mapping's folio_ref_freeze(folio, 1 + nr_pages): only the isolation and swap-cache
// references may be left; anyone else's (a fault waiting on the lock) keeps the folio in the cache.
const EXPECTED_REFS = 2;

function pageout(c: C): O {
  const d = c.actor.data;
  const i = d.folios.findIndex((f, j) => j >= d.cursor && f.state !== 'freed');
  const entry = d.folios[i];
  const plan = new Plan();
  if (!entry) {
    const n = d.folios.filter((f) => f.state === 'freed').length;
    return { event: 'DONE', fn: { file: VMSCAN, name: 'shrink_folio_list' }, cost: 0, data: { ...d, result: { ret: n, errno: null } }, say: `${plural(n, 'page')} reclaimed` };
  }
  const more = d.folios.some((f, j) => j > i && f.state !== 'freed');
  const f = folioOf(c.world.mem, entry.pfn);
  const busy = entry.state === 'unmapped' && (f?.refcount ?? 0) > EXPECTED_REFS;
  const freed = entry.state === 'unmapped' && !busy;
  const data = { ...d, folios: set(d, i, freed ? 'freed' : busy ? 'kept' : entry.state), cursor: i + 1 };
  const end = (o: Omit<O, 'event' | 'data'>): O => ({ ...o, event: more ? 'NEXT' : 'DONE', data: more ? data : { ...data, result: { ret: data.folios.filter((x) => x.state === 'freed').length, errno: null } } });
  const wake = wakeFolioWaiters(c.run, entry.pfn, c.now);
  const woken = wake.length ? `; folio_unlock wakes ${plural(wake.length, 'fault')} waiting on it` : '';
  if (entry.state === 'unmapped') plan.add({ op: 'swap_write', slot: entry.slot, content: c.world.mem.content[entry.pfn] ?? '' }).count('swap.out');
  if (!freed) {
    // keep_locked: unlock (if shrink locked it), back on the LRU, the isolation reference dropped.
    if (entry.slot >= 0) plan.add({ op: 'folio_flags', pfn: entry.pfn, set: 0, clear: PG.locked });
    plan.add({ op: 'folio_flags', pfn: entry.pfn, set: PG.lru, clear: 0 }).add({ op: 'folio_ref', pfn: entry.pfn, delta: -1 });
    const why = busy ? `pageout writes folio ${entry.pfn} to swap slot ${entry.slot}, but __remove_mapping finds another reference (folio_ref_freeze fails): it stays in the swap cache` : `folio ${entry.pfn} is kept`;
    return end({ fn: { file: VMSCAN, name: busy ? '__remove_mapping' : 'folio_putback_lru' }, cost: busy ? SWAP_WRITE : 100, plan: plan.ops, out: { wake }, say: `${why} and goes back on the LRU${woken}` });
  }
  plan.add({ op: 'swap_cache', slot: entry.slot, cache: null })
    .add({ op: 'folio_flags', pfn: entry.pfn, set: 0, clear: PG.swapcache | PG.locked })
    .add({ op: 'folio_ref', pfn: entry.pfn, delta: -2 });
  return end({
    fn: { file: VMSCAN, name: 'pageout' }, cost: SWAP_WRITE, plan: plan.ops, marks: MARK.free, out: { wake },
    say: `pageout writes folio ${entry.pfn} to swap slot ${entry.slot}; __remove_mapping takes it out of the swap cache and frees it${woken}`,
  });
}

/** The reclaim machine. */
export const reclaimDef: MachineDef<ReclaimData> = {
  kind: 'reclaim', machine, waiting: states('wait_unmap', 'try_to_unmap_flush_dirty', ...SPLIT_WAITING),
  handlers: {
    isolate, shrink_folio_list: shrink, wait_unmap: afterUnmap, ...splitHandlers<ReclaimData>(), remap_folio: remapFolio,
    try_to_unmap_flush_dirty: () => ({ event: 'FLUSHED', fn: { file: 'mm/rmap.c', name: 'try_to_unmap_flush_dirty' }, cost: 0, say: 'the batched flush is complete: nobody can dirty the pages while they are written out' }),
    pageout,
  },
};
