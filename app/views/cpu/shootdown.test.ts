import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { REASON_LAZY, shootdowns } from './shootdown';

const FREES = 'munmap-frees-tables';

describe('shootdowns', () => {
  it('skips the lazy CPU with the reason the narration gives when no page table is freed', () => {
    const [s] = shootdowns(frameWhere('munmap-lazy-peer', { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' }));
    expect(s?.initiator).toBe(0);
    expect(s?.total).toBe(0);
    expect(s?.skipped).toEqual([{ cpu: 1, reason: REASON_LAZY }]);
  });

  it('derives the skipped lazy CPU from state when the narration is not on screen', () => {
    const f = frameWhere('munmap-lazy-peer', { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' });
    const [s] = shootdowns({ ...f, record: null });
    expect(s?.skipped).toEqual([{ cpu: 1, reason: REASON_LAZY }]);
  });

  it('does not call the lazy CPU skipped when freed_tables sends it the IPI', () => {
    const [s] = shootdowns(frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'flush_tlb_mm_range' }));
    expect(s?.total).toBe(1);
    expect(s?.skipped).toEqual([]);
  });

  it('follows the IPI in flight, the ack travelling back, then the ack counted', () => {
    const inFlight = shootdowns(frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'local_flush' }))[0];
    expect(inFlight?.ipis).toEqual([{ to: 1, state: 'in-flight' }]);
    const handled = shootdowns(frameWhere(FREES, { kind: 'flush_tlb_func', to: 'done' }))[0];
    expect(handled?.ipis).toEqual([]);
    expect(handled?.acks).toEqual([{ from: 1, arrived: false }]);
    expect(handled?.pending).toBe(1);
    const counted = shootdowns(frameWhere(FREES, { kind: 'flush_tlb_mm_range', from: 'wait_acks' }))[0];
    expect(counted?.done).toBe(true);
    expect(counted?.acks).toEqual([{ from: 1, arrived: true }]);
  });
});
