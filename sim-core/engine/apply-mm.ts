// Applies the address-space and CPU half of a plan: mms, VMAs, rmap links, TLBs, CPUs.
import type { PlanOp } from '../kernel/plan';
import type { TlbEntry } from '../model/cpu';
import type { AnonVmaId, CpuId, MmId, VmaId } from '../model/ids';
import { type Mm, vmaLowerBound } from '../model/mm';
import type { Vma } from '../model/vma';
import type { World } from '../model/world';
import { allocPgtable, type ApplyCtx } from './apply-mem';

/** The mm with this id; a missing one is an engine bug. */
export function mmAt(w: World, id: MmId): Mm {
  const m = w.mms.get(id);
  if (!m) throw new Error(`no mm ${id}`);
  return m;
}

/** mm_alloc + pgd_alloc. */
export function mmCreate(w: World, ctx: ApplyCtx, op: Extract<PlanOp, { op: 'mm_create' }>): void {
  allocPgtable(w, ctx, { op: 'alloc_pgtable', mm: op.mm, level: 4, base: 0, parent: null, node: op.node, as: op.pgd });
  const pgd = ctx.refs.get(op.pgd);
  if (pgd === undefined) throw new Error('mm_create: PGD allocation failed');
  w.mms.set(op.mm, {
    id: op.mm, process: op.process, ctxId: op.ctxId, vmas: [], pgd, cpumask: new Array<boolean>(w.cfg.cpus).fill(false),
    // init_new_context: the first cpumask trim may happen one second (HZ jiffies) after creation.
    tlbGen: 0, tlbFlushPending: 0, tlbFlushBatched: false, deposits: new Map(), nextTrimCpumask: 1e9, rss: { anon: 0, file: 0, shmem: 0, swapents: 0 }, nrPgtables: 0,
    hasPinned: false, mmapLock: { holders: [], waiters: [] }, dead: false, users: 0,
  });
}

/** Replaces VMAs atomically (insert, remove, split and merge are all this), keeping them sorted. */
export function vmaReplace(w: World, ctx: ApplyCtx, mm: MmId, remove: readonly VmaId[], insert: readonly Vma[], hint?: number): void {
  const m = mmAt(w, mm);
  const ins = [...insert].sort((a, b) => a.start - b.start);
  const at = spliceAt(m, remove, ins, hint);
  // In place: checkpoints hold copies (cloneMm), and a new 65,530-entry array per split made the
  // garbage collector map and unmap half a megabyte each time (most of a max_map_count run's time).
  if (at === null) m.vmas = rebuild(m, remove, ins);
  else m.vmas.splice(at, remove.length, ...ins);
  // Only the new VMAs can overlap anything: after a splice, check them against their neighbours.
  const [from, to] = at === null ? [1, m.vmas.length - 1] : [Math.max(at, 1), Math.min(at + ins.length, m.vmas.length - 1)];
  for (let i = from; ins.length > 0 && i <= to; i++) {
    const a = m.vmas[i - 1] as Vma;
    const b = m.vmas[i] as Vma;
    if (a.end > b.start) ctx.violations.push(`VMAs overlap: [${a.start.toString(16)}, ${a.end.toString(16)}) and [${b.start.toString(16)}, ${b.end.toString(16)})`);
  }
}

// The common cases, a split, a merge or a new VMA: the removed VMAs sit together where the new
// ones go, so one binary search and one splice do, not a sort of every VMA (with vm.max_map_count's
// 65,530 VMAs that sort made a run of splits or mmaps take minutes). Null: use the general path.
function spliceAt(m: Mm, remove: readonly VmaId[], ins: readonly Vma[], hint?: number): number | null {
  const start = ins[0]?.start ?? hint;
  if (start === undefined || (remove.length === 0 && ins.length === 0)) return null;
  const i = vmaLowerBound(m, start);
  for (let k = 0; k < remove.length; k++) {
    const v = m.vmas[i + k];
    if (!v || !remove.includes(v.id)) return null;
  }
  const after = m.vmas[i + remove.length];
  const last = ins[ins.length - 1];
  return after && last && after.start < last.start ? null : i;
}

