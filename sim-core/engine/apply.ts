// The only place the world changes: applies a kernel plan op by op and reports broken invariants.
import type { PlanOp } from '../kernel/plan';
import type { Pfn } from '../model/ids';
import { GUP_PIN_COUNTING_BIAS } from '../model/folio';
import type { World } from '../model/world';
import {
  allocFolio, allocPgtable, type ApplyCtx, folioAdd, folioAnon, folioFlags, folioRef, freePgtable, pageExclusive, resolve,
  setEntry, splitFolio, writeContent, folioCopy,
} from './apply-mem';
import { applyUffd } from './apply-uffd';
import { anonVmaCreate, avcLink, avcUnlinkVma, mmAt, mmCreate, tlbFill, tlbFlush, tlbTouch, vmaReplace } from './apply-mm';

/** What applying a plan produced. */
export interface Applied {
  /** References bound by allocations (name -> PFN), to resolve narration and diffs. */
  readonly refs: Map<string, Pfn>;
  /** Invariant breaks detected while applying. */
  readonly violations: string[];
  /** Large folios (by head PFN) that lost a reference: a split refused for references may now succeed. */
  readonly largeRefDrops: readonly number[];
}

function cpuAt(w: World, id: number) {
  const c = w.cpus[id];
  if (!c) throw new Error(`no CPU ${id}`);
  return c;
}

function taskAt(w: World, id: number) {
  const t = w.tasks[id];
  if (!t) throw new Error(`no task ${id}`);
  return t;
}

function applyOp(w: World, ctx: ApplyCtx, op: PlanOp): void {
  switch (op.op) {
    case 'alloc_pgtable': return allocPgtable(w, ctx, op);
    case 'free_pgtable': return freePgtable(w, ctx, op.pfn);
    case 'set_entry': setEntry(w, ctx, op); return;
    case 'alloc_folio': return allocFolio(w, ctx, op);
    case 'folio_ref': return folioRef(w, ctx, op.pfn, op.delta);
    case 'folio_mapcount': return folioAdd(w, ctx, op.pfn, 'mapcount', op.delta);
    case 'folio_pincount': return folioAdd(w, ctx, op.pfn, 'pincount', op.delta);
    case 'folio_flags': return folioFlags(w, ctx, op.pfn, op.set, op.clear);
    case 'folio_anon': return folioAnon(w, op.pfn, op.anonVma, op.index);
    case 'page_exclusive': return pageExclusive(w, ctx, op.pfn, op.value);
    case 'write_content': return writeContent(w, ctx, op.pfn, op.tag);
    case 'folio_copy': return folioCopy(w, op.from, op.to);
    case 'split_folio': return splitFolio(w, ctx, op.pfn);
    case 'mm_create':
      w.seq.mm = Math.max(w.seq.mm, op.mm + 1);
      w.seq.ctx = Math.max(w.seq.ctx, op.ctxId + 1);
      return mmCreate(w, ctx, op);
    case 'mm_destroy': w.mms.delete(op.mm); return;
    case 'mm_get': mmAt(w, op.mm).users++; return;
    case 'mm_put': mmAt(w, op.mm).users--; return;
    case 'vma_replace':
      for (const v of op.insert) w.seq.vma = Math.max(w.seq.vma, v.id + 1);
      return vmaReplace(w, ctx, op.mm, op.remove, op.insert, op.at);
    case 'anon_vma_create':
      w.seq.anonVma = Math.max(w.seq.anonVma, op.id + 1);
      return anonVmaCreate(w, op.id, op.parent);
    case 'avc_link': return avcLink(w, op.vma, op.anonVma);
    case 'avc_unlink_vma': return avcUnlinkVma(w, op.vma);
    case 'rss': {
      const r = mmAt(w, op.mm).rss;
      r.anon += op.delta.anon ?? 0;
      r.file += op.delta.file ?? 0;
      r.shmem += op.delta.shmem ?? 0;
      r.swapents += op.delta.swapents ?? 0;
      return;
    }
    case 'mm_pgtables': mmAt(w, op.mm).nrPgtables += op.delta; return;
    case 'tlb_gen_inc': mmAt(w, op.mm).tlbGen++; return;
    case 'flush_pending': mmAt(w, op.mm).tlbFlushPending += op.delta; return;
    case 'trim_cpumask': mmAt(w, op.mm).nextTrimCpumask = op.next; return;
    case 'cpumask': mmAt(w, op.mm).cpumask[op.cpu] = op.set; return;
    case 'lock_hold': {
      const l = mmAt(w, op.mm).mmapLock;
      l.waiters = l.waiters.filter((h) => h.actor !== op.hold.actor);
      l.holders.push(op.hold);
      return;
    }
    case 'lock_wait': mmAt(w, op.mm).mmapLock.waiters.push(op.hold); return;
    case 'lock_drop': {
      const m = w.mms.get(op.mm);
      if (m) m.mmapLock.holders = m.mmapLock.holders.filter((h) => h.actor !== op.actor);
      return;
    }
    case 'has_pinned': mmAt(w, op.mm).hasPinned = true; return;
    case 'tlb_fill': return tlbFill(w, op.cpu, op.entry);
    case 'tlb_touch': return tlbTouch(w, op.cpu, op.index, op.entry);
    case 'tlb_flush': tlbFlush(w, op.cpu, op.asid, op.range); return;
    case 'cpu_mm': {
      const c = cpuAt(w, op.cpu);
      c.loadedMm = op.mm;
      c.isLazy = op.lazy;
      c.asid = op.asid;
      c.nextAsid = op.nextAsid;
      return;
    }
    case 'asid_gen': {
      const slot = cpuAt(w, op.cpu).asids[op.asid];
      if (!slot) throw new Error(`no ASID slot ${op.asid}`);
      slot.mm = op.mm;
      slot.tlbGen = op.tlbGen;
      return;
    }
    case 'cpu_task': cpuAt(w, op.cpu).task = op.task; return;
    case 'task_status': taskAt(w, op.task).status = op.status; return;
    case 'task_mm': taskAt(w, op.task).mm = op.mm; return;
    case 'region': w.regions.set(op.name, { addr: op.addr, pages: op.pages }); return;
    case 'task_create':
      w.tasks[op.task] = { id: op.task, name: op.name, process: op.process, cpu: op.cpu, mm: op.mm, status: 'new' };
      return;
    case 'tlb_ubc_add': {
      // arch_tlbbatch_add_pending: bump the mm's tlb_gen and OR its mm_cpumask into the batch.
      const m = mmAt(w, op.mm);
      m.tlbGen++;
      m.tlbFlushBatched = true;
      const cur = w.tlbUbc.get(op.task);
      const mms = cur?.mms.includes(op.mm) ? cur.mms : [...(cur?.mms ?? []), op.mm];
      w.tlbUbc.set(op.task, { cpus: m.cpumask.map((b, i) => b || (cur?.cpus[i] ?? false)), writable: (cur?.writable ?? false) || op.writable, mms });
      return;
    }
    case 'flush_batched_done': {
      const m = w.mms.get(op.mm);
      if (m) m.tlbFlushBatched = false;
      return;
    }
    case 'tlb_ubc_clear': w.tlbUbc.delete(op.task); return;
    case 'deposit': {
      const m = mmAt(w, op.mm);
      if (op.table === null) m.deposits.delete(op.addr);
      else m.deposits.set(op.addr, resolve(ctx, op.table));
      return;
    }
    case 'huge_zero': w.hugeZero = resolve(ctx, op.pfn); return;
    case 'swap_alloc':
      w.swap.slots.set(op.slot, { content: op.content, count: 0, cache: resolve(ctx, op.cache), written: false });
      w.swap.next = Math.max(w.swap.next, op.slot + 1);
      return;
    case 'swap_count': {
      const sl = w.swap.slots.get(op.slot);
      if (!sl) throw new Error(`no swap slot ${op.slot}`);
      sl.count += op.delta;
      if (sl.count <= 0 && sl.cache === null) w.swap.slots.delete(op.slot);
      return;
    }
    case 'swap_cache': {
      const sl = w.swap.slots.get(op.slot);
      if (!sl) throw new Error(`no swap slot ${op.slot}`);
      sl.cache = op.cache === null ? null : resolve(ctx, op.cache);
      if (sl.count <= 0 && sl.cache === null) w.swap.slots.delete(op.slot);
      return;
    }
    case 'swap_write': {
      const sl = w.swap.slots.get(op.slot);
      if (sl) { sl.content = op.content; sl.written = true; }
      return;
    }
    case 'pin_add': w.pins.set(op.pin.name, { ...op.pin }); return;
    case 'pin_release': {
      const p = w.pins.get(op.name);
      if (p) p.released = true;
      return;
    }
    case 'uffd_create': case 'uffd_queue': case 'uffd_read': case 'uffd_dequeue': return applyUffd(w, op);
    case 'count': w.counters.values[op.name] += op.delta; return;
    case 'count_shootdown': {
      w.counters.values['tlb.shootdowns']++;
      w.counters.shootdownsByCpu[op.cpu] = (w.counters.shootdownsByCpu[op.cpu] ?? 0) + 1;
      return;
    }
  }
}

