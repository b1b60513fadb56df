// change_protection → change_pte_range (mm/mprotect.c): rewrite the PTEs of a VMA for new flags.
// Which rewritten PTEs must be flushed is x86's pte_needs_flush (below), not a guess by direction.
import { CHANGE_PTE, SPLIT_HUGE_PMD } from '../engine/costs';
import { PAGE_ANON_EXCLUSIVE } from '../model/folio';
import { alignDown, PAGE_SIZE, PMD_SIZE } from '../model/layout';
import type { Mm } from '../model/mm';
import { findPte, walk, type WalkStep } from '../model/pagetable';
import { type HugePmd, type PresentPte, withBits } from '../model/pte';
import { VM } from '../model/vma';
import type { World } from '../model/world';
import { type Gather, widen } from './mmu-gather';
import { splitHugePmd } from './huge-split';
import type { Plan } from './plan';

/** What one change_pte_range call did (`split`: a partly covered THP was split first, no progress). */
export interface ChangeOut {
  readonly cursor: number; readonly changed: number; readonly flushed: number; readonly gather: Gather; readonly cost: number; readonly split?: boolean; readonly huge?: boolean;
  /** Page-table pages change_prepare / change_pmd_prepare allocated (uffd-wp markers), and the error that stopped it (-ENOMEM). */
  readonly populated?: number; readonly error?: string;
}

// can_change_pte_writable for a private mapping: only an exclusive anonymous page may become
// writable without a fault, since the write-fault handler would map it writable anyway.
// A uffd-wp protected PTE stays read-only: the write must reach the handler (userfaultfd_pte_wp).
function canMakeWritable(w: World, p: PresentPte): boolean {
  return !p.special && !p.uffd_wp && ((w.mem.pageFlags[p.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
}

function newPte(w: World, p: PresentPte, flags: number): PresentPte {
  if (!(flags & (VM.READ | VM.WRITE))) return p.protnone ? p : withBits(p, { protnone: true });
  const base = p.protnone ? withBits(p, { protnone: false }) : p;
  if (!(flags & VM.WRITE)) return base.rw ? withBits(base, { rw: false }) : base;
  return !base.rw && canMakeWritable(w, base) ? withBits(base, { rw: true }) : base;
}

/**
 * pte_needs_flush (arch/x86/include/asm/tlbflush.h), for mprotect and UFFDIO_WRITEPROTECT alike:
 * nothing for an old entry the CPU cannot cache (PROT_NONE); otherwise a PFN change, any change of
 * RW (either way: _PAGE_RW is in flush_on_change), or clearing PRESENT or DIRTY. Software bits such
 * as uffd-wp alone never need one.
 */
export const needsFlush = (o: PresentPte, n: PresentPte): boolean =>
  !o.protnone && (o.pfn !== n.pfn || o.rw !== n.rw || n.protnone || (o.dirty && !n.dirty));

// change_pmd_range on a huge PMD: change_huge_pmd for the whole 2 MiB, else __split_huge_pmd first.
function changeHuge(w: World, mm: Mm, cursor: number, end: number, flags: number, g: Gather, plan: Plan, slot: WalkStep): ChangeOut {
  const haddr = alignDown(cursor, PMD_SIZE);
  if (cursor !== haddr || end < haddr + PMD_SIZE) {
    splitHugePmd(w, plan, mm, slot, cursor);
    return { cursor, changed: 0, flushed: 0, gather: g, cost: SPLIT_HUGE_PMD, split: true };
  }
  const e = slot.entry as HugePmd;
  const rw = (flags & VM.WRITE) !== 0 && !e.special && !e.uffd_wp && ((w.mem.pageFlags[e.pfn] ?? 0) & PAGE_ANON_EXCLUSIVE) !== 0;
  if (rw === e.rw) return { cursor: haddr + PMD_SIZE, changed: 0, flushed: 0, gather: g, cost: CHANGE_PTE, huge: true };
  plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...e, rw } });
  const range = widen(g.range, haddr, haddr + PMD_SIZE);
  return { cursor: haddr + PMD_SIZE, changed: 1, flushed: 1, gather: { ...g, range }, cost: CHANGE_PTE, huge: true };
}

/** change_pte_range over the PTE table covering `cursor`, up to `end` (change_huge_pmd for a THP). */
export function changePteRange(w: World, mm: Mm, cursor: number, end: number, flags: number, g: Gather, plan: Plan): ChangeOut {
  const pmd = walk(w.tables, mm.pgd, cursor).find((x) => x.level === 2);
  if (pmd?.entry.kind === 'huge') return changeHuge(w, mm, cursor, end, flags, g, plan, pmd);
  const stop = Math.min(end, alignDown(cursor, PMD_SIZE) + PMD_SIZE);
  let changed = 0;
  let flushed = 0;
  let range = g.range;
  for (let a = cursor; a < stop; a += PAGE_SIZE) {
    const slot = findPte(w.tables, mm.pgd, a);
    if (!slot) { a = stop - PAGE_SIZE; continue; }
    const o = slot.entry;
    if (o.kind !== 'present') continue;
    const n = newPte(w, o, flags);
    if (n === o) continue;
    plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: n });
    changed++;
    if (needsFlush(o, n)) {
      flushed++;
      range = widen(range, a, a + PAGE_SIZE);
    }
  }
  return { cursor: stop, changed, flushed, gather: { ...g, range }, cost: changed * CHANGE_PTE + 20 };
}
