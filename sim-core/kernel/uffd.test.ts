// userfaultfd: the ioctls' results and the fault protocol, against LAB.md ("userfaultfd" and
// "Write-protect faults") and fs/userfaultfd.c + mm/userfaultfd.c (6.18).
import { describe, expect, it } from 'vitest';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';

// A process with a registered region `reg` (8 pages, MISSING) and an unregistered buffer `buf`.
const BASE: ScenarioOp[] = [
  { op: 'mmap', as: 'reg', pages: 8, prot: 'rw' },
  { op: 'mmap', as: 'buf', pages: 8, prot: 'rw' },
  { op: 'userfaultfd', as: 'u' },
  { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'reg', pages: 8, mode: ['missing'] },
];
const N = BASE.length;
const solo = (ops: ScenarioOp[], kernel = '6.18', extra: ScenarioTask[] = []) =>
  scenario([{ name: 'h', process: 'app', cpu: 0, ops: [...BASE, ...ops] }, ...extra], { kernel });

describe('userfaultfd setup', () => {
  it('returns an fd from userfaultfd and 0 from UFFDIO_REGISTER', () => {
    const r = run(solo([]));
    expect(result(r, 'h', 2)).toMatchObject({ ret: 3, errno: null });
    expect(result(r, 'h', 3)).toMatchObject({ ret: 0, errno: null });
  });

  it('does not exist before 4.3 (ENOSYS), and later ioctls on the failed fd get EBADF', () => {
    const r = run(solo([], '4.2'));
    expect(result(r, 'h', 2)).toMatchObject({ errno: 'ENOSYS' });
    expect(result(r, 'h', 3)).toMatchObject({ errno: 'EBADF' });
  });

  it('refuses MINOR mode on anonymous memory, an empty mode, and WP before 5.7 with EINVAL', () => {
    const r = run(solo([
      { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 1, mode: ['minor'] },
      { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 1, mode: [] },
    ]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'EINVAL' });
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EINVAL' });
    const old = run(solo([{ op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 1, mode: ['wp'] }], '5.6'));
    expect(result(old, 'h', N)).toMatchObject({ errno: 'EINVAL' });
  });

  it('refuses to register a VMA another userfaultfd owns with EBUSY', () => {
    const r = run(solo([{ op: 'userfaultfd', as: 'v' }, { op: 'UFFDIO_REGISTER', uffd: 'v', addr: 'reg', pages: 2, mode: ['missing'] }]));
    expect(result(r, 'h', N)).toMatchObject({ ret: 4 });
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EBUSY' });
  });

  it('registers a part of a VMA already registered the same way without splitting it, and returns 0', () => {
    const e = runEngine(solo([{ op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'reg[2]', pages: 3, mode: ['missing'] }]));
    expect(e.state.halted).toBeNull();
    expect(e.state.results[N]).toMatchObject({ ret: 0, errno: null });
    expect(e.state.step).toBeLessThan(200);
    expect([...e.state.world.mms.values()][0]?.vmas.length).toBe(2);
  });

  it('splits the VMA when only part of it is registered', () => {
    const e = runEngine(solo([{ op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf[2]', pages: 2, mode: ['missing'] }]));
    const mm = [...e.state.world.mms.values()][0];
    expect(mm?.vmas.length).toBe(4);
  });
});

describe('UFFDIO_COPY and UFFDIO_ZEROPAGE', () => {
  it('copies into an empty page, writes the length into the result field and sends no IPI', () => {
    const r = run(solo([{ op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 2, value: 'P' }, { op: 'read', addr: 'reg[1]' }]));
    expect(result(r, 'h', N)).toMatchObject({ ret: 0, errno: null, bytes: 8192 });
    expect(result(r, 'h', N + 1).ret).toBe('P');
    expect(r.counters['tlb.shootdowns']).toBe(0);
    expect(r.counters['pages.copied']).toBe(2);
  });

  it('fails with EEXIST on a populated page, writing -EEXIST into the result field (LAB.md)', () => {
    const r = run(solo([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 1 },
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 1 },
      { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'reg[0]', pages: 1 },
    ]));
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EEXIST', bytes: -17 });
    expect(result(r, 'h', N + 2)).toMatchObject({ errno: 'EEXIST', bytes: -17 });
  });

  it('stops at the first populated page and reports EAGAIN with the bytes done', () => {
    const r = run(solo([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[2]', pages: 1 },
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[0]', pages: 4 },
    ]));
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'EAGAIN', bytes: 8192 });
  });

  it('refuses a range that is not registered (ENOENT) or not page aligned (EINVAL)', () => {
    const r = run(solo([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'buf[0]', pages: 1 },
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[7]', pages: 2 },
      { op: 'UFFDIO_COPY', uffd: 'u', dst: '0x7f0000000010', pages: 1 },
    ]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'ENOENT', bytes: -2 });
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'ENOENT' });
    expect(result(r, 'h', N + 2)).toMatchObject({ errno: 'EINVAL' });
    expect(result(r, 'h', N + 2).bytes).toBeUndefined();
  });

  it('maps the zero page with UFFDIO_ZEROPAGE: a read returns "0" and allocates nothing', () => {
    const r = run(solo([{ op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'reg[3]', pages: 1 }, { op: 'read', addr: 'reg[3]' }]));
    expect(result(r, 'h', N)).toMatchObject({ ret: 0, bytes: 4096 });
    expect(result(r, 'h', N + 1).ret).toBe('0');
    expect(r.counters['pages.allocated']).toBe(0);
  });
});

