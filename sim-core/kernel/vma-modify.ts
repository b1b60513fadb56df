// vma_modify_flags (mm/vma.c, 6.12+): what mprotect and madvise do to the VMA tree before touching
// PTEs. First try vma_merge_existing_range, then split_vma at each edge, each split refused with
// ENOMEM once map_count >= vm.max_map_count.
import { hex, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { vmaLookup } from '../model/mm';
import { findLeaf } from '../model/pagetable';
import type { Vma } from '../model/vma';
import type { World } from '../model/world';
import { SPLIT_HUGE_PMD } from '../engine/costs';
import { splitHugePmd, splitStep } from './huge-split';
import { Plan } from './plan';
import { canMerge, mergeVmas, neighbours, splitVma } from './vma-ops';

/** One step of vma_modify_flags on the VMA at `start`, for the range [start, end) clipped to it. */
export type ModifyStep =
  | { readonly kind: 'merged' | 'split' | 'set' | 'unchanged'; readonly plan: Plan; readonly say: string; readonly vma: Vma }
  | { readonly kind: 'enomem'; readonly plan: Plan; readonly say: string }
  /** vma_adjust_trans_huge: a THP's PMD straddles the new VMA boundary at `addr` and is split first (flush it). */
  | { readonly kind: 'pmd_split'; readonly plan: Plan; readonly say: string; readonly addr: number };

/**
 * split_huge_pmd_if_needed (mm/huge_memory.c, from vma_adjust_trans_huge in __split_vma and in a
 * merge that moves a boundary): a VMA boundary inside a PMD-mapped THP splits that PMD first.
 */
function thpAcross(w: World, mm: Mm, at: number): ModifyStep | null {
  if (at % PMD_SIZE === 0) return null;
  const slot = findLeaf(w.tables, mm.pgd, at);
  if (slot?.level !== 2 || slot.entry.kind !== 'huge') return null;
  const plan = new Plan();
  splitHugePmd(w, plan, mm, slot, at);
  return { kind: 'pmd_split', plan, addr: at, say: `the new VMA boundary at ${hex(at)} falls inside a PMD-mapped THP: vma_adjust_trans_huge splits the PMD first (split_huge_pmd_if_needed)` };
}

/**
 * Advances vma_modify_flags by one visible step (a merge, one split, or setting the flags). `uffd`
 * (vma_modify_flags_uffd) also sets the VMA's userfaultfd context; undefined keeps it.
 */
export function vmaModifyStep(w: World, mm: Mm, start: number, end: number, newFlags: number, uffd?: Vma['uffd']): ModifyStep | null {
  const vma = vmaLookup(mm, start);
  if (!vma) return null;
  const plan = new Plan();
  const stop = Math.min(end, vma.end);
  const ctx = uffd === undefined ? vma.uffd : uffd;
  if (vma.flags === newFlags && vma.uffd === ctx) return { kind: 'unchanged', plan, vma, say: `[${hex(vma.start)}, ${hex(vma.end)}) already has these flags` };
  const want = { ...vma, start, end: stop, flags: newFlags, uffd: ctx };
  const { prev, next } = neighbours(mm, vma.start, vma.end);
  const left = start === vma.start && prev !== undefined && canMerge(w, prev, want);
  const right = stop === vma.end && next !== undefined && canMerge(w, want, next);
  if (left || right) {
    // A merge that moves a boundary into the VMA (not one that absorbs it whole) adjusts THPs there too.
    const moved = (left ? stop : start) !== (left ? vma.end : vma.start) ? (left ? stop : start) : null;
    return (moved !== null ? thpAcross(w, mm, moved) : null) ?? mergeStep(plan, mm, vma, start, stop, { flags: newFlags, uffd: ctx }, left ? prev : undefined, right ? next : undefined);
  }
  if (vma.start < start || vma.end > end) {
    if (mm.vmas.length >= w.cfg.maxMapCount) {
      return { kind: 'enomem', plan, say: `split_vma refuses: map_count ${mm.vmas.length} >= vm.max_map_count ${w.cfg.maxMapCount}` };
    }
    const at = vma.start < start ? start : end;
    const thp = thpAcross(w, mm, at);
    if (thp) return thp;
    splitVma(w, plan, vma, at, vma.start < start);
    const piece: Vma = vma.start < start ? { ...vma, start } : { ...vma, end };
    return { kind: 'split', plan, vma: piece, say: `split_vma at ${hex(at)}: map_count ${mm.vmas.length} → ${mm.vmas.length + 1}` };
  }
  const set: Vma = { ...vma, flags: newFlags, uffd: ctx };
  plan.add({ op: 'vma_replace', mm: mm.id, remove: [vma.id], insert: [set] });
  return { kind: 'set', plan, vma: set, say: `vm_flags_reset on [${hex(vma.start)}, ${hex(vma.end)})` };
}

// vma_merge_existing_range: the changed range joins a neighbour with the same new flags.
function mergeStep(plan: Plan, mm: Mm, vma: Vma, start: number, stop: number, change: Pick<Vma, 'flags' | 'uffd'>, prev?: Vma, next?: Vma): ModifyStep {
  const mid: Vma = { ...vma, ...change };
  const whole = start === vma.start && stop === vma.end;
  if (whole || (prev && stop === vma.end) || (next && start === vma.start)) {
    const parts = [prev, mid, next].filter((v): v is Vma => v !== undefined);
    const merged = mergeVmas(plan, parts);
    const who = prev && next ? 'both neighbours' : prev ? 'the VMA below' : 'the VMA above';
    return { kind: 'merged', plan, vma: merged, say: `vma_merge_existing_range joins [${hex(start)}, ${hex(stop)}) with ${who}` };
  }
  // Only part of the VMA changes and a neighbour absorbs it: that neighbour grows, the VMA shrinks.
  const grown: Vma = prev ? { ...prev, end: stop, anonVma: prev.anonVma ?? vma.anonVma } : { ...(next as Vma), start, pgoff: vma.pgoff + (start - vma.start) / PAGE_SIZE, anonVma: (next as Vma).anonVma ?? vma.anonVma };
  const shrunk: Vma = prev ? { ...vma, start: stop, pgoff: vma.pgoff + (stop - vma.start) / PAGE_SIZE } : { ...vma, end: start };
  const other = (prev ?? next) as Vma;
  plan.add({ op: 'vma_replace', mm: mm.id, remove: [other.id, vma.id], insert: [grown, shrunk] });
  if (other.anonVma === null && vma.anonVma !== null) plan.add({ op: 'avc_link', vma: other.id, anonVma: vma.anonVma });
  return { kind: 'merged', plan, vma: grown, say: `vma_merge_existing_range: the VMA ${prev ? 'below' : 'above'} grows over [${hex(start)}, ${hex(stop)})` };
}

/** The step out of a 'pmd_split' ModifyStep: event SPLIT_PMD spawns the split's flush; the machine waits in `wait_thp_split`. */
export function thpSplitOut(w: World, mm: Mm, s: Extract<ModifyStep, { kind: 'pmd_split' }>) {
  return { ...splitStep(w, mm.id, s.addr, s.say), event: 'SPLIT_PMD', fn: { file: 'mm/huge_memory.c', name: 'vma_adjust_trans_huge' }, cost: SPLIT_HUGE_PMD, plan: s.plan.ops };
}

/** The state a vma_modify loop waits in while a THP split for a new boundary is flushed; back to `loop` after. */
export const thpSplitWaitState = (loop: string) => ({ wait_thp_split: { description: 'vma_adjust_trans_huge: the PMD split is flushed', on: { FLUSHED: loop } } });

/** The wait_thp_split handler: the flush is done and the VMA change goes on. */
export const thpSplitFlushed = () => ({ event: 'FLUSHED', fn: { file: 'mm/huge_memory.c', name: 'vma_adjust_trans_huge' }, cost: 0, say: 'the THP split is flushed: the VMA change goes on' });
