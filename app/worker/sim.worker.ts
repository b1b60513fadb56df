// The simulation worker's entry: the engine runs here so recording, replay and sweeps never block
// the UI. Player messages (protocol.ts) go to the Host, sweep messages (sweep-protocol.ts) to the
// SweepHost; a page uses a worker for one or the other.
import { Host } from './host';
import type { FromWorker, ToWorker } from './protocol';
import { SweepHost } from './sweep';
import type { SweepFromWorker, SweepToWorker } from './sweep-protocol';

// The app is type-checked with the DOM library, so name the few worker-scope members used here.
const scope = self as unknown as {
  postMessage(m: FromWorker | SweepFromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker | SweepToWorker>) => void) | null;
};

const host = new Host((m, transfer) => scope.postMessage(m, transfer), () => performance.now());
const sweeps = new SweepHost((m) => scope.postMessage(m));

scope.onmessage = (e) => {
  const m = e.data;
  switch (m.type) {
    case 'load':
    case 'seek':
      host.handle(m);
      return;
    case 'describe':
    case 'sweep':
      sweeps.handle(m);
      return;
  }
};
