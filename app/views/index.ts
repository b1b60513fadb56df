// The views of the player. Each reads the store through hooks (app/store/hooks.ts) and draws one
// aspect of the current frame; the player shell only places them (no props).
export { AddressSpaceView } from './address-space/AddressSpaceView';
export { PageTableView } from './page-table/PageTableView';
export { MemoryView } from './memory/MemoryView';
export { CpuView } from './cpu/CpuView';
export { MachinesView } from './machines/MachinesView';
export { NarrationPanel } from './narration/NarrationPanel';
export { CountersPanel } from './counters/CountersPanel';
export { RmapView } from './rmap/RmapView';
export { UffdView } from './uffd/UffdView';
