// Serves the built app with `vite preview` for the benchmark, and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';

/** A running preview server. */
export interface Server { readonly url: string; stop(): void }

async function waitUp(url: string, ms: number, exited: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (exited()) throw new Error(`the preview server stopped (is the port of ${url} taken?)`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

/** Starts `vite preview` on `port` (the app must be built in dist/). */
export async function startPreview(port: number): Promise<Server> {
  // Run vite's own entry with this Node, so stopping the child stops the server (no npx in between).
  const vite = new URL('../../node_modules/vite/bin/vite.js', import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  let exited = false;
  child.on('exit', () => { exited = true; });
  await waitUp(url, 20_000, () => exited);
  return { url, stop: () => child.kill('SIGTERM') };
}