function rebuild(m: Mm, remove: readonly VmaId[], ins: readonly Vma[]): Vma[] {
  const gone = new Set(remove);
  const kept = gone.size ? m.vmas.filter((v) => !gone.has(v.id)) : m.vmas;
  if (kept.length !== m.vmas.length - gone.size) throw new Error('vma_replace: removing a VMA that is not in the mm');
  return ins.length ? [...kept, ...ins].sort((a, b) => a.start - b.start) : kept;
}

/** anon_vma_alloc (+ the parent's num_children for anon_vma_fork). */
export function anonVmaCreate(w: World, id: AnonVmaId, parent: AnonVmaId | null): void {
  const p = parent === null ? undefined : w.rmap.anonVmas.get(parent);
  w.rmap.anonVmas.set(id, { id, root: p ? p.root : id, parent, numChildren: 1, numActiveVmas: 0 });
  if (p) p.numChildren++;
  w.rmap.vmasOfAnon.set(id, []);
}

/** anon_vma_chain_link. */
export function avcLink(w: World, vma: VmaId, anonVma: AnonVmaId): void {
  const chain = w.rmap.chainsOfVma.get(vma) ?? [];
  if (!chain.includes(anonVma)) chain.unshift(anonVma);
  w.rmap.chainsOfVma.set(vma, chain);
  const vmas = w.rmap.vmasOfAnon.get(anonVma);
  if (!vmas) throw new Error(`avc_link: no anon_vma ${anonVma}`);
  if (!vmas.includes(vma)) vmas.push(vma);
}

/** unlink_anon_vmas: drops a VMA's chains and frees anon_vmas nothing links to any more. */
export function avcUnlinkVma(w: World, vma: VmaId): void {
  for (const a of w.rmap.chainsOfVma.get(vma) ?? []) {
    const vmas = w.rmap.vmasOfAnon.get(a);
    if (!vmas) continue;
    const i = vmas.indexOf(vma);
    if (i >= 0) vmas.splice(i, 1);
    if (vmas.length === 0) {
      const av = w.rmap.anonVmas.get(a);
      const parent = av?.parent == null ? undefined : w.rmap.anonVmas.get(av.parent);
      if (parent && parent !== av) parent.numChildren--;
      w.rmap.anonVmas.delete(a);
      w.rmap.vmasOfAnon.delete(a);
    }
  }
  w.rmap.chainsOfVma.delete(vma);
}

/** Adds a TLB entry, evicting the least recently used one when full. */
export function tlbFill(w: World, cpu: CpuId, e: TlbEntry): void {
  const c = w.cpus[cpu];
  if (!c) throw new Error(`no CPU ${cpu}`);
  if (c.tlb.length >= w.cfg.tlbEntries) {
    const old = c.tlb.shift() as TlbEntry;
    w.mem.tlbRefs[old.pfn] = (w.mem.tlbRefs[old.pfn] ?? 0) - 1;
  }
  c.tlb.push(e);
  w.mem.tlbRefs[e.pfn] = (w.mem.tlbRefs[e.pfn] ?? 0) + 1;
}

/** Marks an entry most recently used, optionally updating it (a dirty bit set by a walk). */
export function tlbTouch(w: World, cpu: CpuId, index: number, e: TlbEntry): void {
  const c = w.cpus[cpu];
  const old = c?.tlb[index];
  if (!c || !old) throw new Error(`tlb_touch: no entry ${index} on CPU ${cpu}`);
  c.tlb.splice(index, 1);
  c.tlb.push(e);
  w.mem.tlbRefs[old.pfn] = (w.mem.tlbRefs[old.pfn] ?? 0) - 1;
  w.mem.tlbRefs[e.pfn] = (w.mem.tlbRefs[e.pfn] ?? 0) + 1;
}

/** INVLPG over a range of one ASID, or a full flush of the ASID when range is null. */
export function tlbFlush(w: World, cpu: CpuId, asid: number, range: readonly [number, number] | null): number {
  const c = w.cpus[cpu];
  if (!c) throw new Error(`no CPU ${cpu}`);
  const keep: TlbEntry[] = [];
  for (const e of c.tlb) {
    const hit = e.asid === asid && (range === null || (e.vpn < range[1] && e.vpn + (e.huge ? 512 : 1) > range[0]));
    if (hit) w.mem.tlbRefs[e.pfn] = (w.mem.tlbRefs[e.pfn] ?? 0) - 1;
    else keep.push(e);
  }
  const dropped = c.tlb.length - keep.length;
  c.tlb = keep;
  return dropped;
}
