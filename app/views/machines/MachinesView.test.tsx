import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { MachinesView } from './MachinesView';

describe('MachinesView', () => {
  it('lights the fault at walk_pmd and names the transition it just took', () => {
    const html = renderView(MachinesView, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pud' }, 1));
    expect(html).toMatch(/class="mv-state is-now"[^>]*>walk_pmd/);
    expect(textOf(html)).toContain('this step: walk_pud —NEXT→ walk_pmd');
    expect(textOf(html)).toContain('from walk_pmd: NEXT → handle_pte_fault');
  });

  it('shows the shootdown waiting for acks, nested under munmap under its task', () => {
    const html = renderView(MachinesView, frameWhere('munmap-frees-tables', { kind: 'flush_tlb_mm_range', from: 'local_flush' }));
    const text = textOf(html);
    expect(text).toContain('wait_acks (acks 0 of 1)');
    expect(html).toMatch(/mv-state is-waiting is-now[^>]*>wait_acks/);
    expect(html.indexOf('>munmap<')).toBeLessThan(html.indexOf('>flush_tlb_mm_range<'));
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
