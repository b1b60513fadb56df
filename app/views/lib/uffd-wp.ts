// The uffd-wp bit as the views read it from a frame's page tables (TableView.bits & 4): set on a
// present PTE (_PAGE_UFFD_WP), a swap PTE (_PAGE_SWP_UFFD_WP), a huge PMD, or standing alone as a
// PTE_MARKER_UFFD_WP on an empty slot. Only VM_UFFD_WP VMAs carry it.
import { PTE_KIND } from '../../sim/frame';
import { type FrameIndex, pteAt } from './frame-index';
import { alignDown, entrySpan, indexAt, PAGE_SIZE, PTRS_PER_TABLE } from './geometry';

/** The uffd-wp bit in a TableView.bits byte. */
export const UFFD_WP_BIT = 4;

/** 1 for each of `pages` pages from `start` in mm `mm` whose entry carries uffd-wp, one PTE table at a time. */
export function uffdWpRun(idx: FrameIndex, mm: number, start: number, pages: number): Uint8Array {
  const out = new Uint8Array(pages);
  const m = idx.mms.get(mm);
  let p = 0;
  while (p < pages && m) {
    const addr = start + p * PAGE_SIZE;
    const i0 = indexAt(addr, 1);
    const n = Math.min(PTRS_PER_TABLE - i0, pages - p);
    const t = m.pteTables.get(alignDown(addr, entrySpan(2)));
    if (t) for (let k = 0; k < n; k++) out[p + k] = (t.bits[i0 + k] ?? 0) & UFFD_WP_BIT ? 1 : 0;
    else if (pteAt(idx, mm, addr).bits & UFFD_WP_BIT) out.fill(1, p, p + n);
    p += n;
  }
  return out;
}

/** What the uffd-wp bit of an entry means, naming the kernel's bit or marker; null when it is clear. */
export function uffdWpLine(code: number, bits: number): string | null {
  if (!(bits & UFFD_WP_BIT)) return null;
  switch (code) {
    case PTE_KIND.marker: return 'uffd-wp: PTE_MARKER_UFFD_WP on an empty slot (pte_marker_uffd_wp); the first write faults to the handler';
    case PTE_KIND.swap: return 'uffd-wp: _PAGE_SWP_UFFD_WP on the swap entry; it survives swap-in, so a write still faults to the handler';
    case PTE_KIND.huge: return 'uffd-wp: _PAGE_UFFD_WP on the PMD; a write faults to the handler (UFFD_PAGEFAULT_FLAG_WP)';
    default: return 'uffd-wp: _PAGE_UFFD_WP is set, the PTE write-protected; a write faults into handle_userfault (UFFD_PAGEFAULT_FLAG_WP)';
  }
}
