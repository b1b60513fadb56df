// Applies the memory half of a plan: page tables, folios, contents. Called only from apply.ts.
import type { EntryRef, PfnRef, PlanOp } from '../kernel/plan';
import { PAGE_ANON_EXCLUSIVE, PG, type Folio } from '../model/folio';
import { type Pfn, pfn } from '../model/ids';
import { newTable } from '../model/pagetable';
import { buddyAlloc, buddyFree, FRAME, ZERO_TAG } from '../model/physmem';
import type { Pte, TableEntry } from '../model/pte';
import type { World } from '../model/world';

/** Resolves plan references to PFNs and collects invariant breaks while applying. */
export interface ApplyCtx {
  readonly refs: Map<string, Pfn>;
  readonly violations: string[];
  /** Head PFNs of large folios whose refcount went down in this plan. */
  readonly largeRefDrops: number[];
}

/** A PFN, resolving a reference bound earlier in the plan. */
export function resolve(ctx: ApplyCtx, r: PfnRef): Pfn {
  if (typeof r === 'number') return r;
  const p = ctx.refs.get(r.ref);
  if (p === undefined) throw new Error(`plan uses unbound reference '${r.ref}'`);
  return p;
}

function resolveEntry(ctx: ApplyCtx, e: EntryRef): Pte | TableEntry {
  if ((e.kind === 'present' || e.kind === 'table' || e.kind === 'huge') && typeof e.pfn !== 'number') {
    return { ...e, pfn: resolve(ctx, e.pfn) } as Pte | TableEntry;
  }
  return e as Pte | TableEntry;
}

// Allocation falls back over nodes in order, as the zonelist does when the local node is full,
// unless __GFP_THISNODE pins it to one node.
function allocFrames(w: World, node: number, order: number, thisNode = false): Pfn {
  for (let i = 0; i < (thisNode ? 1 : w.cfg.nodes); i++) {
    const p = buddyAlloc(w.mem, (node + i) % w.cfg.nodes, order);
    if (p !== null) return p;
  }
  throw new Error(`out of memory: no free order-${order} block (the kernel step should have checked)`);
}

function leafPfn(e: Pte | TableEntry): number {
  if ((e.kind === 'present' || e.kind === 'huge') && !e.special) return e.pfn;
  if (e.kind === 'migration') return e.pfn;
  return -1;
}

function isAllocated(w: World, p: number): boolean {
  const k = w.mem.kind[p];
  return k === FRAME.head || k === FRAME.tail;
}

/** set_pte / pmd_populate / pud_populate: writes one table entry. */
export function setEntry(w: World, ctx: ApplyCtx, op: Extract<PlanOp, { op: 'set_entry' }>): Pte | TableEntry {
  const t = w.tables.get(resolve(ctx, op.table));
  if (!t) throw new Error(`set_entry on a missing page table`);
  const old = t.entries[op.index] as Pte | TableEntry;
  const next = resolveEntry(ctx, op.entry);
  t.entries[op.index] = next;
  t.used += (next.kind === 'none' ? 0 : 1) - (old.kind === 'none' ? 0 : 1);
  if (t.level === 1 || old.kind === 'huge' || next.kind === 'huge') {
    const o = leafPfn(old);
    const n = leafPfn(next);
    if (o >= 0) w.mem.pteRefs[o] = (w.mem.pteRefs[o] ?? 0) - 1;
    if (n >= 0) {
      w.mem.pteRefs[n] = (w.mem.pteRefs[n] ?? 0) + 1;
      if (!isAllocated(w, n)) ctx.violations.push(`a PTE was pointed at pfn ${n}, which is free`);
    }
  }
  return next;
}

function freeFolio(w: World, ctx: ApplyCtx, f: Folio): void {
  const nr = 2 ** f.order;
  for (let i = 0; i < nr; i++) {
    const p = f.pfn + i;
    if ((w.mem.pteRefs[p] ?? 0) > 0) ctx.violations.push(`pfn ${p} was freed while ${w.mem.pteRefs[p]} PTE(s) still map it`);
    if ((w.mem.tlbRefs[p] ?? 0) > 0 || (i === 0 && f.order > 0)) checkTlbOnFree(w, ctx, p);
    w.mem.kind[p] = FRAME.free;
    w.mem.head[p] = -1;
    w.mem.pageFlags[p] = 0;
  }
  if (f.mapcount > 0) ctx.violations.push(`folio ${f.pfn} was freed with mapcount ${f.mapcount}`);
  w.mem.folios.delete(f.pfn);
  buddyFree(w.mem, f.pfn, f.order);
  w.counters.values['pages.freed'] += nr;
  w.counters.values['pages.inuse'] -= nr;
}

