import { describe, expect, it } from 'vitest';
import { hex } from './layout';

describe('hex', () => {
  it('writes every address exactly as toString(16) would, small or beyond 2^30', () => {
    const xs = [0, 1, 15, 255, 4096, 0x3fffffff, 0x40000000, 0x40000001, 0xffffffff, 0x100000000, 0x7effffe00000, 0x7f0000000000 - 4096, 0xffffffffffff, 2 ** 52 + 1, Number.MAX_SAFE_INTEGER];
    for (let a = 0x7effffe00000; a < 0x7effffe00000 + 300 * 4097; a += 4097) xs.push(a);
    for (const x of xs) expect(hex(x)).toBe(`0x${x.toString(16)}`);
  });

  it('falls back to toString(16) for negative and unsafe numbers', () => {
    expect(hex(-4096)).toBe('0x-1000');
    expect(hex(2 ** 60)).toBe(`0x${(2 ** 60).toString(16)}`);
  });
});
