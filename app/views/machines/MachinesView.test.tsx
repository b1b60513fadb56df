import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { MachinesView } from './MachinesView';

describe('MachinesView', () => {
  it('lights the fault at walk_pmd and names the transition it just took', () => {
    const html = renderView(MachinesView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1));
    expect(html).toContain('aria-label="fault statechart, current state walk_pmd, just left walk_pud"');
    expect(textOf(html)).toContain('ran this step: walk_pud —NEXT→ walk_pmd');
    expect(textOf(html)).toContain('from walk_pmd: NEXT → handle_pte_fault');
  });

  it('gives the chart in words for screen readers (its states layer by layer), with a key for the drawn marks', () => {
    const html = renderView(MachinesView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1));
    const id = /<canvas role="img" aria-label="[^"]*" aria-describedby="([^"]+)"/.exec(html)?.[1] ?? 'none';
    expect(html).toMatch(new RegExp(`id="${id}" class="mv-sr">fault states, from its first: lock_vma; then [^<]*wait_lock \\(sleeps\\)[^<]*done \\(final\\)`));
    expect(textOf(html)).toContain('current state · was the state it just left');
  });

  it('shows the shootdown waiting for acks, nested under munmap under its task', () => {
    const html = renderView(MachinesView, frameWhere('munmap-frees-tables', { kind: 'flush_tlb_mm_range', from: 'local_flush' }));
    const text = textOf(html);
    expect(text).toContain('wait_acks (acks 0 of 1)');
    expect(html).toContain('aria-label="flush_tlb_mm_range statechart, current state wait_acks');
    const list = html.slice(html.indexOf('mv-note'), html.indexOf('Statechart of')); // the rows
    expect(list.indexOf('>munmap<')).toBeGreaterThan(0);
    expect(list.indexOf('>munmap<')).toBeLessThan(list.indexOf('>flush_tlb_mm_range<'));
  });

  it('draws the statechart of the machine that ran in a panel beside the rows, and a selected machine\'s instead', () => {
    const f = frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1);
    const html = renderView(MachinesView, f);
    expect(html).toMatch(/aria-label="Statechart of fault #\d+"/);
    expect(html.indexOf('Statechart of')).toBeGreaterThan(html.indexOf('mv-note'));
    expect(html.match(/class="mv-chart"/g)).toHaveLength(1);
    const task = f.actors.find((a) => a.kind === 'task');
    const picked = renderView(MachinesView, f, { selection: `actor:${task?.id ?? -1}` });
    expect(picked).toMatch(new RegExp(`aria-label="Statechart of task #${task?.id ?? -1}"`));
    expect(textOf(picked)).toContain('selected');
  });

  it('keeps a machine that finished in this step on screen at its final state', () => {
    const text = textOf(renderView(MachinesView, frameWhere('fork-cow', { kind: 'fault', from: 'wp_install' })));
    expect(text).toContain('finished this step');
    expect(text).toContain('wp_install —DONE→ done');
  });

  it('makes each machine selectable by keyboard with a descriptive name', () => {
    const html = renderView(MachinesView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1));
    expect(html).toMatch(/tabindex="0" role="button" aria-label="fault #\d+ on CPU0, task parent, state walk_pmd, write at 0x7efffffff000"/);
  });
});