// A TLB entry may outlive its frame only on a lazy CPU whose ASID is behind the mm's tlb_gen:
// it cannot be used, and switch_mm_irqs_off() flushes it before the mm runs there again.
function checkTlbOnFree(w: World, ctx: ApplyCtx, p: number): void {
  for (const c of w.cpus) {
    for (const e of c.tlb) {
      if (p < e.pfn || p >= e.pfn + (e.huge ? 512 : 1)) continue;
      const slot = c.asids[e.asid];
      const mm = w.mms.get(e.mm);
      const unreachable = slot?.mm !== e.mm || c.loadedMm !== e.mm || (c.isLazy && mm !== undefined && slot.tlbGen < mm.tlbGen);
      if (!unreachable) ctx.violations.push(`pfn ${p} was freed while CPU${c.id}'s TLB still maps it (vpn ${e.vpn.toString(16)})`);
    }
  }
}

// page_folio(): any page of a folio names the folio.
function folioAt(w: World, p: number): Folio {
  const f = w.mem.folios.get(w.mem.head[p] ?? -1);
  if (!f) throw new Error(`no folio at pfn ${p}`);
  return f;
}

/** alloc_pgtable: a page-table page from the buddy allocator, linked into its parent entry. */
export function allocPgtable(w: World, ctx: ApplyCtx, op: Extract<PlanOp, { op: 'alloc_pgtable' }>): void {
  const p = allocFrames(w, op.node, 0);
  w.mem.kind[p] = FRAME.pgtable;
  w.tables.set(p, newTable(p, op.level, op.mm, op.base));
  ctx.refs.set(op.as, p);
  if (op.parent) setEntry(w, ctx, { op: 'set_entry', table: op.parent.table, index: op.parent.index, entry: { kind: 'table', pfn: p } });
  w.counters.values['pagetables.allocated']++;
}

/** free_pgtable: the table must already be unlinked and empty. */
export function freePgtable(w: World, ctx: ApplyCtx, p: Pfn): void {
  const t = w.tables.get(p);
  if (!t) throw new Error(`free_pgtable: no table at pfn ${p}`);
  if (t.used !== 0) ctx.violations.push(`page table ${p} was freed while it still held ${t.used} entries`);
  w.tables.delete(p);
  w.mem.kind[p] = FRAME.free;
  buddyFree(w.mem, p, 0);
  w.counters.values['pagetables.freed']++;
}

/** alloc_folio: frames from the buddy allocator, zeroed or filled from another frame. */
export function allocFolio(w: World, ctx: ApplyCtx, op: Extract<PlanOp, { op: 'alloc_folio' }>): void {
  const m = w.mem;
  const p = allocFrames(w, op.node, op.order, op.thisNode);
  const nr = 2 ** op.order;
  for (let i = 0; i < nr; i++) {
    m.kind[p + i] = i === 0 ? FRAME.head : FRAME.tail;
    m.head[p + i] = p;
    m.pageFlags[p + i] = op.anon ? PAGE_ANON_EXCLUSIVE : 0;
    m.content[p + i] = 'tag' in op.content ? op.content.tag : (m.content[op.content.copyFrom + i] ?? ZERO_TAG);
  }
  const flags = (op.anon ? PG.anon | PG.swapbacked : 0) | PG.lru | (op.order > 0 ? PG.large_rmappable : 0);
  m.folios.set(p, {
    pfn: pfn(p), order: op.order, node: Math.floor(p / m.framesPerNode), refcount: 1, mapcount: 0, pincount: 0,
    flags, anonVma: op.anon?.anonVma ?? null, index: op.anon?.index ?? 0,
  });
  ctx.refs.set(op.as, p);
  const c = w.counters.values;
  c['pages.allocated'] += nr;
  c['pages.inuse'] += nr;
  if (c['pages.inuse'] > c['pages.peak']) c['pages.peak'] = c['pages.inuse'];
}

