import { describe, expect, it } from 'vitest';
import { renderView, textOf as tagless } from '../test/render';
import { UFFD_BASIC, UFFD_WP } from './fixtures';
import { docFrameAfter, docFrameWhere } from './test-frames';
import { UffdView } from './UffdView';

// Kernel names carry <wbr> after underscores; the text joins them again.
const textOf = (html: string): string => tagless(html).replace(/_ /g, '_');

const QUEUED = { kind: 'fault', to: 'userfault_wait' } as const;

describe('UffdView', () => {
  it('draws the context, its registered range and the three lanes, the new message in fault_pending_wqh', () => {
    const html = renderView(UffdView, docFrameWhere(UFFD_BASIC, QUEUED));
    const text = textOf(html);
    expect(html).toMatch(/<h2[^>]*>userfaultfd<\/h2>/);
    expect(text).toContain('fd 3 · uffd vm · mm 1');
    expect(text).toContain('vm · mm 1 Registered: 7effffffc000-7f0000000000 MISSING');
    expect(text).toMatch(/handle_userfault faulting tasks, no locks held vcpu · CPU1 asleep on #1 fault_pending_wqh/);
    expect(text).toMatch(/fault_pending_wqh queued by handle_userfault, not read yet #1 WRITE · vcpu 0x7effffffc000 queued this step/);
    expect(html).toContain('aria-label="fault_pending_wqh: 1 message"');
    expect(html).toContain('aria-label="fault_wqh: 0 messages"');
    expect(html).toContain('aria-label="Tasks in handle_userfault: 1"');
    expect(text).toContain('1 message queued');
  });

  it('shows the handler between the lanes, in read() and then in its ioctl with the kernel state', () => {
    const text = textOf(renderView(UffdView, docFrameWhere(UFFD_BASIC, { kind: 'mfill_atomic', to: 'mfill_atomic_pte' })));
    expect(text).toMatch(/→ read\(\) handler · CPU0 in UFFDIO_COPY for #1 · mfill_atomic_pte served 0 of 4 fault_wqh/);
    expect(text).toMatch(/→ UFFDIO_COPY in mfill_atomic_pte ?, then wake_userfault/);
  });

  it('makes every card, range, handler and task a named button, and a selected message pressed and lit', () => {
    const html = renderView(UffdView, docFrameWhere(UFFD_BASIC, QUEUED), { selection: 'vaddr:0x7effffffc000' });
    expect(html).toMatch(/class="mv-uffd-card in-pending is-moved is-sel" tabindex="0" role="button" aria-label="UFFD_EVENT_PAGEFAULT #1 in fault_pending_wqh \(queued this step\): vcpu at 0x7effffffc000, flags WRITE. Selects the page." aria-pressed="true"/);
    expect(html).toMatch(/role="button" aria-label="registered VMA 7effffffc000-7f0000000000, 4 pages \(16 KiB\), modes MISSING"/);
    expect(html).toMatch(/role="button" aria-label="handler handler on CPU0: asleep in poll\(\) on fd_wqh/);
    expect(html).toMatch(/role="button" aria-label="vcpu on CPU1: asleep in handle_userfault on #1/);
  });

  it('lights a message whose page is lit elsewhere (the folio or the fault selected in another view)', () => {
    const f = docFrameWhere(UFFD_BASIC, QUEUED);
    const fault = f.uffds[0]?.waiters[0]?.actor;
    const html = renderView(UffdView, f, { selection: `actor:${fault}` });
    expect(html).toMatch(/class="mv-uffd-card in-pending is-moved is-sel"[^>]*aria-pressed="false"/);
  });

  it('shows the WP mode, a WRITE|WP message and the task’s own UFFDIO_WRITEPROTECT', () => {
    expect(textOf(renderView(UffdView, docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'change_protection' }))))
      .toContain('ioctls in flight handler UFFDIO_WRITEPROTECT (WP) [0x7effffffc000, 0x7f0000000000) · change_protection');
    const html = renderView(UffdView, docFrameWhere(UFFD_WP, QUEUED));
    expect(html).toContain('<span class="mv-uffd-mode mode-wp" title="VM_UFFD_WP">WP</span>');
    expect(html).toContain('<span class="mv-uffd-flags has-wp">WRITE|WP</span>');
  });

  it('says when the run has not created its context yet', () => {
    expect(textOf(renderView(UffdView, docFrameAfter(UFFD_BASIC, 0)))).toContain('No userfaultfd context at this step');
  });

  it('waits politely when there is no frame yet', () => {
    expect(textOf(renderView(UffdView, null))).toContain('Waiting for the simulation');
  });
});
