// The simulation state: the world plus the actors running in it and the run's bookkeeping.
import type { ActorId, TaskId } from '../model/ids';
import { cloneWorld, type World } from '../model/world';
import type { Actor, OpResult } from './types';

/** One result of a task's op, as the CLI prints it. */
export interface TaskResult extends OpResult {
  readonly task: string;
  readonly index: number;
  readonly op: string;
  /** The step at which it completed. */
  readonly step: number;
}

/** An invariant that broke, at the step where it first did. */
export interface Violation { readonly step: number; readonly message: string }

/** Everything that changes during a run. Cloned whole for checkpoints. */
export interface SimState {
  world: World;
  actors: Map<ActorId, Actor>;
  nextActor: number;
  /** Each task's root actor while it is alive. */
  taskActors: (ActorId | null)[];
  opsDone: number[];
  results: TaskResult[];
  resultCount: number[];
  violations: Violation[];
  step: number;
  /** A scenario error found while running (e.g. a region used before its mmap returned). */
  halted: string | null;
}

/** Copies a state for a checkpoint: actors are shallow (snapshots and data are immutable). */
export function cloneState(s: SimState): SimState {
  const actors = new Map<ActorId, Actor>();
  for (const [k, a] of s.actors) actors.set(k, { ...a, inbox: a.inbox.slice() });
  return {
    world: cloneWorld(s.world), actors, nextActor: s.nextActor, taskActors: s.taskActors.slice(), opsDone: s.opsDone.slice(),
    results: s.results.slice(), resultCount: s.resultCount.slice(), violations: s.violations.slice(), step: s.step, halted: s.halted,
  };
}

/** The root actor of a task, if alive. */
export function taskActorOf(s: SimState, t: TaskId): Actor | undefined {
  const id = s.taskActors[t];
  return id == null ? undefined : s.actors.get(id);
}