// A vCPU faults on registered memory; a handler thread of the same process serves it.
const postcopy = (resolve: 'copy' | 'zeropage', count: number, features?: ('sigbus')[]) => scenario([
  { name: 'h', process: 'vm', cpu: 0, ops: [
    { op: 'mmap', as: 'guest', pages: 4, prot: 'rw' },
    { op: 'userfaultfd', as: 'u', ...(features ? { features } : {}) },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'guest', pages: 4, mode: ['missing'] },
    { op: 'uffd_serve', uffd: 'u', resolve, count },
  ] },
  { name: 'vcpu', process: 'vm', cpu: 1, ops: [{ op: 'write', addr: 'guest[0..1]', value: 'G', after: 'h#2' }, { op: 'read', addr: 'guest[1]' }] },
]);

describe('the fault protocol (handle_userfault)', () => {
  it('sends one message per missing page, and each resolved fault counts as major (retried)', () => {
    const r = run(postcopy('copy', 2));
    expect(r.counters['uffd.messages']).toBe(2);
    expect(r.counters['faults.major']).toBe(2);
    expect(r.counters['faults.minor']).toBe(0);
    expect(result(r, 'vcpu', 1).ret).toBe('G');
    expect(result(r, 'h', 3)).toMatchObject({ ret: 2 });
  });

  it('a write to a page resolved with UFFDIO_ZEROPAGE faults again and copies the zero page', () => {
    const r = run(postcopy('zeropage', 2));
    expect(r.counters['uffd.messages']).toBe(2);
    expect(result(r, 'vcpu', 1).ret).toBe('G');
    expect(r.counters['pages.allocated']).toBe(2);
  });

  it('delivers SIGBUS instead of a message with UFFD_FEATURE_SIGBUS', () => {
    const r = run(postcopy('copy', 1, ['sigbus']));
    expect(r.counters['uffd.messages']).toBe(0);
    expect(result(r, 'vcpu', 0).signal).toBe('SIGBUS');
  });

  it('takes about 13.7 µs per round trip across CPUs (LAB.md), within a factor of two', () => {
    const one = run(postcopy('copy', 1)).counters['cost.ns'] as number;
    const two = run(postcopy('copy', 2)).counters['cost.ns'] as number;
    const perFault = two - one;
    expect(perFault).toBeGreaterThan(13_700 / 2);
    expect(perFault).toBeLessThan(13_700 * 2);
  });
});

describe('GUP on a userfaultfd range', () => {
  it('fails pin_user_pages with EFAULT instead of waiting for the handler, and queues no message', () => {
    const r = run(scenario([{ name: 'h', process: 'vm', cpu: 0, ops: [
      { op: 'mmap', as: 'guest', pages: 2, prot: 'rw' },
      { op: 'userfaultfd', as: 'u' },
      { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'guest', pages: 2, mode: ['missing'] },
      { op: 'pin_user_pages', addr: 'guest', pages: 1, as: 'p' },
    ] }]));
    expect(result(r, 'h', 3)).toMatchObject({ ret: null, errno: 'EFAULT' });
    expect(r.counters['uffd.messages']).toBe(0);
    expect(r.stalled).toEqual([]);
  });
});
