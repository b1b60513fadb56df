// Builds share links in Node with the app's own codec (Node 20 has CompressionStream too).
import { readFileSync } from 'node:fs';
import { customRoute, encodeScenarioText, formatHash } from '../sim-core/url';

/** A built-in scenario's JSON document. */
export function builtinDoc(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../sim-core/scenarios/builtin/${id}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

/** The #/c/ link of a scenario document (or raw text). */
export async function customLink(doc: unknown, step?: number): Promise<string> {
  const r = await encodeScenarioText(typeof doc === 'string' ? doc : JSON.stringify(doc));
  if (!r.ok) throw new Error(r.error.message);
  return formatHash(customRoute(r.value, { step: step ?? null }));
}

/** A scenario that writes `pages` pages one by one (about ten steps per page). */
export function touchScenario(pages: number): Record<string, unknown> {
  return {
    v: 1, id: 'many-touches', title: `${pages.toLocaleString('en-US')} first touches`, summary: 'Writes every page of a large buffer once.',
    machine: { cpus: 2, nodes: 1, framesPerNode: 2 ** Math.ceil(Math.log2(pages + 512)) },
    tasks: [{ name: 'main', process: 'app', cpu: 0, ops: [
      { op: 'mmap', as: 'buf', pages, prot: 'rw' },
      { op: 'write', addr: `buf[0..${pages - 1}]`, value: 'A' },
    ] }],
  };
}
