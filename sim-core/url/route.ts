// The hash routes of the app (DESIGN.md "Share links"):
//   #/                      the gallery
//   #/s/<id>?step=N&p=&c=   a built-in scenario
//   #/c/<data>?step=N&p=&c= a custom scenario carried in the link (scenario-link.ts)
import { fail, type LinkResult, ok } from './errors';
import { EMPTY_QUERY, formatQuery, parseQuery, type RunQuery } from './query';

/** A page of the app, as a link names it. */
export type Route =
  | { readonly kind: 'gallery' }
  | ({ readonly kind: 'builtin'; readonly id: string } & RunQuery)
  | ({ readonly kind: 'custom'; readonly data: string } & RunQuery);

/** A route that runs a scenario. */
export type RunRoute = Exclude<Route, { kind: 'gallery' }>;

/** A built-in scenario id as links spell it. */
export const ID = /^[a-z0-9][a-z0-9-]*$/;
const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Parses `location.hash` (with or without its '#') into a route, or says what is wrong with it. */
export function parseHash(hash: string): LinkResult<Route> {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const query = q < 0 ? '' : text.slice(q + 1);
  if (path === '' || path === '/') return ok({ kind: 'gallery' });
  const m = /^\/([sc])\/(.*)$/.exec(path);
  if (!m) {
    return fail('bad-route', `'#${clip(path)}' is not a page of mmscope: links start with #/s/ (a built-in scenario), #/c/ (a custom one), #/cmp/ (a comparison of two runs) or #/plot/ (a plot).`);
  }
  const rest = m[2] ?? '';
  if (m[1] === 's') {
    if (rest === '') return fail('bad-id', 'The link names no scenario after "#/s/".');
    if (!ID.test(rest)) return fail('bad-id', `'${clip(rest)}' is not a scenario id (lower-case letters, digits and dashes).`);
  }
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  return ok(m[1] === 's' ? { kind: 'builtin', id: rest, ...parsed.value } : { kind: 'custom', data: rest, ...parsed.value });
}

/** Formats a route as a hash ('#/...'); run routes always carry their step. */
export function formatHash(route: Route): string {
  switch (route.kind) {
    case 'gallery': return '#/';
    case 'builtin': return `#/s/${route.id}?${formatQuery(route)}`;
    case 'custom': return `#/c/${route.data}?${formatQuery(route)}`;
  }
}

/** A route to a built-in scenario at its start. */
export const builtinRoute = (id: string, q: Partial<RunQuery> = {}): RunRoute => ({ kind: 'builtin', id, ...EMPTY_QUERY, ...q });

/** A route to a custom scenario (already encoded) at its start. */
export const customRoute = (data: string, q: Partial<RunQuery> = {}): RunRoute => ({ kind: 'custom', data, ...EMPTY_QUERY, ...q });

/** The run of `r` with other parameter values: a different run, so it opens at its start without the old run's scheduling choices. */
export const withParams = (r: RunRoute, params: ReadonlyMap<string, string>): RunRoute => ({ ...r, params, choices: new Map(), step: 0 });

/** The identity of a run: everything but the step (two routes with the same key replay the same run). */
export function runKey(r: RunRoute): string {
  const { step: _step, ...rest } = r;
  return formatHash({ ...rest, step: 0 } as RunRoute);
}
