// Words for the rmap view, in the kernel's names: the per-VMA callback of each walk, what a walk's
// state means, and a PTE as the walk finds it (this folio, another folio, a migration or swap entry).
import type { RmapWalkView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';
import { kindInfo, mapsFrame } from '../lib/pte';

/** Where a VMA stands in the walk: visited, being visited, about to be, later, or no walk runs. */
export type TargetStatus = 'done' | 'now' | 'next' | 'pending' | 'idle';

/** How a PTE relates to the folio shown. */
export type PteRelation = 'this' | 'other' | 'migration' | 'swap' | 'none' | 'special';

/** A PTE as the view describes it. */
export interface PteLook { readonly code: number; readonly pfn: number; readonly relation: PteRelation; readonly text: string }

const CALLBACK: Readonly<Record<string, string>> = {
  try_to_migrate: 'try_to_migrate_one', try_to_unmap: 'try_to_unmap_one', remove_migration_ptes: 'remove_migration_pte',
};

/** The rmap_one callback rmap_walk_anon calls per VMA for a walk's purpose. */
export function callbackOf(purpose: string): string {
  return CALLBACK[purpose] ?? `${purpose}_one`;
}

/** One sentence on what the walk is doing in its current state. */
export function stateText(w: RmapWalkView): string {
  const cb = callbackOf(w.purpose);
  switch (w.state) {
    case 'rmap_walk_anon': return `rmap_walk_anon: folio_lock_anon_vma_read takes anon_vma #${w.anonVma ?? '?'} and anon_vma_interval_tree_foreach looks up the VMAs that may map the folio`;
    case 'rmap_one': return `${cb} runs next on VMA ${Math.min(w.index + 1, w.targets.length)} of ${w.targets.length}`;
    case 'wait_flush': return `${cb} cleared the PTE; the walk waits for its ptep_clear_flush (TLB flush in flight)`;
    case 'finish_one': return `the flush is complete: ${cb} writes the PTE's new value`;
    case 'done': return 'the walk is over';
    default: return w.state;
  }
}

/** A few words on the walk's state, for its one-line heading: "VMA 2 of 2 next". */
export function shortState(w: RmapWalkView): string {
  const at = `VMA ${Math.min(w.index + 1, w.targets.length)} of ${w.targets.length}`;
  switch (w.state) {
    case 'rmap_walk_anon': return 'finding the VMAs';
    case 'rmap_one': return `${at} next`;
    case 'wait_flush': return `${at}: waits for the flush`;
    case 'finish_one': return `${at}: writes the PTE`;
    default: return w.state;
  }
}

/** Status of target `i` of walk `w`. */
export function targetStatus(i: number, w: RmapWalkView | null): TargetStatus {
  if (!w) return 'idle';
  if (w.state === 'done' || i < w.index) return 'done';
  if (i > w.index || w.state === 'rmap_walk_anon') return 'pending';
  return w.state === 'rmap_one' ? 'next' : 'now';
}

/** Short words for a status, for row labels and screen readers. */
export const STATUS_WORD: Readonly<Record<TargetStatus, string>> = { done: '✓ visited', now: '● now', next: '▶ next', pending: '○ pending', idle: '' };

const SHORT: Readonly<Record<number, string>> = { [PTE_KIND.present_ro]: 'present RO', [PTE_KIND.present_rw]: 'present RW', [PTE_KIND.huge]: 'huge PMD', [PTE_KIND.zero]: 'zero page', [PTE_KIND.protnone]: 'PROT_NONE' };

/** Describes the PTE (kind `code`, pfn `pfn`) a walk finds; `ours` tells the folio's own pfns. */
export function lookPte(code: number, pfn: number, ours: (pfn: number) => boolean): PteLook {
  const at = (relation: PteRelation, text: string): PteLook => ({ code, pfn, relation, text });
  if (code === PTE_KIND.none) return at('none', 'pte_none: nothing mapped here');
  if (code === PTE_KIND.swap) return at('swap', 'swap entry: the page is in a swap slot or the swap cache; a fault here runs do_swap_page');
  if (code === PTE_KIND.migration) {
    return ours(pfn) ? at('migration', `migration entry naming the old pfn ${pfn}; a fault here sleeps in migration_entry_wait`) : at('other', `migration entry for pfn ${pfn}, another folio`);
  }
  if (!mapsFrame(code)) return at('special', kindInfo(code).label);
  const how = SHORT[code] ?? kindInfo(code).label;
  return ours(pfn) ? at('this', `${how} → pfn ${pfn}, this folio`) : at('other', `${how} → pfn ${pfn}, another folio`);
}
