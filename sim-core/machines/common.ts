// Shared xstate setup: every machine uses the same engine-interpreted actions and plain string events.
import { setup } from 'xstate';

/**
 * The actions a transition may emit. Their implementations are empty on purpose: machines are
 * advanced with the pure transition function and the engine interprets the returned actions.
 */
export const machineSetup = setup({
  types: {} as { events: { type: string } },
  actions: {
    /** Start a child machine (its kind and data come from the step's payload); wait for CHILD_DONE. */
    spawn: () => undefined,
    /** Send flush IPIs to the target CPUs. */
    sendIpis: () => undefined,
    /** Acknowledge an IPI to its initiator (csd unlock). */
    ack: () => undefined,
    /** Wake blocked actors. */
    wake: () => undefined,
    /** Start a task (a fork child) on its CPU. */
    startTask: () => undefined,
  },
});

/** Builds a set of state names. */
export const states = (...names: string[]): ReadonlySet<string> => new Set(names);
