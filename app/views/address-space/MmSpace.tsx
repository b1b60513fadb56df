// One process's address space: the mm's header (select it; cpumask, tlb_gen, RSS, page tables),
// then its VMAs in address order as in /proc/PID/maps, with the unmapped holes between them.
import type { MmView } from '../../sim/frame';
import { pagesLabel, PAGE_SIZE } from '../lib/geometry';
import { useSelectable } from '../lib/interact';
import { mmKey } from '../lib/keys';
import { type BandContext, VmaBand } from './VmaBand';

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

/** An mm with its VMAs. */
export function MmSpace(props: { readonly mm: MmView; readonly ctx: BandContext }) {
  const { mm, ctx } = props;
  const selectable = useSelectable();
  const key = mmKey(mm.id);
  const lit = ctx.sel?.key === key ? 'is-sel' : ctx.hov?.key === key ? 'is-hov' : '';
  return (
    <div className="mv-mm">
      <div className="mv-mm-head">
        <h3><span className={`mv-btn ${lit}`} {...selectable(key, `mm ${mm.id}, process ${mm.process}`, ctx.sel?.key === key)}>mm {mm.id} · {mm.process}</span></h3>
        <MmChips mm={mm} />
      </div>
      {mm.vmas.length === 0 && <p className="mv-muted">No VMAs: nothing is mapped yet.</p>}
      {mm.vmas.map((v, i) => {
        const prev = mm.vmas[i - 1];
        const hole = prev ? (v.start - prev.end) / PAGE_SIZE : 0;
        return (
          <div key={v.id}>
            {hole > 0 && <div className="mv-hole">unmapped hole: {pagesLabel(hole)}</div>}
            <VmaBand vma={v} ctx={ctx} />
          </div>
        );
      })}
    </div>
  );
}
