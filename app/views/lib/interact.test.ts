import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { toggleSelection } from '../../store/hooks';
import { useSimStore } from '../../store/sim-store';
import { clearOnEscape, isActivation } from './interact';

function key(k: string) {
  const calls: string[] = [];
  const e = { key: k, preventDefault: () => calls.push('prevent'), stopPropagation: () => calls.push('stop') } as unknown as KeyboardEvent;
  return { e, calls };
}

describe('keyboard selection', () => {
  it('activates on Enter and Space only', () => {
    expect(isActivation({ key: 'Enter' })).toBe(true);
    expect(isActivation({ key: ' ' })).toBe(true);
    expect(isActivation({ key: 'a' })).toBe(false);
  });

  it('toggles the shared selection', () => {
    useSimStore.setState({ selection: null });
    toggleSelection('pfn:5');
    expect(useSimStore.getState().selection).toBe('pfn:5');
    toggleSelection('pfn:5');
    expect(useSimStore.getState().selection).toBeNull();
  });

  it('clears the selection on Escape and keeps the key from the player, but lets it through when nothing is selected', () => {
    useSimStore.setState({ selection: 'cpu:1' });
    const a = key('Escape');
    expect(clearOnEscape(a.e)).toBe(true);
    expect(useSimStore.getState().selection).toBeNull();
    expect(a.calls).toEqual(['prevent', 'stop']);
    const b = key('Escape');
    expect(clearOnEscape(b.e)).toBe(false);
    expect(b.calls).toEqual([]);
  });
});
