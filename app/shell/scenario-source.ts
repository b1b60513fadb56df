// From a link's scenario reference (a built-in id, or a custom scenario's encoded text) to what the
// worker runs, or the message a person sees when the link is wrong. Shared by player, compare, plot.
import { decodeScenarioData } from '../../sim-core/url';
import { galleryEntryById } from '../gallery/meta';
import type { ScenarioSource } from '../worker/protocol';
import type { Failure } from './ErrorPanel';

/** A scenario as a link names it. */
export type LinkedScenario = { readonly kind: 'builtin'; readonly id: string } | { readonly kind: 'custom'; readonly data: string };

/** Resolves a linked scenario: a built-in must exist, custom data must decode. */
export async function resolveSource(ref: LinkedScenario): Promise<ScenarioSource | Failure> {
  if (ref.kind === 'builtin') {
    if (galleryEntryById(ref.id)) return { kind: 'builtin', id: ref.id };
    return { title: 'Unknown scenario', message: `There is no built-in scenario '${ref.id}'. The link may be mistyped, or the scenario renamed.`, problems: [] };
  }
  const text = await decodeScenarioData(ref.data);
  return text.ok ? { kind: 'custom', text: text.value } : { title: 'This link is broken', message: text.error.message, problems: [] };
}
