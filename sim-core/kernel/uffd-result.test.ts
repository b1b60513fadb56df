// The result field of UFFDIO_COPY / ZEROPAGE / MOVE (uffdio_copy.copy, .zeropage, .move): which
// failures write -errno into it and which return before put_user (fs/userfaultfd.c, 6.18).
import { describe, expect, it } from 'vitest';
import { result, run, scenario, uffdMissingBase } from '../scenarios/testing';
import type { ScenarioOp, ScenarioTask } from '../scenarios/schema';

// `reg` registered MISSING by `h`, and `src` written: 4 pages each.
const BASE = uffdMissingBase(4);
const N = BASE.length;
const solo = (ops: ScenarioOp[], kernel = '6.18', extra: ScenarioTask[] = []) =>
  scenario([{ name: 'h', process: 'app', cpu: 0, ops: [...BASE, ...ops] }, ...extra], { kernel });
const noField = (r: ReturnType<typeof run>, i: number, errno: string) => {
  const x = result(r, 'h', i);
  expect(x).toMatchObject({ ret: null, errno });
  expect(x.bytes).toBeUndefined();
};

describe('the userfaultfd result field', () => {
  it('is left unwritten when validate_range refuses UFFDIO_COPY or UFFDIO_ZEROPAGE', () => {
    const r = run(solo([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: '0x7f0000000010', pages: 1 },
      { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: '0x7f0000000800', pages: 1 },
    ]));
    noField(r, N, 'EINVAL');
    noField(r, N + 1, 'EINVAL');
  });

  it('holds -errno when mfill_atomic itself fails (ENOENT, EEXIST, EINVAL for MODE_WP)', () => {
    const r = run(solo([
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'src[0]', pages: 1 },
      { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'reg[0]', pages: 1 },
      { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: 'reg[0]', pages: 1 },
      { op: 'UFFDIO_COPY', uffd: 'u', dst: 'reg[1]', pages: 1, mode: ['wp'] },
    ]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'ENOENT', bytes: -2 });
    expect(result(r, 'h', N + 2)).toMatchObject({ errno: 'EEXIST', bytes: -17 });
    expect(result(r, 'h', N + 3)).toMatchObject({ errno: 'EINVAL', bytes: -22 });
  });

  it('is left unwritten when the context\'s mm is gone (mmget_not_zero fails: ESRCH)', () => {
    const r = run(scenario([
      { name: 'h', process: 'app', cpu: 0, ops: [...BASE, { op: 'exit' }] },
      { name: 'o', process: 'other', cpu: 1, ops: [{ op: 'UFFDIO_COPY', uffd: 'u', dst: '0x7f0000000000', pages: 1, after: 'h#5' }] },
    ]));
    const x = result(r, 'o', 0);
    expect(x).toMatchObject({ ret: null, errno: 'ESRCH' });
    expect(x.bytes).toBeUndefined();
    expect(r.violations).toEqual([]);
  });

  it('is left unwritten for UFFDIO_MOVE before 6.8 (an ioctl the kernel does not know: EINVAL)', () => {
    noField(run(solo([{ op: 'UFFDIO_MOVE', uffd: 'u', dst: 'reg[0]', src: 'src[0]', pages: 1 }], '6.7')), N, 'EINVAL');
  });

  it('is left unwritten when validate_range refuses either side of UFFDIO_MOVE or UFFDIO_REMAP', () => {
    const r = run(solo([
      { op: 'UFFDIO_MOVE', uffd: 'u', dst: '0x7f0000000010', src: 'src[0]', pages: 1 },
      { op: 'UFFDIO_MOVE', uffd: 'u', dst: 'reg[0]', src: '0x7f0000000010', pages: 1 },
    ]));
    noField(r, N, 'EINVAL');
    noField(r, N + 1, 'EINVAL');
    noField(run(solo([{ op: 'UFFDIO_REMAP', uffd: 'u', dst: '0x7f0000000010', src: 'src[0]', pages: 1 }], '4.11')), N, 'EINVAL');
  });

  it('is left unwritten for a UFFDIO_MOVE from another process ("Do not allow cross-mm moves": EINVAL)', () => {
    const r = run(solo([], '6.18', [{ name: 'o', process: 'other', cpu: 1, ops: [{ op: 'UFFDIO_MOVE', uffd: 'u', dst: 'reg[0]', src: 'src[0]', pages: 1, after: 'h#4' }] }]));
    const x = result(r, 'o', 0);
    expect(x).toMatchObject({ ret: null, errno: 'EINVAL' });
    expect(x.bytes).toBeUndefined();
  });

  it('holds -errno when move_pages fails after the checks (validate_move_areas: EINVAL; a hole: ENOENT)', () => {
    const r = run(solo([
      { op: 'UFFDIO_MOVE', uffd: 'u', dst: 'src[3]', src: 'src[0]', pages: 1 },
      { op: 'UFFDIO_MOVE', uffd: 'u', dst: 'reg[0]', src: 'reg[1]', pages: 1 },
    ]));
    expect(result(r, 'h', N)).toMatchObject({ errno: 'EINVAL', bytes: -22 });
    expect(result(r, 'h', N + 1)).toMatchObject({ errno: 'ENOENT', bytes: -2 });
  });
});
