import { describe, expect, it } from 'vitest';
import type { ActorView } from '../../sim/frame';
import { type ChartProps, keepChart } from './ChartStack';

const actor = (kind: string, state = 'start'): ActorView => ({ id: kind.length, kind, cpu: 0, task: null, state, waiting: false, detail: '', parent: null });
const shown = (kind: string, state?: string): ChartProps => ({ actor: actor(kind, state), g: undefined, moved: null, gone: false, why: 'ran this step' });

describe('keepChart', () => {
  it('keeps one chart per machine kind in the order they were first shown, replacing a kind shown again', () => {
    let kept = keepChart([], shown('task'), 1);
    kept = keepChart(kept, shown('fault'), 2);
    kept = keepChart(kept, shown('task', 'in_fault'), 3);
    expect(kept.map((k) => `${k.props.actor.kind}:${k.props.actor.state}`)).toEqual(['task:in_fault', 'fault:start']);
  });

  it('returns the same list when the chart shown has not changed, so nothing re-renders', () => {
    const s = shown('task');
    const kept = keepChart([], s, 1);
    expect(keepChart(kept, { ...s }, 2)).toBe(kept);
    expect(keepChart(kept, null, 3)).toBe(kept);
  });

  it('drops the chart shown least lately once five kinds are kept', () => {
    let kept = keepChart([], shown('a'), 1);
    ['b', 'c', 'd', 'e'].forEach((k, i) => { kept = keepChart(kept, shown(k), i + 2); });
    kept = keepChart(kept, shown('a', 'again'), 6);
    kept = keepChart(kept, shown('f'), 7);
    expect(kept.map((k) => k.props.actor.kind)).toEqual(['a', 'c', 'd', 'e', 'f']);
  });
});
