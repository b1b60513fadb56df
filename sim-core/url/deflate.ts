// deflate-raw through the platform's CompressionStream (Node 20 and browsers alike). Inflation stops
// as soon as the output passes a cap, so a tiny "zip bomb" link cannot exhaust the tab's memory.

/** Why inflation failed. */
export type InflateFailure = 'truncated' | 'corrupt' | 'too-large';

/** The outcome of inflating untrusted data. */
export type Inflated = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: InflateFailure; readonly detail: string };

function feed(writable: WritableStream<ArrayBufferView<ArrayBuffer> | ArrayBuffer>, bytes: Uint8Array<ArrayBuffer>): void {
  const w = writable.getWriter();
  // Errors surface on the readable side; these promises only need a handler so none goes unhandled.
  w.write(bytes).catch(() => undefined);
  w.close().catch(() => undefined);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Compresses bytes with raw deflate (no zlib header), as links carry them. */
export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  feed(cs.writable, bytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = cs.readable.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    chunks.push(r.value);
    size += r.value.length;
  }
  return concat(chunks, size);
}

// Engines word this differently: zlib says "unexpected end of file", Chromium "input was truncated".
const TRUNCATED = /truncat|unexpected end|end of (file|stream|input)/i;

/** Inflates raw deflate data, refusing to produce more than `cap` bytes. */
export async function inflateRaw(bytes: Uint8Array<ArrayBuffer>, cap: number): Promise<Inflated> {
  const ds = new DecompressionStream('deflate-raw');
  feed(ds.writable, bytes);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.length;
      if (size > cap) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large', detail: `more than ${cap} bytes` };
      }
      chunks.push(r.value);
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: TRUNCATED.test(detail) ? 'truncated' : 'corrupt', detail };
  }
  return { ok: true, bytes: concat(chunks, size) };
}
