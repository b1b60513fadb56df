import { describe, expect, it } from 'vitest';
import { frameWhere } from '../test/frames';
import { renderView, textOf } from '../test/render';
import { NarrationPanel } from './NarrationPanel';

const thread = {
  id: 'x', title: 'export notifiers', summary: 'A remote node maps a freed page.', kernel: '2.6.24', narration: null, custom: false,
  source: { thread: '002_e1930dae5394e05a.txt', list: 'kvm-devel', date: '2008-01-23', subject: 'Re: [kvm-devel] [PATCH] export notifier #1', author: 'Andrea Arcangeli' },
};

describe('NarrationPanel', () => {
  it('says what the step does and links the kernel function and file on Elixir', () => {
    const html = renderView(NarrationPanel, frameWhere('fork-cow', { kind: 'fault', from: 'walk_pmd' }, 1));
    const text = textOf(html);
    expect(text).toContain('pmd_alloc: PUD[511] points to the PMD table');
    expect(text).toContain('walk_pmd —NEXT→ handle_pte_fault');
    expect(html).toContain('href="https://elixir.bootlin.com/linux/v6.18/A/ident/pmd_alloc"');
    expect(html).toContain('href="https://elixir.bootlin.com/linux/v6.18/source/mm/memory.c"');
  });

  it('does not link what is not kernel source', () => {
    const html = renderView(NarrationPanel, frameWhere('fork-cow', { kind: 'task', cpu: 1, from: 'access' }));
    expect(html).not.toContain('/A/ident/TLB');
    expect(textOf(html)).toContain('TLB miss on CPU1');
  });

  it('shows the thread a scenario retells when the shell provides it', () => {
    const text = textOf(renderView(NarrationPanel, frameWhere('fork-cow', { kind: 'fork', from: 'dup_mm' }), { scenario: thread }));
    expect(text).toContain('Andrea Arcangeli, kvm-devel, 2008-01-23');
    expect(text).toContain('Linux 2.6.24');
  });

  it('puts violations of this step in an alert', () => {
    const f = frameWhere('fork-cow', { kind: 'fork', from: 'dup_mm' });
    const r = f.record;
    if (!r) throw new Error('no record');
    const broken = { ...f, record: { ...r, violations: ['a TLB entry points at freed pfn 7'] }, violations: [{ step: r.step, message: 'a TLB entry points at freed pfn 7' }] };
    const html = renderView(NarrationPanel, broken);
    expect(html).toMatch(/role="alert"[^>]*>.*Invariant broken at this step.*freed pfn 7/s);
  });
});
