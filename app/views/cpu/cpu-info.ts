// What a CPU card says: what the CPU runs (a task, or idle in lazy-TLB mode borrowing an mm, or
// idle on init_mm), its ASID slots against each mm's tlb_gen, its mm_cpumask memberships, its TLB in
// numbers, and its part in the shootdowns on screen.
import type { CpuView, MmView } from '../../sim/frame';
import type { ShootdownView } from './shootdown';

/** A CPU's running state. */
export interface CpuStatus { readonly label: string; readonly cls: 'running' | 'lazy' | 'idle' }

/** What the CPU runs. */
export function cpuStatus(c: CpuView): CpuStatus {
  if (c.task) return { label: `runs ${c.task}${c.process ? ` (mm ${c.process})` : ''}`, cls: 'running' };
  if (c.lazy && c.mm !== null) return { label: `idle, lazy TLB: borrows mm ${c.process ?? c.mm}`, cls: 'lazy' };
  return { label: c.mm === null ? 'idle on init_mm (no user mm loaded)' : `idle, mm ${c.process ?? c.mm} loaded`, cls: 'idle' };
}

/** One used ASID slot. */
export interface AsidRow { readonly slot: number; readonly process: string; readonly tlbGen: number; readonly mmGen: number | null; readonly loaded: boolean }

/** The CPU's used ASID slots, with the tlb_gen of each slot's mm for comparison. */
export function asidRows(c: CpuView, mms: readonly MmView[]): AsidRow[] {
  const out: AsidRow[] = [];
  c.asids.forEach((a, slot) => {
    if (a.mm === null) return;
    const mm = mms.find((m) => m.id === a.mm);
    out.push({ slot, process: a.process ?? `mm ${a.mm}`, tlbGen: a.tlbGen, mmGen: mm ? mm.tlbGen : null, loaded: slot === c.asid && c.mm === a.mm });
  });
  return out;
}

/** The mms whose mm_cpumask has this CPU; `loaded` false marks a stale bit (the mm is not loaded). */
export function memberships(c: CpuView, mms: readonly MmView[]): { readonly process: string; readonly id: number; readonly loaded: boolean }[] {
  return mms.filter((m) => m.cpumask.includes(c.id)).map((m) => ({ process: m.process, id: m.id, loaded: c.mm === m.id }));
}

/** TLB entries in numbers. */
export function tlbCounts(c: CpuView): { readonly n: number; readonly stale: number; readonly dormant: number } {
  return { n: c.tlb.length, stale: c.tlb.filter((e) => e.stale).length, dormant: c.tlb.filter((e) => e.dormant).length };
}

/** The CPU's part in the shootdowns on screen, one line each. */
export function shootdownRoles(cpu: number, sds: readonly ShootdownView[]): string[] {
  const out: string[] = [];
  for (const s of sds) {
    const who = `flush_tlb_mm_range #${s.actor.id}`;
    if (s.initiator === cpu) out.push(s.done ? `${who} complete` : `initiates ${who}: ${s.actor.state}${s.total ? ` (acks ${s.acked} of ${s.total})` : ''}`);
    for (const i of s.ipis) if (i.to === cpu) out.push(i.state === 'in-flight' ? `flush IPI from CPU${s.initiator} in flight` : `handling the flush IPI from CPU${s.initiator} (flush_tlb_func)`);
    for (const a of s.acks) if (a.from === cpu) out.push(a.arrived ? `ack counted by CPU${s.initiator}` : `ack on its way to CPU${s.initiator}`);
    for (const k of s.skipped) if (k.cpu === cpu) out.push(`skipped by ${who}: ${k.reason}`);
  }
  return out;
}
