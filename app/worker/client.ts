// The UI's handle on the simulation worker. The worker is its own chunk (Vite bundles it from the
// `new URL(..., import.meta.url)` pattern), so the engine never lands in the main bundle.
import type { FromWorker, ToWorker } from './protocol';
import type { SweepFromWorker, SweepToWorker } from './sweep-protocol';

/** A running simulation worker. */
export interface WorkerLink {
  send(m: ToWorker): void;
  /** Stops it at once, even mid-recording (a synchronous recording cannot read a cancel message). */
  terminate(): void;
}

let early: Worker | null = null;

const create = (): Worker => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'mmscope-sim' });

/**
 * Starts the worker ahead of need. Called at startup when the link opens a scenario, so fetching
 * and compiling the engine overlaps with loading the player's code instead of following it.
 */
export function prestartSimWorker(): void {
  early ??= create();
}

/** Starts a worker (or adopts the prestarted one); `onCrash` hears failures the worker could not report. */
export function spawnSimWorker(onMessage: (m: FromWorker) => void, onCrash: (message: string) => void): WorkerLink {
  const w = early ?? create();
  early = null;
  w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    onCrash(e.message || 'the simulator could not start');
  };
  w.onmessageerror = () => onCrash('a message from the simulator could not be read');
  return { send: (m) => w.postMessage(m), terminate: () => w.terminate() };
}

/** A worker that runs sweeps (or describes scenarios) for the plot page. */
export interface SweepLink {
  send(m: SweepToWorker): void;
  /** Stops it at once: the way to cancel a sweep. */
  terminate(): void;
}

/** Starts a fresh worker for sweeps (never the prestarted one, which the player may be about to use). */
export function spawnSweepWorker(onMessage: (m: SweepFromWorker) => void, onCrash: (message: string) => void): SweepLink {
  const w = create();
  w.onmessage = (e: MessageEvent<SweepFromWorker>) => onMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    onCrash(e.message || 'the simulator could not start');
  };
  w.onmessageerror = () => onCrash('a message from the simulator could not be read');
  return { send: (m) => w.postMessage(m), terminate: () => w.terminate() };
}
