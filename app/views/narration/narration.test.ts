import { describe, expect, it } from 'vitest';
import { formatUs } from '../lib/format';
import { identUrl, scenarioMeta, sourceUrl } from './narration';

describe('narration helpers', () => {
  it('links a kernel function to Elixir’s identifier search for v6.18', () => {
    expect(identUrl('pmd_alloc')).toBe('https://elixir.bootlin.com/linux/v6.18/A/ident/pmd_alloc');
    expect(identUrl('TLB lookup / page walk')).toBeNull();
  });

  it('links only real source paths', () => {
    expect(sourceUrl('mm/memory.c')).toBe('https://elixir.bootlin.com/linux/v6.18/source/mm/memory.c');
    expect(sourceUrl('arch/x86 (MMU hardware)')).toBeNull();
    expect(sourceUrl('user space')).toBeNull();
    expect(sourceUrl('../etc/passwd.c')).toBeNull();
  });

  it('reads scenario metadata defensively', () => {
    expect(scenarioMeta(null)).toBeNull();
    expect(scenarioMeta({ summary: 'no title' })).toBeNull();
    const m = scenarioMeta({
      title: 'export notifier', summary: 's', kernel: '2.6.24',
      source: { thread: '002.txt', list: 'kvm-devel', date: '2008-01-23', subject: 'Re: [PATCH] export notifier #1', author: 'Andrea Arcangeli' },
    });
    expect(m?.source?.author).toBe('Andrea Arcangeli');
    expect(scenarioMeta({ title: 't', source: { list: 'x' } })?.source).toBeNull();
  });

  it('formats modelled nanoseconds in microseconds', () => {
    expect(formatUs(150)).toBe('0.15 µs');
    expect(formatUs(2_340_060)).toBe('2,340.06 µs');
  });
});
