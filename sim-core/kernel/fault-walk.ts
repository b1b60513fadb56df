// From the exception to the PTE: do_user_addr_fault, lock_vma_under_rcu, the walk in
// __handle_mm_fault (pgd_offset, pud_alloc, pmd_alloc) and handle_pte_fault's dispatch.
import { HANDLE_PTE_FAULT, PGTABLE_ALLOC, SIGNAL, vmaLookupCost, WALK_LEVEL } from '../engine/costs';
import { MARK } from '../engine/types';
import { entrySpan, hex, LEVEL_NAMES, type Level, alignDown } from '../model/layout';
import { vmaLookup } from '../model/mm';
import { withBits } from '../model/pte';
import { vmaHas, vmaIsAnon } from '../model/vma';
import { accountFault, atLevel, canAlloc, FAULT_OK, faultMm, faultNode, faultSignal, faultWalk, faultWhat, type FCtx, type FOut } from './fault-common';
import { acquire, holds, WHOLE_MM } from './mmap-lock';
import { pmdDecision } from './huge-fault';
import { Plan } from './plan';

const X86 = 'arch/x86/mm/fault.c';
const MEM = 'mm/memory.c';

/** do_user_addr_fault + lock_vma_under_rcu + access_error (arch/x86/mm/fault.c, 6.4+). */
export function lockVma(c: FCtx): FOut {
  const d = c.actor.data;
  const mm = faultMm(c.world, d);
  const vma = vmaLookup(mm, d.addr);
  const cost = vmaLookupCost(mm.vmas.length);
  const fn = { file: X86, name: c.world.cfg.features.perVmaLock ? 'lock_vma_under_rcu' : 'do_user_addr_fault' };
  if (!vma) {
    return faultSignal(c, 'SIGSEGV', `${faultWhat(d)}: no VMA covers it (bad_area_nosemaphore, SEGV_MAPERR)`, fn, cost + SIGNAL, false);
  }
  const denied = d.write ? !vmaHas(vma, 'WRITE') : (vma.flags & 0b111) === 0;
  if (denied) {
    const why = d.write ? 'the VMA is not writable' : 'the VMA is PROT_NONE';
    return faultSignal(c, 'SIGSEGV', `${faultWhat(d)}: access_error, ${why} (bad_area_access_error, SEGV_ACCERR)`, fn, cost + SIGNAL, false);
  }
  const how = c.world.cfg.features.perVmaLock ? 'lock_vma_under_rcu finds' : 'find_vma finds';
  const plan = new Plan();
  if (!holds(mm, c.actor.id)) {
    const [start, end] = c.world.cfg.features.perVmaLock ? [vma.start, vma.end] : WHOLE_MM;
    if (!acquire(c.world, mm, { actor: c.actor.id, write: false, start, end }, plan)) {
      const lock = c.world.cfg.features.perVmaLock ? 'the VMA is write-locked, so lock_vma_under_rcu fails and the fault waits in mmap_read_lock' : 'mmap_read_lock waits';
      return { event: 'WAIT', fn, cost, plan: plan.ops, marks: MARK.fault, say: `${faultWhat(d)}: ${lock} behind a writer (munmap, mprotect, fork...)` };
    }
  }
  return {
    event: 'VMA', fn, cost, data: { ...d, vma }, marks: MARK.fault, plan: plan.ops,
    say: `${faultWhat(d)}: ${how} VMA [${hex(vma.start)}, ${hex(vma.end)}) among ${mm.vmas.length} in the maple tree; access is allowed`,
  };
}

function walkLevel(c: FCtx, level: Level, name: string): FOut {
  const d = c.actor.data;
  const ws = faultWalk(c.world, d);
  const parent = atLevel(ws, (level + 1) as Level);
  const fn = { file: MEM, name };
  if (!parent) throw new Error(`walk lost its ${LEVEL_NAMES[(level + 1) as Level]}`);
  const lname = LEVEL_NAMES[level];
  const pname = LEVEL_NAMES[parent.level];
  if (parent.entry.kind === 'table') {
    return { event: 'NEXT', fn, cost: WALK_LEVEL, say: `${name}: ${pname}[${parent.index}] points to the ${lname} table at pfn ${parent.entry.pfn}` };
  }
  if (!canAlloc(c.world, 1)) return faultSignal(c, 'SIGKILL', `${name}: no memory for a ${lname} table (VM_FAULT_OOM)`, fn, WALK_LEVEL, true);
  const base = alignDown(d.addr, entrySpan(parent.level));
  const plan = new Plan()
    .add({ op: 'alloc_pgtable', mm: d.mm, level, base, parent: { table: parent.table, index: parent.index }, node: faultNode(c.world, c.actor.cpu), as: 't' })
    .add({ op: 'mm_pgtables', mm: d.mm, delta: 1 });
  return {
    event: 'NEXT', fn, cost: WALK_LEVEL + PGTABLE_ALLOC, plan: plan.ops, marks: MARK.alloc,
    say: `${name}: ${pname}[${parent.index}] is empty, so it allocates a ${lname} table (pfn {t}) and links it`,
  };
}

