// base64url without padding (RFC 4648 §5): the alphabet that survives URLs untouched. Decoding is
// strict and explains the first problem it finds, because a damaged link must say why it is damaged.
import { fail, type LinkResult, ok } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function badChar(text: string, i: number): LinkResult<never> {
  const c = text[i] ?? '';
  const hint = c === '+' || c === '/' ? ` ('${c}' belongs to standard base64; links use '-' and '_')` : '';
  const shown = /^[\x21-\x7e]$/.test(c) ? `'${c}'` : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return fail('bad-base64', `The scenario data is not valid base64url: character ${shown} at position ${i + 1}${hint}.`);
}

/** Decodes base64url (padding tolerated), or explains why the text is not base64url. */
export function fromBase64url(input: string): LinkResult<Uint8Array<ArrayBuffer>> {
  const text = input.replace(/={1,2}$/, '');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUE[code] === -1) return badChar(text, i);
  }
  if (text.length % 4 === 1) {
    return fail('bad-base64', `The scenario data is not valid base64url: ${text.length} characters cannot encode whole bytes (the link was probably cut short).`);
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    acc = ((acc << 6) | (VALUE[text.charCodeAt(i)] ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Canonical encodings leave the unused low bits of the last character at zero.
  if ((acc & ((1 << bits) - 1)) !== 0) {
    return fail('bad-base64', 'The scenario data is not valid base64url: its last character carries stray bits (the link was altered or cut).');
  }
  return ok(out);
}
