// Places the views around the timeline. The views read the store themselves; each sits in its own
// slot and error boundary so one failing view leaves the others usable.
import type { ComponentType } from 'react';
import { AddressSpaceView, CountersPanel, CpuView, MachinesView, MemoryView, NarrationPanel, PageTableView, RmapView } from '../views';
import { ErrorBoundary } from '../shell/ErrorBoundary';

const SLOTS: readonly { readonly area: string; readonly label: string; readonly View: ComponentType }[] = [
  { area: 'narration', label: 'Narration', View: NarrationPanel },
  { area: 'address', label: 'Address space', View: AddressSpaceView },
  { area: 'pagetable', label: 'Page tables', View: PageTableView },
  { area: 'memory', label: 'Physical memory', View: MemoryView },
  { area: 'cpus', label: 'CPUs and TLBs', View: CpuView },
  { area: 'rmap', label: 'Reverse map', View: RmapView },
  { area: 'machines', label: 'Machines', View: MachinesView },
  { area: 'counters', label: 'Counters', View: CountersPanel },
];

// `?bare` before the hash leaves the slots empty: the benchmark uses it to tell the shell's own
// cost (worker, transport, timeline) from the views' rendering.
const bare = new URLSearchParams(location.search).has('bare');

/** The grid of views. */
export function PlayerLayout() {
  return (
    <main className="views" aria-label="Views">
      {SLOTS.map(({ area, label, View }) => (
        <div key={area} className={`slot slot-${area}`} data-slot={area}>
          {!bare && <ErrorBoundary label={label}><View /></ErrorBoundary>}
        </div>
      ))}
    </main>
  );
}
