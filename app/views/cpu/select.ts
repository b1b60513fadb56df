// What the CPUs view draws of a frame, once per frame and kept while it reads the same. A CPU's card
// takes only what it shows (not its clock, which moves on every step it runs), so a step redraws
// the cards it changed and no others.
import type { Frame } from '../../sim/frame';
import { frameSelector } from '../../store/hooks';
import { asidRows, type AsidRow, cpuStatus, type CpuStatus, memberships, shootdownRoles, tlbCounts } from './cpu-info';
import { shootdowns } from './shootdown';

/** One CPU card. */
export interface CpuModel {
  readonly id: number; readonly node: number; readonly mm: number | null; readonly process: string | null; readonly asid: number; readonly lazy: boolean;
  readonly status: CpuStatus; readonly others: readonly string[]; readonly asids: readonly AsidRow[];
  readonly member: readonly { readonly process: string; readonly id: number; readonly loaded: boolean }[];
  readonly roles: readonly string[]; readonly counts: ReturnType<typeof tlbCounts>;
  readonly tlb: Frame['cpus'][number]['tlb'];
}

/** The CPU cards and the shootdowns on screen. */
export function cpuModel(f: Frame) {
  const sds = shootdowns(f);
  const cpus: CpuModel[] = f.cpus.map((c) => ({
    id: c.id, node: c.node, mm: c.mm, process: c.process, asid: c.asid, lazy: c.lazy, status: cpuStatus(c), others: c.others, asids: asidRows(c, f.mms),
    member: memberships(c, f.mms), roles: shootdownRoles(c.id, sds), counts: tlbCounts(c), tlb: c.tlb,
  }));
  // The strip appears only when there is traffic to draw: IPIs, acks, or CPUs skipped.
  const traffic = sds.some((s) => s.ipis.length > 0 || s.acks.length > 0 || s.skipped.length > 0);
  return { cpus, ids: f.cpus.map((c) => c.id), sds: traffic ? sds : [] };
}

/** Selects cpuModel once per frame. */
export const selectCpus = frameSelector(cpuModel);