/** folio_get / folio_put: the last reference frees the folio. */
export function folioRef(w: World, ctx: ApplyCtx, r: PfnRef, delta: number): void {
  const f = folioAt(w, resolve(ctx, r));
  f.refcount += delta;
  if (delta < 0 && f.order > 0) ctx.largeRefDrops.push(f.pfn);
  if (f.refcount < 0) ctx.violations.push(`folio ${f.pfn} refcount went negative`);
  if (f.refcount === 0) freeFolio(w, ctx, f);
}

/** Changes one field of a folio by delta. */
export function folioAdd(w: World, ctx: ApplyCtx, r: PfnRef, field: 'mapcount' | 'pincount', delta: number): void {
  const f = folioAt(w, resolve(ctx, r));
  f[field] += delta;
  if (f[field] < 0) ctx.violations.push(`folio ${f.pfn} ${field} went negative`);
}

/** Sets and clears folio flags. */
export function folioFlags(w: World, ctx: ApplyCtx, r: PfnRef, set: number, clear: number): void {
  const f = folioAt(w, resolve(ctx, r));
  f.flags = (f.flags | set) & ~clear;
}

/** folio_move_anon_rmap: re-points folio->mapping. */
export function folioAnon(w: World, p: Pfn, anonVma: Extract<PlanOp, { op: 'folio_anon' }>['anonVma'], index?: number): void {
  const f = folioAt(w, p);
  f.anonVma = anonVma;
  if (index !== undefined) f.index = index;
}

/** SetPageAnonExclusive / ClearPageAnonExclusive. */
export function pageExclusive(w: World, ctx: ApplyCtx, r: PfnRef, value: boolean): void {
  const p = resolve(ctx, r);
  const f = w.mem.pageFlags[p] ?? 0;
  w.mem.pageFlags[p] = value ? f | PAGE_ANON_EXCLUSIVE : f & ~PAGE_ANON_EXCLUSIVE;
}

/** A user store reaching memory. */
export function writeContent(w: World, ctx: ApplyCtx, p: Pfn, tag: string): void {
  if (!isAllocated(w, p)) ctx.violations.push(`a write landed in pfn ${p}, which is free: the data is lost`);
  w.mem.content[p] = tag;
}

/** folio_mc_copy + the mapping/index handover of __folio_migrate_mapping: dst takes src's data and identity. */
export function folioCopy(w: World, from: Pfn, to: Pfn): void {
  const src = folioAt(w, from);
  const dst = folioAt(w, to);
  for (let i = 0; i < 2 ** src.order; i++) w.mem.content[to + i] = w.mem.content[from + i] ?? ZERO_TAG;
  dst.anonVma = src.anonVma;
  dst.index = src.index;
  dst.flags = (dst.flags & ~(PG.dirty | PG.swapbacked | PG.anon)) | (src.flags & (PG.dirty | PG.swapbacked | PG.anon));
}

/**
 * __split_unmapped_folio: an unmapped large folio becomes order-0 folios with the same anon_vma,
 * consecutive indexes and flags. The head keeps the caller's references; each tail starts with one.
 */
export function splitFolio(w: World, ctx: ApplyCtx, p: Pfn): void {
  const f = folioAt(w, p);
  if (f.mapcount !== 0) ctx.violations.push(`folio ${f.pfn} was split while still mapped ${f.mapcount} time(s)`);
  if (f.pincount !== 0) ctx.violations.push(`folio ${f.pfn} was split while pinned`);
  const flags = f.flags & ~PG.large_rmappable;
  for (let i = 0; i < 2 ** f.order; i++) {
    const q = f.pfn + i;
    w.mem.kind[q] = FRAME.head;
    w.mem.head[q] = q;
    w.mem.folios.set(q, { pfn: pfn(q), order: 0, node: f.node, refcount: i === 0 ? f.refcount : 1, mapcount: 0, pincount: 0, flags, anonVma: f.anonVma, index: f.index + i });
  }
}
