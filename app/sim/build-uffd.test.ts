import { describe, expect, it } from 'vitest';
import { PTE_KIND } from './frame';
import type { Frame, UffdView } from './frame';
import { UFFD_BASIC, UFFD_UNPOPULATED, UFFD_WP } from '../views/uffd/fixtures';
import { docFrames, docFrameWhere } from '../views/uffd/test-frames';
import { frameWhere } from '../views/test/frames';

function ctxOf(f: Frame): UffdView {
  const c = f.uffds[0];
  if (!c) throw new Error(`frame ${f.step} has no userfaultfd context`);
  return c;
}

const HANDLE_USERFAULT = { kind: 'fault', to: 'userfault_wait' } as const;

describe('the userfaultfd part of a frame', () => {
  it('is empty for a run that never calls userfaultfd', () => {
    expect(frameWhere('fork-cow', { kind: 'fork', to: 'done' }).uffds).toEqual([]);
  });

  it('shows the context with its fd and process, and the range UFFDIO_REGISTER registered for MISSING faults', () => {
    const c = ctxOf(docFrameWhere(UFFD_BASIC, { kind: 'uffd_register', to: 'done' }));
    expect(c).toMatchObject({ fd: 3, name: 'uffd', process: 'vm', features: [], pending: [], read: [], waiters: [] });
    expect(c.ranges).toHaveLength(1);
    expect(c.ranges[0]?.modes).toEqual(['MISSING']);
    expect((c.ranges[0]?.end ?? 0) - (c.ranges[0]?.start ?? 0)).toBe(4 * 4096);
  });

  it('queues the vCPU’s write fault on fault_pending_wqh and shows the vCPU asleep in handle_userfault', () => {
    const c = ctxOf(docFrameWhere(UFFD_BASIC, HANDLE_USERFAULT));
    expect(c.pending).toEqual([{ id: 1, addr: c.ranges[0]?.start, flags: ['WRITE'], task: 'vcpu', tid: null }]);
    expect(c.read).toEqual([]);
    expect(c.waiters).toMatchObject([{ task: 'vcpu', cpu: 1, msg: 1, write: true, woken: false }]);
    expect(c.moved).toEqual({ queued: [1], read: [], woken: [] });
  });

  it('shows the handler asleep in poll() while nothing is pending', () => {
    const c = ctxOf(docFrameWhere(UFFD_BASIC, { kind: 'uffd_serve', to: 'wait_msg' }));
    expect(c.handlers).toMatchObject([{ task: 'handler', cpu: 0, state: 'poll', resolve: 'copy', served: 0, count: 4, msg: null, ioctl: null }]);
  });

  it('moves the message to fault_wqh when the handler reads it, and the handler holds it', () => {
    const c = ctxOf(docFrameWhere(UFFD_BASIC, { kind: 'uffd_serve', from: 'read', to: 'resolve' }));
    expect(c.pending).toEqual([]);
    expect(c.read.map((m) => m.id)).toEqual([1]);
    expect(c.moved.read).toEqual([1]);
    expect(c.handlers[0]).toMatchObject({ state: 'resolve', msg: { id: 1, flags: ['WRITE'] } });
  });

  it('names the ioctl the handler is in and the kernel state it reached', () => {
    const c = ctxOf(docFrameWhere(UFFD_BASIC, { kind: 'mfill_atomic', to: 'mfill_atomic_pte' }));
    const h = c.handlers[0];
    expect(h?.state).toBe('ioctl');
    expect(h?.ioctl).toMatchObject({ name: 'UFFDIO_COPY', state: 'mfill_atomic_pte', task: 'handler', len: 4096, start: c.read[0]?.addr });
    expect(c.ioctls).toHaveLength(1);
  });

  it('takes the message off both queues at wake_userfault; the vCPU is woken until it retries', () => {
    const frames = docFrames(UFFD_BASIC);
    const at = frames.findIndex((f) => f.record?.kind === 'mfill_atomic' && f.record.to === 'done');
    const woke = ctxOf(frames[at] as Frame);
    expect(woke.read).toEqual([]);
    expect(woke.moved.woken).toEqual([1]);
    expect(woke.waiters).toMatchObject([{ task: 'vcpu', msg: 1, woken: true }]);
    const retried = frames.slice(at).find((f) => f.record?.kind === 'fault' && f.record.from === 'userfault_wait');
    expect(retried && ctxOf(retried).waiters).toEqual([]);
  });

  it('keeps the context after the handler served all four faults, with nothing queued', () => {
    const c = ctxOf(docFrames(UFFD_BASIC).at(-1) as Frame);
    expect(c.handlers).toEqual([]);
    expect([c.pending, c.read, c.waiters, c.ioctls]).toEqual([[], [], [], []]);
  });

  it('flags a write to a uffd-wp page WRITE|WP, and sets the uffd-wp bit on the protected PTEs', () => {
    const protect = docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' });
    expect(ctxOf(protect).ioctls).toMatchObject([{ name: 'UFFDIO_WRITEPROTECT', mode: 'WP', handler: null }]);
    const pte = protect.mms[0]?.tables.find((t) => t.level === 1);
    const wp = [...(pte?.bits ?? [])].filter((b) => b & 4).length;
    expect(wp).toBe(4);
    const c = ctxOf(docFrameWhere(UFFD_WP, HANDLE_USERFAULT));
    expect(c.ranges[0]?.modes).toEqual(['WP']);
    expect(c.pending[0]).toMatchObject({ flags: ['WRITE', 'WP'], task: 'writer' });
    const unprotect = ctxOf(docFrameWhere(UFFD_WP, { kind: 'uffd_writeprotect', to: 'mmap_lock' }, 1));
    expect(unprotect.handlers[0]?.ioctl).toMatchObject({ name: 'UFFDIO_WRITEPROTECT', mode: '0' });
  });

  it('marks untouched protected pages with PTE_MARKER_UFFD_WP and reports the thread id with UFFD_FEATURE_THREAD_ID', () => {
    const f = docFrameWhere(UFFD_UNPOPULATED, { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' });
    const t = f.mms[0]?.tables.find((x) => x.level === 1);
    const markers = [...(t?.kinds ?? [])].flatMap((k, i) => (k === PTE_KIND.marker ? [t?.bits[i]] : []));
    expect(markers).toEqual([4, 4, 4]);
    const c = ctxOf(docFrameWhere(UFFD_UNPOPULATED, HANDLE_USERFAULT));
    expect(c.features).toEqual(['WP_UNPOPULATED', 'THREAD_ID']);
    expect(c.pending[0]?.tid).toBe(1);
  });

  it('survives structured cloning unchanged, as the worker posts it', () => {
    const f = docFrameWhere(UFFD_BASIC, { kind: 'mfill_atomic', to: 'mfill_atomic_pte' });
    expect(structuredClone(f.uffds)).toEqual(f.uffds);
  });
});
