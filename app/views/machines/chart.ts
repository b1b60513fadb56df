// Statechart layout for the machines view: a machine's states in layers by distance from its initial
// state (final states in a last layer of their own), the transitions out of a state, and the actors
// ordered as a tree (a task, the syscall it runs, the flush that syscall started, ...).
import type { ActorView } from '../../sim/frame';
import type { MachineGraph, StateGraphNode } from '../../sim/graphs';

/** States in layers: layer k holds the states first reachable in k transitions. */
export function layers(g: MachineGraph): StateGraphNode[][] {
  const by = new Map(g.states.map((s) => [s.name, s]));
  const depth = new Map<string, number>([[g.initial, 0]]);
  const queue = [g.initial];
  while (queue.length) {
    const name = queue.shift() as string;
    for (const t of by.get(name)?.transitions ?? []) {
      if (depth.has(t.target)) continue;
      depth.set(t.target, (depth.get(name) ?? 0) + 1);
      queue.push(t.target);
    }
  }
  const inner = g.states.filter((s) => !s.final);
  const last = Math.max(0, ...inner.map((s) => depth.get(s.name) ?? 0));
  const out: StateGraphNode[][] = [];
  // Unreachable states go after the reachable ones; final states close the chart.
  for (const s of inner) (out[depth.get(s.name) ?? last + 1] ??= []).push(s);
  const finals = g.states.filter((s) => s.final);
  const compact = out.filter((l) => l.length > 0);
  return finals.length ? [...compact, finals] : compact;
}

const LAYERS = new WeakMap<MachineGraph, StateGraphNode[][]>();

/** The layers of a chart, computed once per machine kind (graphs do not change during a run). */
export function layersOf(g: MachineGraph): StateGraphNode[][] {
  let l = LAYERS.get(g);
  if (!l) LAYERS.set(g, (l = layers(g)));
  return l;
}

/** Distinct transitions out of `state` (event → target). */
export function outgoing(g: MachineGraph, state: string): { readonly event: string; readonly target: string }[] {
  const s = g.states.find((x) => x.name === state);
  const seen = new Set<string>();
  const out: { event: string; target: string }[] = [];
  for (const t of s?.transitions ?? []) {
    const k = `${t.event}>${t.target}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ event: t.event, target: t.target });
  }
  return out;
}

/** Actors in tree order (parents before children), each with its depth. */
export function actorTree(actors: readonly ActorView[]): { readonly actor: ActorView; readonly depth: number }[] {
  const ids = new Set(actors.map((a) => a.id));
  const kids = new Map<number | null, ActorView[]>();
  for (const a of actors) {
    const p = a.parent !== null && ids.has(a.parent) ? a.parent : null;
    kids.set(p, [...(kids.get(p) ?? []), a]);
  }
  const out: { actor: ActorView; depth: number }[] = [];
  const visit = (p: number | null, depth: number) => {
    for (const a of kids.get(p) ?? []) {
      out.push({ actor: a, depth });
      visit(a.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
