// Places the views around the timeline. The views read the store themselves; each sits in its own
// slot and error boundary so one failing view leaves the others usable. The userfaultfd view gets a
// slot only in runs that create a userfaultfd context; other runs keep their grid unchanged.
import type { ComponentType } from 'react';
import { AddressSpaceView, CountersPanel, CpuView, MachinesView, MemoryView, NarrationPanel, PageTableView, RmapView, UffdView } from '../views';
import { useRunHasUffd } from '../views/uffd/presence';
import { ErrorBoundary } from '../shell/ErrorBoundary';

type Slot = { readonly area: string; readonly label: string; readonly View: ComponentType; readonly uffd?: true };

const SLOTS: readonly Slot[] = [
  { area: 'narration', label: 'Narration', View: NarrationPanel },
  { area: 'address', label: 'Address space', View: AddressSpaceView },
  { area: 'uffd', label: 'userfaultfd', View: UffdView, uffd: true },
  { area: 'pagetable', label: 'Page tables', View: PageTableView },
  { area: 'memory', label: 'Physical memory', View: MemoryView },
  { area: 'cpus', label: 'CPUs and TLBs', View: CpuView },
  { area: 'rmap', label: 'Reverse map', View: RmapView },
  { area: 'machines', label: 'Machines', View: MachinesView },
  { area: 'counters', label: 'Counters', View: CountersPanel },
];

// `?bare` before the hash leaves the slots empty, and `?views=a,b` fills only the named slots: the
// benchmark uses them to tell the shell's own cost (worker, transport, timeline) from each view's.
const query = new URLSearchParams(location.search);
const only = query.has('bare') ? new Set<string>() : query.has('views') ? new Set(query.get('views')?.split(',')) : null;

/** The grid of views. */
export function PlayerLayout() {
  const uffd = useRunHasUffd();
  return (
    <main className={uffd ? 'views has-uffd' : 'views'} aria-label="Views">
      {SLOTS.filter((s) => uffd || !s.uffd).map(({ area, label, View }) => (
        <div key={area} className={`slot slot-${area}`} data-slot={area}>
          {(only === null || only.has(area)) && <ErrorBoundary label={label}><View /></ErrorBoundary>}
        </div>
      ))}
    </main>
  );
}
