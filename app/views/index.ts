// The views of the player. Each reads the store through hooks (app/store/hooks.ts) and draws one
// aspect of the current frame. (Owned by the views work; the player shell only places them.)
export { Placeholder as AddressSpaceView, Placeholder as PageTableView, Placeholder as MemoryView } from './placeholder';
export { Placeholder as CpuView, Placeholder as MachinesView, Placeholder as NarrationPanel, Placeholder as CountersPanel } from './placeholder';
