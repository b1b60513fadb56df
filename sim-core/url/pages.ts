// Every page a link can open: the gallery and run links (route.ts), comparisons (compare-route.ts)
// and plots (plot-route.ts). The app routes on this; the player keeps using route.ts for its own runs.
import { type CompareRoute, formatCompare, parseCompare } from './compare-route';
import type { LinkResult } from './errors';
import { formatPlot, parsePlot, type PlotRoute } from './plot-route';
import { formatHash, parseHash, type Route } from './route';

/** A page of the app. */
export type Page = Route | CompareRoute | PlotRoute;

/** Parses `location.hash` into a page, or says what is wrong with the link. */
export function parsePage(hash: string): LinkResult<Page> {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const query = q < 0 ? '' : text.slice(q + 1);
  const m = /^\/(cmp|plot)(?:\/(.*))?$/.exec(path);
  if (!m) return parseHash(hash);
  const rest = m[2] ?? '';
  return m[1] === 'cmp' ? parseCompare(rest, query) : parsePlot(rest, query);
}

/** Formats a page as a hash. */
export function formatPage(p: Page): string {
  switch (p.kind) {
    case 'gallery':
    case 'builtin':
    case 'custom':
      return formatHash(p);
    case 'compare': return formatCompare(p);
    case 'plot': return formatPlot(p);
  }
}
