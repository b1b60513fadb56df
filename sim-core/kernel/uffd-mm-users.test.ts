// A userfaultfd context outliving its process: the ioctls' mmget_not_zero failures, and an ioctl in
// flight holding mm_users so that its mmput, not the last task's exit, runs exit_mmap
// (fs/userfaultfd.c and kernel/fork.c mmput, 6.18).
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../engine/engine';
import { createEngine } from '../engine/setup';
import { parseScenario } from '../scenarios/parse';
import type { ScenarioOp } from '../scenarios/schema';
import { result, run, scenario, uffdMissingBase } from '../scenarios/testing';

const BASE = uffdMissingBase(4);
const EXIT = `h#${BASE.length}`;

/** `h` sets up uffd `u` and exits; `o`, in another process, then issues `ops` on `u`. */
const afterExit = (ops: ScenarioOp[], kernel = '6.18') => scenario([
  { name: 'h', process: 'app', cpu: 0, ops: [...BASE, { op: 'exit' }] },
  { name: 'o', process: 'other', cpu: 1, ops: ops.map((op, i) => (i === 0 ? { ...op, after: EXIT } : op)) },
], { kernel });

describe('an ioctl on a context whose process has exited', () => {
  it('fails where each handler calls mmget_not_zero: COPY, ZEROPAGE and WRITEPROTECT with ESRCH, REGISTER with ENOMEM', () => {
    const r = run(afterExit([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: '0x7f0000000000', pages: 1 },
      { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: '0x7f0000000000', pages: 1 },
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: '0x7f0000000000', pages: 1, wp: true },
      { op: 'UFFDIO_REGISTER', uffd: 'u', addr: '0x7f0000000000', pages: 1, mode: ['missing'] },
      { op: 'UFFDIO_WAKE', uffd: 'u', addr: '0x7f0000000000', pages: 1 },
    ]));
    expect([0, 1, 2, 3].map((i) => result(r, 'o', i).errno)).toEqual(['ESRCH', 'ESRCH', 'ESRCH', 'ENOMEM']);
    expect(result(r, 'o', 4)).toMatchObject({ ret: 0, errno: null }); // userfaultfd_wake never looks at the mm
    expect(r.halted).toBeNull();
    expect(r.violations).toEqual([]);
  });

  it('still checks validate_range first: a misaligned range is EINVAL even on an exited mm', () => {
    const r = run(afterExit([{ op: 'UFFDIO_REGISTER', uffd: 'u', addr: '0x7f0000000010', pages: 1, mode: ['missing'] }]));
    expect(result(r, 'o', 0).errno).toBe('EINVAL');
  });

  it('returned ENOSPC from UFFDIO_COPY and UFFDIO_ZEROPAGE before 4.13, ESRCH since', () => {
    const ops: ScenarioOp[] = [{ op: 'UFFDIO_COPY', uffd: 'u', dst: '0x7f0000000000', pages: 1 }, { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: '0x7f0000000000', pages: 1 }];
    const old = run(afterExit(ops, '4.12'));
    expect([result(old, 'o', 0).errno, result(old, 'o', 1).errno]).toEqual(['ENOSPC', 'ENOSPC']);
    expect(result(run(afterExit(ops, '4.13')), 'o', 0).errno).toBe('ESRCH');
  });
});

// `a` registers 64 pages and exits; `b`, the mm's other task, exits a little later, while `o` (another
// process) copies into all 64 pages.
const inFlight = scenario([
  { name: 'a', process: 'A', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages: 64, prot: 'rw' },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 64, mode: ['missing'] },
    { op: 'exit' },
  ] },
  { name: 'b', process: 'A', cpu: 1, ops: [{ op: 'mmap', as: 'o', pages: 4, prot: 'rw', after: 'a#2' }, { op: 'write', addr: 'o[0..3]' }, { op: 'exit' }] },
  { name: 'o', process: 'B', cpu: 2, ops: [{ op: 'UFFDIO_COPY', uffd: 'u', dst: 'buf', pages: 64, after: 'a#2' }] },
]);

function records(): StepRecord[] {
  const e = createEngine(parseScenario(inFlight));
  const out: StepRecord[] = [];
  for (let r = e.step(true); r; r = e.step(true)) out.push(r);
  return out;
}

describe('a userfaultfd ioctl in flight when the last task of the mm exits', () => {
  it('holds mm_users: the copy completes, and its own mmput runs exit_mmap, which frees every page', () => {
    const recs = records();
    const exit = recs.findIndex((r) => r.kind === 'task' && r.to === 'exited' && r.say.includes('still holds mm_users'));
    const put = recs.findIndex((r) => r.kind === 'mfill_atomic' && r.to === 'mmput');
    const teardown = recs.findIndex((r) => r.kind === 'exit_mmap');
    expect(exit).toBeGreaterThan(0);
    expect(put).toBeGreaterThan(exit);
    expect(teardown).toBeGreaterThan(put);
    expect(recs[teardown]?.cpu).toBe(2); // in the ioctl's context, on the copying task's CPU
    const r = run(inFlight);
    expect(result(r, 'o', 0)).toMatchObject({ ret: 0, errno: null, bytes: 64 * 4096 });
    expect(r.counters['pages.freed']).toBe(r.counters['pages.allocated']);
    expect(r.violations).toEqual([]);
  });

  it('leaves a later ioctl nothing to hold: once the copy has returned, the mm is gone', () => {
    const s = structuredClone(inFlight);
    s.tasks[2]?.ops.push({ op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'buf', pages: 1 });
    expect(result(run(s), 'o', 1).errno).toBe('ESRCH');
  });
});
