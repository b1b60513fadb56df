// The statecharts of every machine, as plain data for the machines view (sent once by the worker).
import { MACHINES } from '../../sim-core/machines';

/** One state of a machine's chart. */
export interface StateGraphNode {
  readonly name: string;
  readonly description: string;
  readonly final: boolean;
  readonly waiting: boolean;
  readonly transitions: readonly { readonly event: string; readonly target: string; readonly actions: readonly string[] }[];
}

/** A machine's chart. */
export interface MachineGraph { readonly kind: string; readonly initial: string; readonly states: readonly StateGraphNode[] }

/** Charts of all machines, keyed by kind. */
export function machineGraphs(): Record<string, MachineGraph> {
  const out: Record<string, MachineGraph> = {};
  for (const [kind, def] of MACHINES) {
    const root = def.machine.root;
    const states = Object.entries(root.states).map(([name, node]) => ({
      name,
      description: node.description ?? '',
      final: node.type === 'final',
      waiting: def.waiting.has(name),
      transitions: [...node.transitions.entries()].flatMap(([event, ts]) => ts.map((t) => ({
        event,
        target: t.target?.[0]?.key ?? name,
        actions: t.actions.map((a) => (typeof a === 'string' ? a : typeof a === 'object' && a && 'type' in a ? String((a as { type: unknown }).type) : 'action')),
      }))),
    }));
    out[kind] = { kind, initial: String(root.initial?.target?.[0]?.key ?? states[0]?.name ?? ''), states };
  }
  return out;
}
