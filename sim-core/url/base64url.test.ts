import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from './base64url';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('base64url', () => {
  it('round-trips every length of input from 0 to 40 bytes', () => {
    for (let n = 0; n <= 40; n++) {
      const input = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const back = fromBase64url(toBase64url(input));
      expect(back.ok && [...back.value]).toEqual([...input]);
    }
  });

  it('uses the URL-safe alphabet and no padding', () => {
    expect(toBase64url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(toBase64url(bytes(0xff))).toBe('_w');
  });

  it('agrees with the platform base64url encoder', () => {
    const input = new TextEncoder().encode('{"v":1,"id":"first-touch"} — µ');
    expect(toBase64url(input)).toBe(Buffer.from(input).toString('base64url'));
  });

  it('tolerates trailing padding', () => {
    const r = fromBase64url('_w==');
    expect(r.ok && [...r.value]).toEqual([0xff]);
  });

  it('names the first character outside the alphabet and its position', () => {
    const r = fromBase64url('abc!def');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'bad-base64', message: expect.stringContaining("character '!' at position 4") as unknown });
  });

  it('explains that + and / belong to standard base64', () => {
    const r = fromBase64url('ab+d');
    expect(!r.ok && r.error.message).toContain("links use '-' and '_'");
  });

  it('refuses a length that cannot encode whole bytes', () => {
    const r = fromBase64url('abcde');
    expect(!r.ok && r.error.message).toContain('cannot encode whole bytes');
  });

  it('refuses a last character with stray low bits', () => {
    expect(fromBase64url('_w').ok).toBe(true);
    const r = fromBase64url('_x');
    expect(!r.ok && r.error.code).toBe('bad-base64');
  });

  it('shows non-ASCII characters as code points', () => {
    const r = fromBase64url('abé');
    expect(!r.ok && r.error.message).toContain('U+00E9');
  });
});