/** pgd_offset + p4d_alloc (folded on 4-level paging). */
export function walkPgd(c: FCtx): FOut {
  const d = c.actor.data;
  const pgd = atLevel(faultWalk(c.world, d), 4);
  const e = pgd?.entry;
  const say = e?.kind === 'table' ? `pgd_offset: PGD[${pgd?.index}] → PUD table at pfn ${e.pfn}` : `pgd_offset: PGD[${pgd?.index}] is empty (p4d is folded into the PGD on 4-level paging)`;
  return { event: 'NEXT', fn: { file: MEM, name: '__handle_mm_fault' }, cost: WALK_LEVEL, say };
}

/** pud_alloc: allocate the PUD table if the PGD entry is empty. */
export const walkPud = (c: FCtx): FOut => walkLevel(c, 3, 'pud_alloc');
/** pmd_alloc, then the PMD-level decisions of __handle_mm_fault: create_huge_pmd, wp_huge_pmd, or on to the PTE. */
export function walkPmd(c: FCtx): FOut {
  const out = walkLevel(c, 2, 'pmd_alloc');
  if (out.event !== 'NEXT') return out;
  const decision = pmdDecision(c.world, c);
  if (decision === null) return out;
  if (decision === 'HUGE') return { ...out, event: 'HUGE', say: `${out.say}; the PMD is empty and the VMA is VM_HUGEPAGE with the whole 2 MiB inside it: create_huge_pmd` };
  const slot = atLevel(faultWalk(c.world, c.actor.data), 2);
  // __handle_mm_fault reads vmf.orig_pmd once; do_huge_pmd_wp_page compares the PMD with it (pmd_same) under the PMD lock.
  if (decision === 'HUGE_WP') return { ...out, event: 'HUGE_WP', data: { ...c.actor.data, origPmd: slot?.entry.kind === 'huge' ? slot.entry : null }, say: `${out.say}; it is a read-only huge PMD and this is a write: wp_huge_pmd` };
  const plan = accountFault(new Plan(), c.actor.data);
  if (slot?.entry.kind === 'huge') plan.add({ op: 'set_entry', table: slot.table, index: slot.index, entry: { ...slot.entry, accessed: true, dirty: slot.entry.dirty || c.actor.data.write } });
  return { ...out, event: 'HUGE_OK', plan: [...(out.plan ?? []), ...plan.ops], data: { ...c.actor.data, result: FAULT_OK }, say: `${out.say}; the huge PMD already allows this access (huge_pmd_set_accessed)` };
}

/** handle_pte_fault: decide which leaf handler runs from the PMD and the PTE. */
export function handlePteFault(c: FCtx): FOut {
  const d = c.actor.data;
  const vma = d.vma;
  if (!vma) throw new Error('handle_pte_fault without a VMA');
  const ws = faultWalk(c.world, d);
  const pte = atLevel(ws, 1);
  const fn = { file: MEM, name: 'handle_pte_fault' };
  const missing = vmaIsAnon(vma) ? { event: 'DO_ANON', to: 'do_anonymous_page' } : { event: 'DO_FAULT', to: 'do_fault' };
  if (!pte) return { event: missing.event, fn, cost: HANDLE_PTE_FAULT, say: `the PMD entry is empty (no PTE table yet): do_pte_missing → ${missing.to}` };
  const orig = pte.entry;
  const data = { ...d, orig: orig.kind === 'table' || orig.kind === 'huge' ? null : orig };
  switch (orig.kind) {
    case 'none':
      return { event: missing.event, fn, cost: HANDLE_PTE_FAULT, data, say: `PTE[${pte.index}] is none: do_pte_missing → ${missing.to}` };
    case 'swap': case 'migration': case 'marker': case 'file':
      return { event: 'SWAP', fn, cost: HANDLE_PTE_FAULT, data, say: `PTE[${pte.index}] is not present but not none (${orig.kind}): do_swap_page` };
    case 'present': {
      if (d.write && !orig.rw) return { event: 'WP', fn, cost: HANDLE_PTE_FAULT, data, say: `PTE[${pte.index}] is present but read-only and this is a write: do_wp_page` };
      // A stale TLB entry or A/D update: ptep_set_access_flags only (a spurious fault).
      const next = withBits(orig, { accessed: true, dirty: orig.dirty || d.write });
      const plan = accountFault(new Plan().add({ op: 'set_entry', table: pte.table, index: pte.index, entry: next }), d);
      return { event: 'SPURIOUS', fn, cost: HANDLE_PTE_FAULT, data: { ...data, result: FAULT_OK }, plan: plan.ops, say: `PTE[${pte.index}] already allows this access (a spurious fault): pte_mkyoung${d.write ? ' + pte_mkdirty' : ''}, done` };
    }
    case 'table': case 'huge':
      throw new Error('a PTE slot holds an upper-level entry');
  }
}
