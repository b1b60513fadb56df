import { describe, expect, it } from 'vitest';
import { Recording } from '../../sim-core/engine/recording';
import { builtins } from '../../sim-core/scenarios/library';
import { buildFrame } from './build-frame';
import type { Frame } from './frame';

function frames(id: string): Frame[] {
  const program = builtins().get(id);
  if (!program) throw new Error(`no scenario ${id}`);
  const rec = Recording.record(program);
  const out: Frame[] = [];
  for (let n = 1; n <= rec.length; n++) {
    const { record, after } = rec.stepAt(n - 1);
    out.push(buildFrame(after, rec.length, record));
  }
  return out;
}

describe('the frame of an rmap walk', () => {
  it('shows swap-out walking one anon_vma to the VMAs of both processes after fork', () => {
    const walk = frames('swap-after-fork').flatMap((f) => f.rmapWalks).find((w) => w.purpose === 'try_to_unmap' && w.targets.length > 0);
    expect(walk).toBeDefined();
    expect(walk?.targets).toHaveLength(2);
    expect(new Set(walk?.targets.map((t) => t.mm)).size).toBe(2);
    expect(walk?.anonVma).not.toBeNull();
    expect(walk?.batch).toBe(true);
  });

  it('advances its index one VMA at a time, and the finished walk leaves the frame', () => {
    const all = frames('swap-after-fork');
    const seen = all.flatMap((f) => f.rmapWalks.filter((w) => w.purpose === 'try_to_unmap').map((w) => w.index));
    expect(new Set(seen)).toEqual(new Set([0, 1]));
    expect(all.at(-1)?.rmapWalks).toEqual([]);
  });

  it('shows a migration folio moving from queued to done with its new frame', () => {
    const states = frames('numa-migration-wait').flatMap((f) => f.migrations.flatMap((m) => m.folios));
    expect(states.some((f) => f.state === 'queued')).toBe(true);
    const done = states.find((f) => f.state === 'done');
    expect(done?.dst).not.toBeNull();
    expect(done?.dst).not.toBe(done?.src);
  });

  it('shows remove_migration_ptes walking from the new folio to entries that name the old one', () => {
    const walk = frames('numa-migration-wait').flatMap((f) => f.rmapWalks).find((w) => w.purpose === 'remove_migration_ptes');
    expect(walk).toBeDefined();
    expect(walk?.folio).not.toBe(walk?.src);
  });
});
