// One process's address space: the mm's header (select it; cpumask, tlb_gen, RSS, page tables),
// then its VMAs in address order as in /proc/PID/maps, with the unmapped holes between them.
import { memo, useMemo, useState } from 'react';
import type { MmView, VmaView } from '../../sim/frame';
import { hex, pagesLabel, PAGE_SIZE } from '../lib/geometry';
import { BAND_WINDOW, bandWindow, touchedBand } from './band-window';
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
  const { from, to, show } = useBandWindow(bands, props.faults, props.changed);
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
      {from > 0 && <MoreBands count={from} first={bands[0]} last={bands[from - 1]} where="above" onShow={() => show(from - 1 - BAND_WINDOW / 2)} />}
      {bands.slice(from, to).map((b, k) => {
        const i = from + k;
        const prev = bands[i - 1];
        const hole = prev ? (b.vma.start - prev.vma.end) / PAGE_SIZE : 0;
        return (
          <div key={b.vma.id}>
            {hole > 0 && <div className="mv-hole">unmapped hole: {pagesLabel(hole)}</div>}
            <VmaBand band={b} mm={mm.id} labels={props.labels} prefix={props.prefix} sel={sel} hov={hov} faults={props.faults} changed={props.changed} />
          </div>
        );
      })}
      {to < bands.length && <MoreBands count={bands.length - to} first={bands[to]} last={bands[bands.length - 1]} where="below" onShow={() => show(to + BAND_WINDOW / 2)} />}
    </div>
  );
});

// The VMAs a large process does not draw, summed up, with a button that moves the window there.
function MoreBands(props: { readonly count: number; readonly first: Band | undefined; readonly last: Band | undefined; readonly where: 'above' | 'below'; readonly onShow: () => void }) {
  const { count, first, last } = props;
  const span = first && last ? ` [${hex(first.vma.start)}, ${hex(last.vma.end)})` : '';
  return (
    <div className="mv-hole mv-more-bands">
      {count.toLocaleString('en-US')} more VMA{count === 1 ? '' : 's'} {props.where}{span}, not drawn{' '}
      <button type="button" className="mv-btn" onClick={props.onShow}>show {props.where === 'above' ? 'earlier' : 'later'} VMAs</button>
    </div>
  );
}

const NO_VMAS: readonly VmaView[] = [];

// The window of bands an mm draws: it follows what each step touches, or where a button moved it
// (state derived from the previous render's VMAs and marks, updated while rendering as React allows).
function useBandWindow(bands: readonly Band[], faults: ReadonlySet<number>, changed: ReadonlySet<number>) {
  // A process small enough to draw whole needs no state: no second render per frame for it.
  const big = bands.length > BAND_WINDOW;
  const vmas = useMemo(() => (big ? bands.map((b) => b.vma) : NO_VMAS), [bands, big]);
  const [st, setSt] = useState({ vmas, faults, changed, anchor: 0 });
  if (big && (st.vmas !== vmas || st.faults !== faults || st.changed !== changed)) {
    const touched = touchedBand(st.vmas, vmas, [...faults, ...changed]);
    setSt({ vmas, faults, changed, anchor: touched >= 0 ? touched : st.anchor });
  }
  const [from, to] = bandWindow(bands.length, st.anchor);
  const show = (at: number) => setSt((x) => ({ ...x, anchor: Math.max(0, Math.min(bands.length - 1, at)) }));
  return { from, to, show };
}
