import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { activeFaults, walkDepth } from './faults';

describe('activeFaults', () => {
  it('finds the write fault of fork-cow mid-walk with its address, mm and depth', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1); // pud_alloc done: PGD and PUD entries located
    const [fault] = activeFaults(f);
    expect(fault?.write).toBe(true);
    expect(fault?.mm).toBe(1);
    expect(fault?.addr).toBe(f.regions[0]?.addr);
    expect(fault?.depth).toBe(2);
  });

  it('reports no fault once the fault machine is gone', () => {
    expect(activeFaults(frameWhere('fork-cow', { kind: 'task', cpu: 0, to: 'user' }))).toEqual([]);
  });

  it('lags one level behind the state, which names the step about to run, and counts leaf handlers as done', () => {
    expect(walkDepth('lock_vma')).toBe(0);
    expect(walkDepth('wait_lock')).toBe(0);
    expect(walkDepth('walk_pgd')).toBe(0);
    expect(walkDepth('walk_pmd')).toBe(2);
    expect(walkDepth('handle_pte_fault')).toBe(3);
    expect(walkDepth('do_wp_page')).toBe(4);
  });
});
