import { describe, expect, it } from 'vitest';
import { parseKey, pfnKey, vaddrKey } from './keys';

describe('selection keys', () => {
  it('round-trips a pfn key and a high virtual address key', () => {
    expect(parseKey(pfnKey(12))).toEqual({ kind: 'pfn', n: 12 });
    expect(vaddrKey(0x7effffa00000)).toBe('vaddr:0x7effffa00000');
    expect(parseKey(vaddrKey(0x7effffa00000))).toEqual({ kind: 'vaddr', n: 0x7effffa00000 });
  });

  it('rejects unknown kinds and malformed numbers instead of guessing', () => {
    expect(parseKey('folio:3')).toBeNull();
    expect(parseKey('pfn:x')).toBeNull();
    expect(parseKey('pfn')).toBeNull();
    expect(parseKey(null)).toBeNull();
  });
});
