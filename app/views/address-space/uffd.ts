// userfaultfd facts the address-space view shows: which VMAs are registered with which context and
// how (from the frame's contexts, O(registered VMAs)), and the legend text of the uffd-wp mark.
import type { Frame } from '../../sim/frame';
import type { BandUffd } from './VmaBand';

/** The legend entry of the uffd-wp bar. */
export const WP_LEGEND = 'uffd-wp (_PAGE_UFFD_WP bit or PTE_MARKER_UFFD_WP)';

/** The registration of each registered VMA, by VMA id. */
export function uffdByVma(f: Frame): ReadonlyMap<number, BandUffd> {
  const out = new Map<number, BandUffd>();
  for (const c of f.uffds) for (const r of c.ranges) out.set(r.vma, { fd: c.fd, modes: r.modes });
  return out;
}
