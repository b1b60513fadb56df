// VMA split and merge (mm/vma.c): __split_vma, the merge rules of vma_merge_*, anon_vma_clone.
import { type VmaId, vmaId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import { type Mm, vmaLowerBound } from '../model/mm';
import { VM, type Vma } from '../model/vma';
import type { World } from '../model/world';
import type { Plan } from './plan';

/** __split_vma(vma, addr, new_below): the VMA keeps one side, a new VMA (vm_area_dup) takes the other. */
export function splitVma(w: World, plan: Plan, vma: Vma, addr: number, newBelow: boolean): { lower: Vma; upper: Vma } {
  const id = vmaId(plan.id(w, 'vma'));
  const delta = (addr - vma.start) / PAGE_SIZE;
  const lower: Vma = { ...vma, end: addr, id: newBelow ? id : vma.id };
  const upper: Vma = { ...vma, start: addr, pgoff: vma.pgoff + delta, id: newBelow ? vma.id : id };
  plan.add({ op: 'vma_replace', mm: vma.mm, remove: [vma.id], insert: [lower, upper] });
  // anon_vma_clone: the new VMA links to every anon_vma the original can see.
  for (const av of w.rmap.chainsOfVma.get(vma.id) ?? []) plan.add({ op: 'avc_link', vma: id, anonVma: av });
  return { lower, upper };
}

/** Flags that do not prevent a merge (VM_SOFTDIRTY is ignored by is_mergeable_vma). */
const MERGE_IGNORED = VM.SOFTDIRTY;

// vma_had_uncowed_parents: a VMA whose anon_vma chain has more than one link came from fork.
function hadUncowedParents(w: World, v: Vma): boolean {
  return v.anonVma !== null && (w.rmap.chainsOfVma.get(v.id)?.length ?? 0) > 1;
}

/** is_mergeable_anon_vma: may the anon_vmas of `src` (moving in) and `tgt` (absorbing) be combined? */
export function mergeableAnonVma(w: World, src: { anonVma: Vma['anonVma'] } & Partial<Vma>, tgt: Vma): boolean {
  if (tgt.anonVma === null && src.anonVma !== null) return !(src.id !== undefined && hadUncowedParents(w, src as Vma));
  if (tgt.anonVma !== null && src.anonVma === null) return !hadUncowedParents(w, tgt);
  return src.anonVma === tgt.anonVma;
}

/** Can `a` (below) and `b` (above, adjacent) be one VMA? */
export function canMerge(w: World, a: Vma, b: Pick<Vma, 'start' | 'flags' | 'file' | 'pgoff' | 'anonVma'> & Partial<Vma>, bIsNew = false): boolean {
  if (a.end !== b.start) return false;
  if ((a.flags & ~MERGE_IGNORED) !== (b.flags & ~MERGE_IGNORED)) return false;
  if (a.file !== b.file) return false;
  // is_mergeable_vm_userfaultfd_ctx: both unregistered, or registered with the same context.
  if ((a.uffd ?? null) !== (b.uffd ?? null)) return false;
  if (a.pgoff + (a.end - a.start) / PAGE_SIZE !== b.pgoff) return false;
  return bIsNew ? mergeableAnonVma(w, b, a) : mergeableAnonVma(w, b, a) && mergeableAnonVma(w, a, b as Vma);
}

/** Replaces `parts` (in address order) by one VMA up to `end`, keeping the first one's id; fixes rmap links. */
export function mergeVmas(plan: Plan, parts: readonly Vma[], end = (parts[parts.length - 1] as Vma).end): Vma {
  const first = parts[0] as Vma;
  const anonVma = parts.find((p) => p.anonVma !== null)?.anonVma ?? null;
  const merged: Vma = { ...first, end, anonVma };
  const gone: VmaId[] = parts.slice(1).map((p) => p.id);
  plan.add({ op: 'vma_replace', mm: first.mm, remove: parts.map((p) => p.id), insert: [merged] });
  // dup_anon_vma links the survivor before the others go: the anon_vma must not be freed with them.
  if (anonVma !== null && first.anonVma === null) plan.add({ op: 'avc_link', vma: first.id, anonVma });
  for (const g of gone) plan.add({ op: 'avc_unlink_vma', vma: g });
  return merged;
}

/** Neighbours of [start, end) in the mm: the VMA ending at start and the one starting at end. */
export function neighbours(m: Mm, start: number, end: number): { prev: Vma | undefined; next: Vma | undefined } {
  // Binary searches, as the maple tree's vma_prev/vma_next: a scan would make every split of a
  // process near vm.max_map_count cost 65,530 comparisons.
  const p = m.vmas[vmaLowerBound(m, start) - 1];
  const n = m.vmas[vmaLowerBound(m, end)];
  return { prev: p?.end === start ? p : undefined, next: n?.start === end ? n : undefined };
}
