// The rmap walks, migrations and reclaim passes in progress, for the rmap view: which folio, which
// anon_vma, which VMAs the walk visits and how far it got. Runs in the worker; pure.
import type { Actor } from '../../sim-core/engine/types';
import { stateName } from '../../sim-core/engine/xrun';
import type { MigrateData } from '../../sim-core/machines/migrate';
import type { ReclaimData } from '../../sim-core/machines/reclaim';
import type { RmapWalkData } from '../../sim-core/machines/rmap-walk';
import { folioOf } from '../../sim-core/model/physmem';
import type { World } from '../../sim-core/model/world';
import type { MigrationView, ReclaimView, RmapWalkView } from './frame';

function walkView(w: World, a: Actor): RmapWalkView {
  const d = a.data as RmapWalkData;
  const f = folioOf(w.mem, d.purpose === 'remove_migration_ptes' ? d.folio : d.src);
  return {
    actor: a.id, purpose: d.purpose, folio: d.folio, src: d.src, anonVma: f?.anonVma ?? null, state: stateName(a.snapshot),
    targets: (d.targets ?? []).map((t) => ({ vma: t.vma, mm: t.mm, addr: t.addr })),
    index: d.index, batch: d.batch, flushing: d.flushing !== null,
  };
}

/** Every rmap_walk actor alive in the world, in actor order. */
export function rmapWalkViews(w: World, actors: readonly Actor[]): RmapWalkView[] {
  return actors.filter((a) => a.kind === 'rmap_walk').map((a) => walkView(w, a));
}

/** Every migrate_pages call in progress, with each folio's fate so far. */
export function migrationViews(actors: readonly Actor[]): MigrationView[] {
  return actors.filter((a) => a.kind === 'migrate_pages').map((a) => {
    const d = a.data as MigrateData;
    return { actor: a.id, node: d.node, mode: d.mode, pass: d.pass, stage: d.stage, reason: d.reason, folios: d.folios.map((f) => ({ src: f.src, dst: f.dst, state: f.state })) };
  });
}

/** Every reclaim pass in progress (shrink_folio_list), with each folio's fate so far. */
export function reclaimViews(actors: readonly Actor[]): ReclaimView[] {
  return actors.filter((a) => a.kind === 'reclaim').map((a) => {
    const d = a.data as ReclaimData;
    return { actor: a.id, folios: d.folios.map((f) => ({ pfn: f.pfn, slot: f.slot, state: f.state })) };
  });
}
