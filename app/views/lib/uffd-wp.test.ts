import { describe, expect, it } from 'vitest';
import { PTE_KIND } from '../../sim/frame';
import { UFFD_UNPOPULATED, UFFD_WP } from '../uffd/fixtures';
import { docFrameWhere } from '../uffd/test-frames';
import { frameIndex } from './frame-index';
import { uffdWpLine, uffdWpRun } from './uffd-wp';

const PROTECTED = { kind: 'uffd_writeprotect', to: 'tlb_finish_mmu' } as const;

describe('uffd-wp bits', () => {
  it('finds the uffd-wp bit on every page UFFDIO_WRITEPROTECT protected', () => {
    const f = docFrameWhere(UFFD_WP, PROTECTED);
    const vma = f.mms[0]?.vmas[0];
    if (!vma) throw new Error('no vma');
    expect([...uffdWpRun(frameIndex(f), 1, vma.start, vma.pages)]).toEqual([1, 1, 1, 1]);
  });

  it('finds it on markers too, and on nothing before the ioctl', () => {
    const f = docFrameWhere(UFFD_UNPOPULATED, PROTECTED);
    const vma = f.mms[0]?.vmas[0];
    if (!vma) throw new Error('no vma');
    expect([...uffdWpRun(frameIndex(f), 1, vma.start, vma.pages)]).toEqual([1, 1, 1, 1]);
    const before = docFrameWhere(UFFD_UNPOPULATED, { kind: 'uffd_register', to: 'done' });
    expect([...uffdWpRun(frameIndex(before), 1, vma.start, vma.pages)]).toEqual([0, 0, 0, 0]);
  });

  it('names the bit or the marker the entry carries', () => {
    expect(uffdWpLine(PTE_KIND.marker, 4)).toContain('PTE_MARKER_UFFD_WP');
    expect(uffdWpLine(PTE_KIND.present_ro, 4 | 1)).toContain('_PAGE_UFFD_WP');
    expect(uffdWpLine(PTE_KIND.swap, 4)).toContain('_PAGE_SWP_UFFD_WP');
    expect(uffdWpLine(PTE_KIND.present_rw, 3)).toBeNull();
  });
});
