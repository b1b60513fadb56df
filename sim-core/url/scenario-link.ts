// A custom scenario in a link: its JSON text, deflate-raw compressed, base64url encoded. Decoding
// checks each layer in turn so the message names the layer that is broken.
import { fromBase64url, toBase64url } from './base64url';
import { deflateRaw, inflateRaw } from './deflate';
import { count, fail, type LinkResult, ok } from './errors';
import { MAX_DATA_CHARS, MAX_SCENARIO_BYTES } from './limits';

const KIB = (n: number): string => `${count(Math.ceil(n / 1024))} KiB`;

/** Packs scenario text for a link, or refuses text too large to share. */
export async function encodeScenarioText(text: string): Promise<LinkResult<string>> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_SCENARIO_BYTES) {
    return fail('too-large', `The scenario is ${KIB(bytes.length)}; links carry scenarios up to ${KIB(MAX_SCENARIO_BYTES)}.`);
  }
  return ok(toBase64url(await deflateRaw(bytes)));
}

/** Unpacks the scenario text a link carries, or explains what is wrong with it. */
export async function decodeScenarioData(data: string): Promise<LinkResult<string>> {
  if (data.length === 0) return fail('empty-data', 'The link carries no scenario data after "#/c/".');
  if (data.length > MAX_DATA_CHARS) {
    return fail('too-large', `The link is too long: its scenario data has ${count(data.length)} characters; the limit is ${count(MAX_DATA_CHARS)}.`);
  }
  const raw = fromBase64url(data);
  if (!raw.ok) return raw;
  const inflated = await inflateRaw(raw.value, MAX_SCENARIO_BYTES);
  if (!inflated.ok) {
    switch (inflated.reason) {
      case 'truncated':
        return fail('truncated', 'The scenario data is truncated: the compressed stream ends early (was the link cut off when it was copied?).');
      case 'corrupt':
        return fail('corrupt', `The scenario data is damaged: it is not a deflate-raw stream (${inflated.detail}).`);
      case 'too-large':
        return fail('too-large', `The scenario in this link is larger than ${KIB(MAX_SCENARIO_BYTES)} once decompressed, the most a link may carry.`);
    }
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return fail('not-text', 'The scenario data decompresses to bytes that are not UTF-8 text.');
  }
}
