import { describe, expect, it } from 'vitest';
import { machineGraphs } from '../../sim/graphs';
import { frameWhere } from '../test/frames';
import { actorTree, layers, outgoing } from './chart';

const graphs = machineGraphs();

describe('statechart layout', () => {
  it('lays the fault out as the walk, level by level, then the leaf handlers, finals last', () => {
    const g = graphs.fault;
    if (!g) throw new Error('no fault machine');
    const l = layers(g).map((x) => x.map((s) => s.name));
    const at = (name: string) => l.findIndex((x) => x.includes(name));
    const walk = ['lock_vma', 'walk_pgd', 'walk_pud', 'walk_pmd', 'handle_pte_fault', 'do_wp_page'].map(at);
    expect(walk[0]).toBe(0);
    expect(walk).toEqual([...walk].sort((a, b) => a - b));
    expect(new Set(walk).size).toBe(walk.length);
    expect(l.at(-1)).toEqual(expect.arrayContaining(['done', 'sigsegv', 'sigbus', 'oom']));
    expect(l.flat().length).toBe(g.states.length);
  });

  it('lists the ways out of wait_acks', () => {
    const g = graphs.flush_tlb_mm_range;
    if (!g) throw new Error('no shootdown machine');
    expect(outgoing(g, 'wait_acks')).toEqual([{ event: 'ACK', target: 'wait_acks' }, { event: 'ALL_ACKED', target: 'done' }]);
  });

  it('orders actors as a tree: task, then its munmap, then the flush it started', () => {
    const f = frameWhere('munmap-frees-tables', { kind: 'flush_tlb_mm_range', from: 'local_flush' });
    const t = actorTree(f.actors).map((x) => `${'  '.repeat(x.depth)}${x.actor.kind}`);
    expect(t).toEqual(['task', '  munmap', '    flush_tlb_mm_range', 'task', 'flush_tlb_func']);
  });
});
