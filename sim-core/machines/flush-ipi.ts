// The receiving side of a flush IPI: flush_tlb_func in interrupt context, then the csd unlock (ack).
import { IPI_ACK, IPI_HANDLER } from '../engine/costs';
import type { MachineDef, StepCtx, StepOut } from '../engine/types';
import { MARK } from '../engine/types';
import type { ActorId } from '../model/ids';
import { type FlushInfo, flushTlbFunc } from '../kernel/tlb';
import { machineSetup, states } from './common';

/** The IPI's payload: the shared flush_tlb_info and who to acknowledge. */
export interface FlushIpiData { readonly info: FlushInfo; readonly initiator: ActorId; readonly result: null }

const machine = machineSetup.createMachine({
  id: 'flush_tlb_func',
  initial: 'flush_tlb_func',
  states: {
    flush_tlb_func: { description: 'IPI handler: count it, flush, acknowledge', on: { DONE: { target: 'done', actions: 'ack' } } },
    done: { type: 'final' },
  },
});

function handle({ world: w, actor: a }: StepCtx<FlushIpiData>): StepOut<FlushIpiData> {
  const f = flushTlbFunc(w, a.cpu, a.data.info);
  return {
    event: 'DONE', fn: { file: 'arch/x86/mm/tlb.c', name: 'flush_tlb_func' }, plan: f.plan.ops,
    say: `CPU${a.cpu} takes the flush IPI (counted in /proc/interrupts "TLB"): ${f.say}; then acknowledges`,
    cost: IPI_HANDLER + f.cost, marks: MARK.ipi | MARK.flush,
    out: { ack: { to: a.data.initiator, latency: IPI_ACK } },
  };
}

/** The flush IPI handler machine. */
export const flushIpiDef: MachineDef<FlushIpiData> = {
  kind: 'flush_tlb_func', machine, handlers: { flush_tlb_func: handle }, waiting: states(), irq: true,
};