// refcount >= mapcount + pins for every folio the plan touched, checked once the plan is whole
// (a plan may pass through intermediate states, as the kernel does under its locks).
function checkFolios(w: World, ctx: ApplyCtx, ops: readonly PlanOp[]): void {
  for (const op of ops) {
    if (op.op !== 'folio_ref' && op.op !== 'folio_mapcount' && op.op !== 'folio_pincount') continue;
    const f = w.mem.folios.get(w.mem.head[resolve(ctx, op.pfn)] ?? -1);
    if (!f) continue;
    const pins = f.order > 0 ? f.pincount : f.pincount * GUP_PIN_COUNTING_BIAS;
    if (f.refcount < f.mapcount + pins) ctx.violations.push(`folio ${f.pfn}: refcount ${f.refcount} < mapcount ${f.mapcount} + pins ${pins}`);
  }
}

/** Applies a plan in order. Throws only on engine bugs (a plan referring to things that do not exist). */
export function applyPlan(w: World, ops: readonly PlanOp[]): Applied {
  const ctx: ApplyCtx = { refs: new Map(), violations: [], largeRefDrops: [] };
  for (const op of ops) applyOp(w, ctx, op);
  if (ops.length) checkFolios(w, ctx, ops);
  return { refs: ctx.refs, violations: [...new Set(ctx.violations)], largeRefDrops: ctx.largeRefDrops };
}

/** Replaces {ref} placeholders in narration with the PFNs the plan allocated. */
export function resolveText(text: string, refs: ReadonlyMap<string, Pfn>): string {
  return refs.size === 0 ? text : text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const p = refs.get(name);
    return p === undefined ? m : String(p);
  });
}

export { resolve };
