// Why rmap walks run: the migrate_pages calls and reclaim passes in progress, with each folio's fate,
// and the tasks asleep in migration_entry_wait on a folio being moved. Pure text and counts.
import type { Frame, MigrationView, ReclaimView } from '../../sim/frame';
import { PTE_KIND } from '../../sim/frame';
import { activeFaults } from '../lib/faults';
import { frameIndex, pteAt } from '../lib/frame-index';

/** A task asleep in migration_entry_wait. */
export interface Waiter {
  readonly actor: number;
  readonly task: string | null;
  readonly cpu: number;
  readonly addr: number;
  readonly write: boolean;
  /** The old pfn its migration entry names (the folio whose PG_locked it sleeps on). */
  readonly pfn: number | null;
}

/** Faults sleeping in migration_entry_wait, with the pfn their migration entry names. */
export function migrationWaiters(f: Frame): Waiter[] {
  const idx = frameIndex(f);
  return activeFaults(f).filter((a) => a.actor.state === 'migration_entry_wait').map((a) => {
    const pte = a.mm === null ? null : pteAt(idx, a.mm, a.addr);
    return { actor: a.actor.id, task: a.actor.task, cpu: a.actor.cpu, addr: a.addr, write: a.write, pfn: pte?.code === PTE_KIND.migration ? pte.pfn : null };
  });
}

/** Folio states of a migrate_pages call, in the order they happen. */
export const MIGRATION_STATES = ['queued', 'unmapped', 'done', 'failed'] as const;
type MigState = (typeof MIGRATION_STATES)[number];

/** How many folios of a migrate_pages call are in each state. */
export function migrationCounts(m: MigrationView): Record<MigState, number> {
  const out: Record<MigState, number> = { queued: 0, unmapped: 0, done: 0, failed: 0 };
  for (const x of m.folios) out[x.state]++;
  return out;
}

const STAGE: Readonly<Record<string, string>> = {
  unmap: 'migrate_folio_unmap (try_to_migrate)', flush: 'try_to_unmap_flush (one batched flush)', move: 'migrate_folio_move (copy, remove_migration_ptes)',
};

/** One line on a migrate_pages call: target node, mode, pass, stage. */
export function migrationLine(m: MigrationView): string {
  return `migrate_pages (${m.reason}) to node ${m.node} · MIGRATE_${m.mode.toUpperCase()} pass ${m.pass} · ${STAGE[m.stage] ?? m.stage}`;
}

/** The counts of a migrate_pages call as words: "64 folios: 12 unmapped, 3 moved, 49 queued". */
export function migrationSummary(m: MigrationView): string {
  const c = migrationCounts(m);
  const parts = [c.unmapped && `${c.unmapped} unmapped (migration entries)`, c.done && `${c.done} moved`, c.queued && `${c.queued} queued`, c.failed && `${c.failed} failed`].filter(Boolean);
  return `${m.folios.length} folio${m.folios.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** One line on a reclaim pass: "shrink_folio_list: folio 5 → swap slot 1 (isolated)". */
export function reclaimLine(r: ReclaimView): string {
  const shown = r.folios.slice(0, 4).map((x) => `folio ${x.pfn} → swap slot ${x.slot} (${x.state})`);
  const more = r.folios.length > shown.length ? ` … and ${r.folios.length - shown.length} more` : '';
  return `shrink_folio_list: ${shown.join(', ')}${more}`;
}

/** What migration or reclaim is doing with the folio at `pfn`, if anything. */
export function folioFate(f: Frame, pfn: number): string | null {
  for (const m of f.migrations) {
    const x = m.folios.find((y) => y.src === pfn || y.dst === pfn);
    if (!x) continue;
    const to = x.dst === null ? `node ${m.node}` : `pfn ${x.dst}`;
    return x.src === pfn ? `migrate_pages: moving to ${to} (${x.state})` : `migrate_pages: the new copy of pfn ${x.src} (${x.state})`;
  }
  for (const r of f.reclaims) {
    const x = r.folios.find((y) => y.pfn === pfn);
    if (x) return `shrink_folio_list: swap slot ${x.slot} (${x.state})`;
  }
  return null;
}
