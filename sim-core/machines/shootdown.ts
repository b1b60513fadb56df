// flush_tlb_mm_range (arch/x86/mm/tlb.c) as a machine: bump tlb_gen, pick targets from mm_cpumask,
// IPI them, flush locally, then spin until every target has acknowledged.
import { FLUSH_SETUP, IPI_SEND, IPI_SEND_EXTRA, IPI_DELIVERY } from '../engine/costs';
import type { MachineDef, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import { hex } from '../model/layout';
import { chooseBatchTargets, chooseTargets, type FlushInfo, flushTlbFunc, isFullFlush, type ShootdownData, shouldTrimCpumask, TLB_FLUSH_ALL, TLB_GENERATION_INVALID } from '../kernel/tlb';
import type { MmId } from '../model/ids';

export type { ShootdownData };
import { staleAfterFlush } from '../check/tlb';
import { Plan } from '../kernel/plan';
import { machineSetup, states } from './common';
import { plural } from '../kernel/words';

const FILE = 'arch/x86/mm/tlb.c';
const machine = machineSetup.createMachine({
  id: 'flush_tlb_mm_range',
  initial: 'flush_tlb_mm_range',
  states: {
    flush_tlb_mm_range: { description: 'inc_mm_tlb_gen, pick targets from mm_cpumask', on: { IPIS: 'send_ipis', LOCAL: 'local_flush', NONE: 'done' } },
    send_ipis: { description: 'smp_call_function_many_cond: one IPI per target', on: { SENT_LOCAL: { target: 'local_flush', actions: 'sendIpis' }, SENT: { target: 'wait_acks', actions: 'sendIpis' } } },
    local_flush: { description: 'flush_tlb_func on the initiating CPU', on: { WAIT: 'wait_acks', DONE: 'done' } },
    wait_acks: { description: 'csd_lock_wait: spin until every target ran flush_tlb_func', on: { ACK: 'wait_acks', ALL_ACKED: 'done' } },
    done: { type: 'final' },
  },
});

type Out = StepOut<ShootdownData>;
const fn = (name: string) => ({ file: FILE, name });

// arch_tlbbatch_flush: one IPI round for everything try_to_unmap/try_to_migrate deferred.
function startBatch({ world: w, actor: a }: StepCtx<ShootdownData>): Out {
  const d = a.data;
  const cpus = d.batch ?? [];
  const info: FlushInfo = { mm: null, start: 0, end: TLB_FLUSH_ALL, strideShift: 12, freedTables: false, newTlbGen: TLB_GENERATION_INVALID, initiator: a.cpu, trimCpumask: false };
  const targets = chooseBatchTargets(w, cpus, a.cpu);
  const sending = targets.filter((t) => t.ipi);
  const localRun = cpus[a.cpu] === true && !(w.cpus[a.cpu]?.isLazy ?? false);
  const skipped = targets.filter((t) => !t.ipi).map((t) => `CPU${t.cpu} skipped: ${t.reason}`);
  const say = `${d.caller}: arch_tlbbatch_flush of the deferred batch (info->mm = NULL, TLB_FLUSH_ALL); ` +
    (sending.length ? `IPI to ${sending.map((t) => 'CPU' + t.cpu).join(', ')}` : 'no other CPU needs an IPI') + (skipped.length ? `; ${skipped.join('; ')}` : '');
  const plan = new Plan().add({ op: 'tlb_ubc_clear', task: a.task ?? (0 as never) });
  const event = sending.length ? 'IPIS' : localRun ? 'LOCAL' : 'NONE';
  if (event === 'NONE') settleBatch(plan, d);
  return { event, fn: fn('arch_tlbbatch_flush'), say, cost: FLUSH_SETUP, plan: plan.ops, data: { ...d, info, targets, localRun }, marks: MARK.flush };
}

function start(c: StepCtx<ShootdownData>): Out {
  if (c.actor.data.mm === null) return startBatch(c);
  const { world: w, actor: a, now } = c;
  const d = a.data;
  const mm = w.mms.get(d.mm as MmId);
  if (!mm) return { event: 'NONE', fn: fn('flush_tlb_mm_range'), say: 'the mm is gone: nothing to flush', cost: FLUSH_SETUP };
  const plan = new Plan().add({ op: 'tlb_gen_inc', mm: mm.id });
  const trim = shouldTrimCpumask(w, mm, now);
  // should_trim_cpumask: at most once per second (next_trim_cpumask = jiffies + HZ).
  if (trim) plan.add({ op: 'trim_cpumask', mm: mm.id, next: now + 1e9 });
  const info: FlushInfo = { mm: mm.id, start: d.start, end: d.end, strideShift: d.strideShift, freedTables: d.freedTables, newTlbGen: mm.tlbGen + 1, initiator: a.cpu, trimCpumask: trim };
  const targets = chooseTargets(w, mm, a.cpu, d.freedTables, trim);
  const sending = targets.filter((t) => t.ipi);
  const cpu = w.cpus[a.cpu];
  const localRun = mm.cpumask[a.cpu] === true ? !(cpu?.isLazy ?? false) || d.freedTables : cpu?.loadedMm === d.mm;
  const range = d.end === TLB_FLUSH_ALL ? 'the whole mm' : `[${hex(d.start)}, ${hex(d.end)})`;
  const full = isFullFlush(w, d.start, d.end, d.strideShift) ? ' (a full flush: over the ceiling)' : '';
  const skipped = targets.filter((t) => !t.ipi).map((t) => `CPU${t.cpu} skipped: ${t.reason}`);
  const say = `${d.caller} flushes ${range}${full}; tlb_gen → ${info.newTlbGen}; ` +
    (sending.length ? `IPI to ${sending.map((t) => 'CPU' + t.cpu).join(', ')}` : 'no other CPU needs an IPI') +
    (skipped.length ? `; ${skipped.join('; ')}` : '');
  const event = sending.length ? 'IPIS' : localRun ? 'LOCAL' : 'NONE';
  return { event, fn: fn('flush_tlb_mm_range'), say, cost: FLUSH_SETUP, plan: plan.ops, data: { ...d, info, targets, localRun }, marks: MARK.flush };
}

function sendIpis({ actor: a }: StepCtx<ShootdownData>): Out {
  const d = a.data;
  const cpus = d.targets.filter((t) => t.ipi).map((t) => t.cpu);
  const plan = new Plan().count('ipis.sent', cpus.length);
  return {
    event: d.localRun ? 'SENT_LOCAL' : 'SENT', fn: fn('native_flush_tlb_multi'), plan: plan.ops,
    say: `sends ${plural(cpus.length, 'flush IPI')} (CALL_FUNCTION_VECTOR) to ${cpus.map((c) => 'CPU' + c).join(', ')} and will wait for each`,
    cost: IPI_SEND + IPI_SEND_EXTRA * (cpus.length - 1), marks: MARK.ipi,
    out: { ipis: { targets: cpus, data: d.info, latency: IPI_DELIVERY } },
  };
}

function localFlush({ world: w, actor: a }: StepCtx<ShootdownData>): Out {
  const d = a.data;
  const f = flushTlbFunc(w, a.cpu, d.info as FlushInfo);
  const waiting = d.targets.some((t) => t.ipi);
  if (!waiting) settleBatch(f.plan, d);
  return { event: waiting ? 'WAIT' : 'DONE', fn: fn('flush_tlb_func'), say: `local flush_tlb_func: ${f.say}`, cost: f.cost, plan: f.plan.ops, marks: MARK.flush, data: waiting ? d : { ...d, result: { ret: 0, errno: null } } };
}

// A completed batched flush settles mm->tlb_flush_batched of the mms it covered.
function settleBatch(plan: Plan, d: ShootdownData): Plan {
  for (const mm of d.batchMms) plan.add({ op: 'flush_batched_done', mm });
  return plan;
}

// When the last ack arrives every flush_tlb_func has run: no CPU may still use a stale entry.
function staleLeft(w: StepCtx<ShootdownData>['world'], d: ShootdownData): string[] {
  const mm = d.mm === null ? undefined : w.mms.get(d.mm);
  return mm ? staleAfterFlush(w, mm, d.start, d.end) : [];
}

function waitAcks({ world: w, actor: a, msg }: StepCtx<ShootdownData>): Out {
  const d = a.data;
  const n = d.targets.filter((t) => t.ipi).length;
  const acked = d.acked + 1;
  const from = msg?.type === 'IPI_ACK' ? `CPU${msg.cpu}` : 'a CPU';
  const done = acked >= n;
  return {
    event: done ? 'ALL_ACKED' : 'ACK', fn: fn('smp_call_function_many_cond'), cost: 0, violations: done ? staleLeft(w, d) : undefined,
    plan: done ? settleBatch(new Plan(), d).ops : undefined,
    say: done ? `${from} acknowledged (${acked} of ${n}): the flush is complete, the caller may free or reuse the pages` : `${from} acknowledged (${acked} of ${n}); still spinning`,
    data: { ...d, acked, result: done ? { ret: 0, errno: null } : null },
  };
}

/** The flush_tlb_mm_range machine. */
export const shootdownDef: MachineDef<ShootdownData> = {
  kind: 'flush_tlb_mm_range',
  machine,
  handlers: { flush_tlb_mm_range: start, send_ipis: sendIpis, local_flush: localFlush, wait_acks: waitAcks },
  waiting: states('wait_acks'),
  spinning: states('wait_acks'),
};
