// The simulation worker's entry: the engine runs here so recording and replay never block the UI.
import { Host } from './host';
import type { FromWorker, ToWorker } from './protocol';

// The app is type-checked with the DOM library, so name the few worker-scope members used here.
const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

const host = new Host((m, transfer) => scope.postMessage(m, transfer), () => performance.now());
scope.onmessage = (e) => host.handle(e.data);
