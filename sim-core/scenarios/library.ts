// Looking up built-in scenarios by id, compiled once.
import { BUILTIN_SCENARIOS } from './builtin';
import { parseScenario } from './parse';
import type { Program } from './program';

let cache: Map<string, Program> | null = null;

/** Every built-in scenario, compiled; a broken built-in is a build error, so this throws. */
export function builtins(): ReadonlyMap<string, Program> {
  if (!cache) {
    cache = new Map();
    for (const raw of BUILTIN_SCENARIOS) {
      const p = parseScenario(raw);
      cache.set(p.scenario.id, p);
    }
  }
  return cache;
}

/** A built-in by id. */
export const builtin = (id: string): Program | undefined => builtins().get(id);
