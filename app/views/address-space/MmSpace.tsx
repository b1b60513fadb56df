// One process's address space: the mm's header (select it; cpumask, tlb_gen, RSS, page tables),
// then its VMAs in address order as in /proc/PID/maps, with the unmapped holes between them.
import { memo } from 'react';
import type { MmView } from '../../sim/frame';
import { pagesLabel, PAGE_SIZE } from '../lib/geometry';
import type { Lit } from '../lib/highlight';
import { useSelectable } from '../lib/interact';
import { mmKey } from '../lib/keys';
import { type Band, VmaBand } from './VmaBand';

/** An mm and the bands of its VMAs. */
export interface MmBands { readonly mm: MmView; readonly bands: readonly Band[] }

/** The non-zero RSS counters of an mm ("anon 2, swap 1"), or "0". */
export function rssLabel(mm: MmView): string {
  const r = mm.rss;
  const parts = [['anon', r.anon], ['file', r.file], ['shmem', r.shmem], ['swap', r.swapents]].filter(([, n]) => n !== 0).map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : '0';
}

/** Summary chips of an mm. */
export function MmChips(props: { readonly mm: MmView }) {
  const { mm } = props;
  const mask = mm.cpumask.length ? mm.cpumask.map((c) => `CPU${c}`).join(', ') : 'empty';
  return (
    <>
      <span className="mv-chip" title="CPUs that may hold TLB entries of this mm">mm_cpumask: {mask}</span>
      <span className="mv-chip" title="mm->context.tlb_gen">tlb_gen {mm.tlbGen}</span>
      {mm.flushPending > 0 && <span className="mv-chip warn">flush pending ({mm.flushPending})</span>}
      <span className="mv-chip" title="RSS counters MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES, MM_SWAPENTS (zero ones omitted)">RSS {rssLabel(mm)}</span>
      <span className="mv-chip" title="mm->pgtables_bytes / PAGE_SIZE">{mm.pgtables} page tables</span>
      {mm.hasPinned && <span className="mv-chip warn">MMF_HAS_PINNED</span>}
    </>
  );
}

type Props = {
  readonly m: MmBands; readonly labels: boolean; readonly prefix: string; readonly sel: Lit | null; readonly hov: Lit | null;
  readonly faults: ReadonlySet<number>; readonly changed: ReadonlySet<number>;
};

/** An mm with its VMAs (memoised: its props keep their identity while they read the same). */
export const MmSpace = memo(function MmSpace(props: Props) {
  const { m: { mm, bands }, sel, hov } = props;
  const selectable = useSelectable();
  const key = mmKey(mm.id);
  const lit = sel?.key === key ? 'is-sel' : hov?.key === key ? 'is-hov' : '';
  return (
    <div className="mv-mm">
      <div className="mv-mm-head">
        <h3><span className={`mv-btn ${lit}`} {...selectable(key, `mm ${mm.id}, process ${mm.process}`, sel?.key === key)}>mm {mm.id} · {mm.process}</span></h3>
        <MmChips mm={mm} />
      </div>
      {bands.length === 0 && <p className="mv-muted">No VMAs: nothing is mapped yet.</p>}
      {bands.map((b, i) => {
        const prev = bands[i - 1];
        const hole = prev ? (b.vma.start - prev.vma.end) / PAGE_SIZE : 0;
        return (
          <div key={b.vma.id}>
            {hole > 0 && <div className="mv-hole">unmapped hole: {pagesLabel(hole)}</div>}
            <VmaBand band={b} mm={mm.id} labels={props.labels} prefix={props.prefix} sel={sel} hov={hov} faults={props.faults} changed={props.changed} />
          </div>
        );
      })}
    </div>
  );
});
