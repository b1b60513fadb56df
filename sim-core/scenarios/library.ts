// Looking up built-in scenarios by id: compiled once with their defaults, or on demand with
// parameters.
import { BUILTIN_SCENARIOS } from './builtin';
import type { ParamOverrides } from './params';
import { parseScenario } from './parse';
import type { Program } from './program';

let cache: Map<string, Program> | null = null;
let docs: Map<string, unknown> | null = null;

/** Every built-in scenario, compiled with its defaults; a broken built-in is a build error, so this throws. */
export function builtins(): ReadonlyMap<string, Program> {
  if (!cache) {
    cache = new Map();
    docs = new Map();
    for (const raw of BUILTIN_SCENARIOS) {
      const p = parseScenario(raw);
      cache.set(p.scenario.id, p);
      docs.set(p.scenario.id, raw);
    }
  }
  return cache;
}

/** A built-in by id, with its default parameters. */
export const builtin = (id: string): Program | undefined => builtins().get(id);

/** A built-in by id compiled with `params` (undefined for an unknown id); throws ParamError for bad values. */
export function compileBuiltin(id: string, params: ParamOverrides = {}): Program | undefined {
  const p = builtin(id);
  const given = params instanceof Map ? params.size : Object.keys(params).length;
  if (!p || given === 0) return p;
  return parseScenario(docs?.get(id), params);
}
