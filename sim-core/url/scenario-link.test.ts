import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from './base64url';
import { deflateRaw } from './deflate';
import { MAX_DATA_CHARS, MAX_SCENARIO_BYTES } from './limits';
import { decodeScenarioData, encodeScenarioText } from './scenario-link';

const scenario = JSON.stringify({ v: 1, id: 'x', title: 'Ünïcode ✓', summary: 's', machine: { cpus: 1 }, tasks: [] });

async function encoded(text: string): Promise<string> {
  const r = await encodeScenarioText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('scenario links', () => {
  it('round-trip scenario text exactly, including non-ASCII characters', async () => {
    const back = await decodeScenarioData(await encoded(scenario));
    expect(back).toEqual({ ok: true, value: scenario });
  });

  it('compress repetitive scenarios well below their size', async () => {
    const big = JSON.stringify({ ops: Array.from({ length: 500 }, (_, i) => ({ op: 'write', addr: `buf[${i}]` })) });
    expect((await encoded(big)).length).toBeLessThan(big.length / 4);
  });

  it('report empty data', async () => {
    expect(await decodeScenarioData('')).toMatchObject({ ok: false, error: { code: 'empty-data' } });
  });

  it('report bad base64 before trying to decompress', async () => {
    expect(await decodeScenarioData('abc$def')).toMatchObject({ ok: false, error: { code: 'bad-base64' } });
  });

  it('report a stream cut short as truncated', async () => {
    const full = await encoded(JSON.stringify({ text: 'x'.repeat(2000), n: [1, 2, 3, 4, 5, 6, 7, 8, 9] }));
    const bytes = fromBase64url(full);
    if (!bytes.ok) throw new Error('bad fixture');
    const cut = toBase64url(bytes.value.slice(0, Math.floor(bytes.value.length / 2)));
    const r = await decodeScenarioData(cut);
    expect(r).toMatchObject({ ok: false, error: { code: 'truncated', message: expect.stringContaining('truncated') as unknown } });
  });

  it('report bytes that are not deflate data as damaged', async () => {
    const r = await decodeScenarioData(toBase64url(new Uint8Array([0xff, 0xff, 0x03, 0x04, 0x05])));
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
  });

  it('refuse links longer than the data limit without decoding them', async () => {
    const r = await decodeScenarioData('A'.repeat(MAX_DATA_CHARS + 1));
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining('too long') as unknown } });
  });

  it('stop inflating a small link that expands past the cap', async () => {
    const bomb = await deflateRaw(new Uint8Array(MAX_SCENARIO_BYTES * 4).fill(32));
    const data = toBase64url(bomb);
    expect(data.length).toBeLessThan(5000);
    expect(await decodeScenarioData(data)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('refuse to encode scenarios larger than the cap', async () => {
    const r = await encodeScenarioText(' '.repeat(MAX_SCENARIO_BYTES + 1));
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('report decompressed bytes that are not UTF-8', async () => {
    const data = toBase64url(await deflateRaw(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1])));
    expect(await decodeScenarioData(data)).toMatchObject({ ok: false, error: { code: 'not-text' } });
  });
});
