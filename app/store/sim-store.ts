// The UI's state (zustand). Views subscribe with narrow selectors from hooks.ts; only the player
// controller (which talks to the worker) writes frames.
import { create } from 'zustand';
import type { Frame } from '../sim/frame';
import type { MachineGraph } from '../sim/graphs';
import type { ScenarioInfo } from '../worker/protocol';
import { shareEqual } from './share';

/** What the store holds. */
export interface SimStore {
  /** The frame on screen (the state after `frame.step` steps), or null while loading. */
  frame: Frame | null;
  /** Statecharts of all machines (sent once by the worker). */
  graphs: Record<string, MachineGraph>;
  /**
   * The selected object, shared by every view so a selection highlights it everywhere:
   * "pfn:12" (a frame/folio), "vma:3", "cpu:1", "pt:40" (a page-table page), "vaddr:<hex>", "actor:7", "mm:1".
   */
  selection: string | null;
  /** The object under the pointer (same keys), for hover highlighting. */
  hover: string | null;
  /** The scenario being shown (title, summary, kernel, source thread), or null while none is loaded. */
  scenario: ScenarioInfo | null;
  /** Shows `f`, keeping the objects of the frame on screen wherever `f` reads the same (share.ts). */
  setFrame: (f: Frame) => void;
  setGraphs: (g: Record<string, MachineGraph>) => void;
  select: (key: string | null) => void;
  setHover: (key: string | null) => void;
  setScenario: (s: ScenarioInfo | null) => void;
}

/** The store. */
export const useSimStore = create<SimStore>()((set) => ({
  frame: null,
  graphs: {},
  selection: null,
  hover: null,
  scenario: null,
  setFrame: (frame) => set((s) => ({ frame: shareEqual(s.frame, frame) })),
  setGraphs: (graphs) => set({ graphs }),
  select: (selection) => set({ selection }),
  setHover: (hover) => set({ hover }),
  setScenario: (scenario) => set({ scenario }),
}));
