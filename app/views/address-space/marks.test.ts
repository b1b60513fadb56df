import { describe, expect, it } from 'vitest';
import { vpnOf } from '../lib/geometry';
import { frameWhere } from '../test/frames';
import { changedMarks, faultMarks } from './marks';

describe('page marks', () => {
  it('marks the page whose PTE wp_install rewrote, in the parent only', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'wp_install' });
    const vpn = vpnOf(f.regions[0]?.addr ?? 0);
    const m = changedMarks(f);
    expect([...(m.get(1) ?? [])]).toEqual([vpn]);
    expect(m.has(2)).toBe(false);
  });

  it('marks the faulting page while the fault machine runs', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'handle_pte_fault' }, 1);
    expect([...(faultMarks(f).get(1) ?? [])]).toEqual([vpnOf(f.regions[0]?.addr ?? 0)]);
    expect(faultMarks(frameWhere('fork-cow', { kind: 'task', cpu: 0, to: 'user' })).size).toBe(0);
  });
});
