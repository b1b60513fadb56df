// The CPU's side of a user access: TLB lookup, hardware page walk, setting A/D bits, or raising #PF.
import { ACCESS_TLB_HIT, HW_PAGE_WALK } from '../engine/costs';
import { MARK } from '../engine/types';
import { type Cpu, type TlbEntry, tlbFind } from '../model/cpu';
import { hex, toVpn } from '../model/layout';
import type { Mm } from '../model/mm';
import { findLeaf, translate } from '../model/pagetable';
import type { HugePmd, PresentPte } from '../model/pte';
import { specPages } from '../scenarios/address';
import { faultData } from './fault-common';
import { tlbAgrees } from '../check/tlb';
import { Plan } from './plan';
import { advance, currentOp, resolveAddr, type TCtx, type TOut } from './task-data';

const HW = { file: 'arch/x86 (MMU hardware)', name: 'TLB lookup / page walk' };

// A TLB hit must agree with the PTE unless a flush of this mm is pending or in flight (the window Linux allows).
function staleCheck(c: TCtx, mm: Mm, cpu: Cpu, e: TlbEntry, addr: number): string[] {
  if (tlbAgrees(c.world, mm, e) || mm.tlbFlushPending > 0 || mm.tlbFlushBatched || c.run.flushInFlight(mm.id)) return [];
  return [`CPU${cpu.id} used a stale TLB entry for ${hex(addr)} (pfn ${e.pfn}) with no flush in flight`];
}

/** Tags kept for a range read's result (the rest only decide whether they all match). */
const KEEP_TAGS = 64;

function summarize(tags: readonly string[], mixed: boolean, pages: number): string {
  if (!mixed) return tags[0] ?? '';
  return tags.join(',') + (pages > tags.length ? ',…' : '');
}

/** One page of a read or write: returns the step, including a #PF when the access cannot complete. */
export function mmuAccess(c: TCtx): TOut {
  const w = c.world;
  const d = c.actor.data;
  const cop = currentOp(c);
  if (!cop || (cop.op.op !== 'read' && cop.op.op !== 'write')) throw new Error('access step without a read or write op');
  const write = cop.op.op === 'write';
  const addr = resolveAddr(c, 'addr', d.page);
  const cpu = w.cpus[c.actor.cpu] as Cpu;
  const mmid = w.tasks[d.task]?.mm;
  const mm = mmid == null ? undefined : w.mms.get(mmid);
  if (!mm) throw new Error('access by a task without an mm');
  const vpn = toVpn(addr);
  const plan = new Plan();
  const i = tlbFind(cpu, vpn);
  let pfn: number;
  let how: string;
  let cost = ACCESS_TLB_HIT;
  const violations: string[] = [];
  const e = i >= 0 ? (cpu.tlb[i] as TlbEntry) : null;
  if (e && (!write || e.writable)) {
    plan.count('tlb.hits');
    violations.push(...staleCheck(c, mm, cpu, e, addr));
    const slot = write && !e.dirty ? findLeaf(w.tables, mm.pgd, addr) : null;
    if ((slot?.entry.kind === 'present' || slot?.entry.kind === 'huge') && slot.entry.pfn === e.pfn) {
      plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...slot.entry, dirty: true } });
    }
    plan.add({ op: 'tlb_touch', cpu: cpu.id, index: i, entry: write && !e.dirty ? { ...e, dirty: true } : e });
    pfn = e.pfn + (e.huge ? vpn - e.vpn : 0);
    how = `TLB hit on CPU${cpu.id}: ${hex(addr)} → pfn ${pfn}`;
  } else {
    const slot = findLeaf(w.tables, mm.pgd, addr);
    const t = translate(w.tables, mm.pgd, addr);
    if (e) plan.add({ op: 'tlb_flush', cpu: cpu.id, asid: cpu.asid, range: [vpn, vpn + 1] });
    if (!e) plan.count('tlb.misses').count('pagewalks');
    if (!slot || !t || (write && !t.rw)) {
      const pte = slot?.entry;
      const why = e ? 'the TLB entry is read-only' : !pte || pte.kind === 'none' ? 'the PTE is none' : pte.kind === 'huge' ? 'the huge PMD is read-only' : pte.kind !== 'present' ? `the PTE is a ${pte.kind} entry` : pte.protnone ? 'the PTE is PROT_NONE' : 'the PTE is read-only';
      const prot = pte?.kind === 'present' || pte?.kind === 'huge';
      return {
        event: 'FAULT', fn: HW, cost: e ? ACCESS_TLB_HIT : HW_PAGE_WALK, plan: plan.ops, marks: MARK.fault,
        say: `${write ? 'write' : 'read'} of ${hex(addr)} on CPU${cpu.id}: ${why}, so the CPU raises #PF (${prot ? 'protection' : 'not-present'}${write ? ', write' : ''})`,
        out: { spawn: { kind: 'fault', data: faultData(mm.id, d.task, addr, write) } },
      };
    }
    const leaf = slot.entry as PresentPte | HugePmd;
    if (!leaf.accessed || (write && !leaf.dirty)) plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...leaf, accessed: true, dirty: leaf.dirty || write } });
    const base = t.huge ? vpn - (vpn % 512) : vpn;
    plan.add({ op: 'tlb_fill', cpu: cpu.id, entry: { asid: cpu.asid, mm: mm.id, vpn: base, pfn: (t.huge ? (leaf as HugePmd).pfn : t.pfn) as never, writable: t.rw, dirty: leaf.dirty || write, ...(t.huge ? { huge: true } : {}) } });
    pfn = t.pfn;
    cost += HW_PAGE_WALK;
    how = `TLB miss on CPU${cpu.id}: the page walk finds pfn ${pfn} (${t.rw ? 'RW' : 'RO'}${t.huge ? ', through a 2 MiB PMD leaf: one TLB entry covers the whole THP' : ''}) and caches it`;
  }
  const tag = write ? (cop.op.op === 'write' && cop.op.value !== undefined ? cop.op.value : `${w.tasks[d.task]?.name ?? '?'}:${d.op}`) : (w.mem.content[pfn] ?? '');
  if (write) plan.add({ op: 'write_content', pfn: pfn as never, tag });
  const mixed = d.mixed || (d.tags.length > 0 && d.tags[0] !== tag);
  const tags = write || d.tags.length >= KEEP_TAGS ? d.tags : [...d.tags, tag];
  const pages = specPages(cop.addrs.addr as never);
  if (d.page + 1 < pages) {
    return { event: 'NEXT_PAGE', fn: HW, cost, plan: plan.ops, data: { ...d, page: d.page + 1, tags, mixed }, violations, say: `${how}; ${write ? `stores "${tag}"` : `reads "${tag}"`}` };
  }
  const next = advance(c);
  const result = write ? { ret: null, errno: null } : { ret: summarize(tags, mixed, pages), errno: null };
  return {
    event: 'DONE', fn: HW, cost, plan: plan.ops, data: next.data, opDone: next.opDone, result, violations,
    say: `${how}; ${write ? `stores "${tag}"` : `reads "${tag}"`}`,
  };
}
