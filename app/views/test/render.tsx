// Renders a view to static HTML against a real frame. zustand's useSyncExternalStore reads the
// store's *initial* state during server rendering, so the test state is written into that object.
import type { ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Frame } from '../../sim/frame';
import { machineGraphs } from '../../sim/graphs';
import { type SimStore, useSimStore } from '../../store/sim-store';

/** Renders `View` with `frame` in the store, plus any other store fields given. */
export function renderView(View: ComponentType, frame: Frame | null, extra: Partial<SimStore> & Record<string, unknown> = {}): string {
  const state = { frame, graphs: machineGraphs(), selection: null, hover: null, ...extra };
  Object.assign(useSimStore.getInitialState(), state);
  useSimStore.setState(state);
  return renderToStaticMarkup(<View />);
}

/** The text of some HTML, tags removed and whitespace collapsed. */
export function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
