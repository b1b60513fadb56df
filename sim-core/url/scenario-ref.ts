// Which scenario a compare or plot link is about: a built-in by id (`<id>`) or a custom scenario
// carried in the link (`c/<data>`, the same deflate-raw + base64url data as #/c/). Ids never contain
// a slash, so the two cannot be confused.
import { fail, type LinkResult, ok } from './errors';
import { clip } from './query';
import { ID } from './route';

/** A scenario as a compare or plot link names it. */
export type ScenarioRef =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'custom'; readonly data: string };

/** Reads the part of a path after `#/<page>/` (`page` is named in messages). */
export function parseScenarioRef(rest: string, page: string): LinkResult<ScenarioRef> {
  if (rest === '') return fail('bad-id', `The link names no scenario after "#/${page}/".`);
  if (rest.startsWith('c/')) {
    const data = rest.slice(2);
    if (data === '') return fail('empty-data', `The link carries no scenario data after "#/${page}/c/".`);
    return ok({ kind: 'custom', data });
  }
  if (!ID.test(rest)) return fail('bad-id', `'${clip(rest, 60)}' is not a scenario id (lower-case letters, digits and dashes).`);
  return ok({ kind: 'builtin', id: rest });
}

/** The path segment of a scenario reference: `<id>` or `c/<data>`. */
export function formatScenarioRef(ref: ScenarioRef): string {
  switch (ref.kind) {
    case 'builtin': return ref.id;
    case 'custom': return `c/${ref.data}`;
  }
}
