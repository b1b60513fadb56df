import { describe, expect, it } from 'vitest';
import type { Frame } from '../../sim/frame';
import { UFFD_BASIC, UFFD_UNPOPULATED, UFFD_WP } from './fixtures';
import { type CtxModel, uffdModel } from './model';
import { docFrames, docFrameWhere } from './test-frames';

function only(f: Frame): CtxModel {
  const m = uffdModel(f)[0];
  if (!m) throw new Error(`frame ${f.step} has no context`);
  return m;
}

describe('the userfaultfd view model', () => {
  it('puts a new fault message in the fault_pending_wqh lane, tagged as queued this step, keyed by its page', () => {
    const m = only(docFrameWhere(UFFD_BASIC, { kind: 'fault', to: 'userfault_wait' }));
    expect(m.title).toBe('fd 3 · uffd');
    expect(m.lanes.pending).toEqual([expect.objectContaining({ id: 1, flags: 'WRITE', task: 'vcpu', moved: true, key: 'vaddr:0x7effffffc000' })]);
    expect(m.lanes.pending[0]?.label).toBe('UFFD_EVENT_PAGEFAULT #1 in fault_pending_wqh (queued this step): vcpu at 0x7effffffc000, flags WRITE. Selects the page.');
    expect(m.lanes.read).toEqual([]);
    expect(m.sleepers.map((s) => [s.who, s.text])).toEqual([['vcpu · CPU1', 'asleep on #1']]);
    expect(m.sleepers[0]?.label).toBe('vcpu on CPU1: asleep in handle_userfault on #1 (write at 0x7effffffc000)');
  });

  it('moves the card to the fault_wqh lane when the handler reads it, and the next step no longer calls it new', () => {
    const frames = docFrames(UFFD_BASIC);
    const at = frames.findIndex((f) => f.record?.kind === 'uffd_serve' && f.record.to === 'resolve');
    const now = only(frames[at] as Frame);
    expect(now.lanes.pending).toEqual([]);
    expect(now.lanes.read.map((c) => [c.id, c.moved])).toEqual([[1, true]]);
    expect(now.handlers[0]).toMatchObject({ text: 'read #1; calls UFFDIO_COPY next', note: 'served 0 of 4', label: 'handler handler on CPU0: read #1; calls UFFDIO_COPY next (0x7effffffc000); served 0 of 4' });
    expect(only(frames[at + 1] as Frame).lanes.read.map((c) => [c.id, c.moved])).toEqual([[1, false]]);
  });

  it('names the ioctl and its kernel state on the handler while it resolves', () => {
    const m = only(docFrameWhere(UFFD_BASIC, { kind: 'mfill_atomic', to: 'wake_userfault' }));
    expect(m.handlers[0]).toMatchObject({ text: 'in UFFDIO_COPY for #1 · wake_userfault', active: true });
    expect(m.resolver).toBe('UFFDIO_COPY');
    expect(m.calls).toEqual([]);
  });

  it('shows a woken card with VM_FAULT_RETRY until the vCPU retries its fault', () => {
    const m = only(docFrameWhere(UFFD_BASIC, { kind: 'mfill_atomic', to: 'done' }));
    expect(m.lanes.read).toEqual([]);
    expect(m.lanes.woken).toEqual([expect.objectContaining({ id: 1, flags: 'VM_FAULT_RETRY', moved: true })]);
    expect(m.sleepers[0]).toMatchObject({ text: 'woken: VM_FAULT_RETRY', active: true, label: 'vcpu on CPU1: woken: handle_userfault returns VM_FAULT_RETRY and the write at 0x7effffffc000 is retried' });
  });

  it('says the handler sleeps in poll() when nothing is pending', () => {
    const m = only(docFrameWhere(UFFD_BASIC, { kind: 'uffd_serve', to: 'wait_msg' }));
    expect(m.handlers[0]).toMatchObject({ who: 'handler · CPU0', text: 'asleep in poll() on fd_wqh', note: 'served 0 of 4', active: false });
  });

  it('lists the registered range with its modes, and a task’s own UFFDIO_WRITEPROTECT as a call', () => {
    const m = only(docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'change_protection' }));
    expect(m.ranges).toEqual([{ key: expect.stringMatching(/^vma:\d+$/), text: '7effffffc000-7f0000000000', pages: '4 pages (16 KiB)', modes: ['WP'] }]);
    expect(m.calls.map((c) => c.text)).toEqual(['UFFDIO_WRITEPROTECT (WP) [0x7effffffc000, 0x7f0000000000) · change_protection']);
  });

  it('names the ioctls the registered modes call for while no handler runs', () => {
    expect(only(docFrameWhere(UFFD_WP, { kind: 'uffd_register', to: 'done' })).resolver).toBe('UFFDIO_WRITEPROTECT');
    expect(only(docFrameWhere(UFFD_BASIC, { kind: 'uffd_register', to: 'done' })).resolver).toBe('UFFDIO_COPY, ZEROPAGE or MOVE');
    expect(only(docFrameWhere(UFFD_BASIC, { kind: 'userfaultfd', to: 'done' })).resolver).toBe('a resolving ioctl');
  });

  it('flags a write-protect fault WRITE|WP and the handler un-protects with mode 0', () => {
    const m = only(docFrameWhere(UFFD_WP, { kind: 'uffd_serve', to: 'resolve' }));
    expect(m.lanes.read[0]?.flags).toBe('WRITE|WP');
    expect(m.handlers[0]?.text).toBe('read #1; calls UFFDIO_WRITEPROTECT (mode 0) next');
  });

  it('shows the thread id a message carries with UFFD_FEATURE_THREAD_ID', () => {
    const m = only(docFrameWhere(UFFD_UNPOPULATED, { kind: 'fault', to: 'userfault_wait' }));
    expect(m.features).toEqual(['WP_UNPOPULATED', 'THREAD_ID']);
    expect(m.lanes.pending[0]?.tid).toBe(1);
    expect(m.lanes.pending[0]?.label).toContain('writer, ptid 1 at');
  });
});
