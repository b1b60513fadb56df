// Page faults in progress, from the frame's actors: which mm, which address, how far the walk got.
import type { ActorView, Frame } from '../../sim/frame';
import { parseHex } from './geometry';

/** A fault actor with its address and the mm it faults in. */
export interface ActiveFault {
  readonly actor: ActorView;
  readonly mm: number | null;
  readonly addr: number;
  readonly write: boolean;
  /** Page-table levels the walk has located an entry in: 0 before pgd_offset, 4 once it holds the PTE. */
  readonly depth: number;
  /** True while the fault is still walking (the next level is about to be read). */
  readonly walking: boolean;
}

// A state names the step about to run (__handle_mm_fault: pgd_offset, pud_alloc, pmd_alloc, then
// handle_pte_fault reads the PMD entry and the PTE), so the levels done lag one behind the state.
const DEPTH: Readonly<Record<string, number>> = { lock_vma: 0, wait_lock: 0, walk_pgd: 0, walk_pud: 1, walk_pmd: 2, handle_pte_fault: 3 };

/** Levels whose entry the walk has located in fault machine state `state` (leaf handlers hold the PTE). */
export function walkDepth(state: string): number {
  return DEPTH[state] ?? 4;
}

/** True for the states in which the fault is still walking the page table. */
export function isWalking(state: string): boolean {
  return state in DEPTH && state !== 'lock_vma' && state !== 'wait_lock';
}

const DETAIL = /^(read|write) at (0x[0-9a-f]+)$/;

/** Faults being handled in this frame (fault machines not yet finished). */
export function activeFaults(f: Frame): ActiveFault[] {
  const out: ActiveFault[] = [];
  for (const a of f.actors) {
    if (a.kind !== 'fault') continue;
    const m = DETAIL.exec(a.detail);
    const addr = m?.[2] ? parseHex(m[2]) : null;
    if (addr === null) continue;
    // A fault runs in the mm loaded on its CPU (the faulting task's own mm).
    const mm = f.cpus.find((c) => c.id === a.cpu)?.mm ?? null;
    out.push({ actor: a, mm, addr, write: m?.[1] === 'write', depth: walkDepth(a.state), walking: isWalking(a.state) });
  }
  return out;
}
