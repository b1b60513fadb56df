import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { CpuView } from './CpuView';

const FREES = 'munmap-frees-tables';

describe('CpuView', () => {
  it('animates the flush IPI in flight from CPU0 to the lazy CPU1 when page tables are freed', () => {
    const html = renderView(CpuView, frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'local_flush' }));
    expect(html).toContain('mv-ipi-arc is-flying');
    const text = textOf(html);
    expect(text).toContain('flush IPI from CPU0 in flight');
    expect(text).toContain('idle, lazy TLB: borrows mm app');
    expect(text).not.toContain('skipped');
  });

  it('shows the ack travelling back after flush_tlb_func, then counted', () => {
    expect(renderView(CpuView, frameWhere(FREES, { kind: 'flush_tlb_func', to: 'done' }))).toContain('mv-ack-arc is-flying');
    expect(textOf(renderView(CpuView, frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'wait_acks' })))).toContain('ack counted by CPU0');
  });

  it('marks the lazy CPU skipped, with the reason, when no table is freed', () => {
    const text = textOf(renderView(CpuView, frameWhere('munmap-lazy-peer', { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' })));
    expect(text).toContain('CPU1 skipped (no IPI)');
    expect(text).toContain('lazy TLB: will catch up by tlb_gen at its next switch_mm');
  });

  it('lists TLB entries with stale and dormant marked in words, lighting those of a selected folio', () => {
    const f = frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    const pfn = f.cpus[1]?.tlb[0]?.pfn ?? -1;
    const html = renderView(CpuView, f, { selection: `pfn:${pfn}` });
    expect(textOf(html)).toContain('63 stale');
    expect(html).toMatch(/mv-tlb-row is-sel/);
    expect(html).toMatch(/aria-label="TLB entry 0x[0-9a-f]+ to pfn \d+, writable, ASID 1 \(app\), stale, dormant"/);
  });

  it('shows the ASID slot behind the mm’s tlb_gen after the flush bumped it', () => {
    const text = textOf(renderView(CpuView, frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' })));
    expect(text).toContain('ASID 1: app · gen 0 / mm 1 (behind)');
  });
});
