// Builds the initial state of a run from a program: the machine, one mm per process, the tasks.
import { Plan } from '../kernel/plan';
import { MACHINES } from '../machines';
import { type ActorId, cpuId, mmId, type MmId, taskId } from '../model/ids';
import { kernelProblem, parseKernel } from '../model/kernelver';
import { newCounters } from '../model/counters';
import { cpuNode, createWorld } from '../model/world';
import type { Program } from '../scenarios/program';
import { applyPlan } from './apply';
import { Engine } from './engine';
import type { SimState } from './state';
import { XRunner } from './xrun';

/** DEFAULT_MAX_MAP_COUNT (include/linux/mm.h): USHRT_MAX - MAPCOUNT_ELF_CORE_MARGIN. */
export const DEFAULT_MAX_MAP_COUNT = 65530;
/** Frames per node when a scenario does not say. */
export const DEFAULT_FRAMES_PER_NODE = 4096;
/** Swap slots when a scenario does not say (16 MiB). */
export const DEFAULT_SWAP_PAGES = 4096;
/** TLB entries per CPU when a scenario does not say (an L1 dTLB holds 64). */
export const DEFAULT_TLB_ENTRIES = 64;

/** Options that, with the program, determine a run. */
export interface RunOptions {
  /** Person-made scheduling choices: step index → actor id. */
  readonly choices?: ReadonlyMap<number, ActorId>;
  /** Benchmark-only clock for measuring time inside xstate (sim-core never reads a clock itself). */
  readonly clock?: () => number;
}

/** The state at step 0: CPUs idle, memory free but for each process's PGD, tasks not yet scheduled. */
export function initialState(program: Program): SimState {
  const s = program.scenario;
  const kernel = parseKernel(program.kernel);
  if (!kernel) throw new Error(`kernel: ${kernelProblem(program.kernel) ?? program.kernel}`);
  const world = createWorld({
    cpus: s.machine.cpus, nodes: s.machine.nodes ?? 1, framesPerNode: s.machine.framesPerNode ?? DEFAULT_FRAMES_PER_NODE,
    tlbEntries: s.machine.tlbEntries ?? DEFAULT_TLB_ENTRIES, kernel, maxMapCount: s.sysctl?.['vm.max_map_count'] ?? DEFAULT_MAX_MAP_COUNT,
    flushCeiling: 33, swapPages: s.machine.swapPages ?? DEFAULT_SWAP_PAGES,
  });
  const plan = new Plan();
  const mms = new Map<string, MmId>();
  for (const t of program.tasks) {
    if (t.forkedBy !== null || mms.has(t.process)) continue;
    const id = mmId(plan.id(world, 'mm'));
    mms.set(t.process, id);
    plan.add({ op: 'mm_create', mm: id, process: t.process, ctxId: plan.id(world, 'ctx'), pgd: `pgd${id}`, node: cpuNode(world.cfg, t.cpu) });
  }
  for (const t of program.tasks) {
    plan.add({ op: 'task_create', task: t.id, name: t.name, process: t.process, cpu: cpuId(t.cpu), mm: mms.get(t.process) ?? null });
  }
  applyPlan(world, plan.ops);
  // The processes existed before the scenario began: their PGDs are not the run's allocations.
  world.counters = newCounters(world.cfg.cpus);
  return {
    world, actors: new Map(), nextActor: 0, taskActors: program.tasks.map(() => null), opsDone: program.tasks.map(() => 0),
    results: [], resultCount: program.tasks.map(() => 0), violations: [], step: 0, halted: null,
  };
}

/** An engine resuming from a saved state (a checkpoint clone), sharing an XRunner's memo. */
export function engineFrom(program: Program, state: SimState, xr: XRunner, choices?: ReadonlyMap<number, ActorId>): Engine {
  return new Engine(program, MACHINES, xr, state, choices);
}

/** A ready-to-step engine for a program. */
export function createEngine(program: Program, opts: RunOptions = {}): Engine {
  const e = new Engine(program, MACHINES, new XRunner(opts.clock), initialState(program), opts.choices);
  for (const t of program.tasks) if (t.forkedBy === null) e.startTask(taskId(t.id), 0);
  return e;
}
