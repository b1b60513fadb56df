import { describe, expect, it } from 'vitest';
import { alignDown, entrySpan, formatBytes, hex, indexAt, levelName, pagesLabel, parseHex, vpnOf } from './geometry';

describe('geometry', () => {
  it('computes the four x86-64 indexes of a user address above 4 GiB without truncation', () => {
    const a = 0x7effffa05000;
    expect(indexAt(a, 4)).toBe(253);
    expect(indexAt(a, 3)).toBe(511);
    expect(indexAt(a, 2)).toBe(509);
    expect(indexAt(a, 1)).toBe(5);
  });

  it('gives 4 KiB PTE entries, 2 MiB PMD entries and 1 GiB PUD entries', () => {
    expect(entrySpan(1)).toBe(4096);
    expect(entrySpan(2)).toBe(2 * 1024 * 1024);
    expect(entrySpan(3)).toBe(1024 ** 3);
  });

  it('aligns high addresses down to a 2 MiB boundary', () => {
    expect(alignDown(0x7effffa05000, 2 ** 21)).toBe(0x7effffa00000);
    expect(vpnOf(0x7effffa05000)).toBe(0x7effffa05);
  });

  it('names levels as the kernel does', () => {
    expect([4, 3, 2, 1].map(levelName)).toEqual(['PGD', 'PUD', 'PMD', 'PTE']);
  });

  it('round-trips hex addresses and rejects non-hex text', () => {
    expect(parseHex(hex(0x7f0000001000))).toBe(0x7f0000001000);
    expect(parseHex('0xzz')).toBeNull();
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(4096)).toBe('4 KiB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MiB');
    expect(pagesLabel(1)).toBe('1 page (4 KiB)');
    expect(pagesLabel(1026)).toBe('1026 pages (4.01 MiB)');
  });
});
