// mmap(2) of anonymous memory: do_mmap (checks, get_unmapped_area) then mmap_region (merge or insert).
import { vmaFile } from '../model/kernelver';
import { MMAP_REGION } from '../engine/costs';
import type { MachineDef, OpResult, StepCtx, StepOut } from '../engine/types';
import type { MmId } from '../model/ids';
import { hex, PAGE_SIZE, TASK_SIZE } from '../model/layout';
import { vmasInRange } from '../model/mm';
import { flagsToProt, vmFlagsString } from '../model/vma';
import { anonAlign, getUnmappedArea, mmapRegion } from '../kernel/mmap';
import { Plan } from '../kernel/plan';
import { machineSetup, states } from './common';
import { LOCK_WAIT, lockHandlers, lockStates } from './lock-states';
import { unmapData } from './gather';

/** An mmap call in progress. */
export interface MmapData {
  readonly mm: MmId;
  readonly region: string;
  readonly len: number;
  readonly flags: number;
  readonly align2M: boolean;
  /** MAP_FIXED address, if the scenario gave one. */
  readonly fixed: number | null;
  readonly addr: number | null;
  readonly result: OpResult | null;
}

type C = StepCtx<MmapData>;
type O = StepOut<MmapData>;
const MMAP = 'mm/mmap.c';

const machine = machineSetup.createMachine({
  id: 'mmap',
  initial: 'mmap_lock',
  states: {
    ...lockStates('do_mmap'),
    do_mmap: { description: 'checks, get_unmapped_area', on: { REGION: 'mmap_region', FIXED_UNMAP: { target: 'unmap_fixed', actions: 'spawn' }, ERROR: 'done' } },
    unmap_fixed: { description: 'MAP_FIXED: unmap what is there first', on: { CHILD_DONE: 'mmap_region' } },
    mmap_region: { description: 'merge with a neighbour or insert a VMA', on: { DONE: 'done' } },
    done: { type: 'final' },
  },
});

function fail(c: C, errno: string, why: string): O {
  const d = c.actor.data;
  const plan = new Plan().add({ op: 'region', name: d.region, addr: null, pages: d.len / PAGE_SIZE });
  return { event: 'ERROR', fn: { file: MMAP, name: 'do_mmap' }, cost: 300, plan: plan.ops, say: `${why}: mmap fails with ${errno}`, data: { ...d, result: { ret: null, errno } } };
}

function doMmap(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm) throw new Error('mmap on a dead mm');
  const max = c.world.cfg.maxMapCount;
  // do_mmap: "Too many mappings?" compares with >, so one more VMA than the limit can exist.
  if (mm.vmas.length > max) return fail(c, 'ENOMEM', `the process has ${mm.vmas.length} VMAs, more than vm.max_map_count (${max})`);
  const fn = { file: MMAP, name: 'do_mmap' };
  if (d.fixed !== null) {
    if (d.fixed % PAGE_SIZE !== 0 || d.fixed + d.len > TASK_SIZE) return fail(c, 'EINVAL', `MAP_FIXED address ${hex(d.fixed)} is not page aligned or not in user space`);
    const busy = vmasInRange(mm, d.fixed, d.fixed + d.len).length > 0;
    if (busy) {
      return {
        event: 'FIXED_UNMAP', fn, cost: 300, data: { ...d, addr: d.fixed }, say: `MAP_FIXED at ${hex(d.fixed)} overlaps existing mappings: they are unmapped first`,
        out: { spawn: { kind: 'munmap', data: unmapData(d.mm, d.fixed, d.fixed + d.len, 'mmap(MAP_FIXED)', 'munmap') } },
      };
    }
    return { event: 'REGION', fn, cost: 300, data: { ...d, addr: d.fixed }, say: `MAP_FIXED: the mapping goes at ${hex(d.fixed)}` };
  }
  const align = anonAlign(d.len, d.align2M);
  const addr = getUnmappedArea(mm, d.len, align);
  if (addr === null) return fail(c, 'ENOMEM', `no gap of ${d.len / PAGE_SIZE} pages is left below mmap_base`);
  const why = align > PAGE_SIZE ? (d.align2M ? ' (2 MiB aligned, as asked)' : ' (2 MiB aligned: the length is a multiple of PMD_SIZE, so thp_get_unmapped_area aligns it)') : '';
  return { event: 'REGION', fn: { file: MMAP, name: 'get_unmapped_area' }, cost: 300, data: { ...d, addr }, say: `get_unmapped_area finds [${hex(addr)}, ${hex(addr + d.len)}) top-down below mmap_base${why}` };
}

function region(c: C): O {
  const d = c.actor.data;
  const mm = c.world.mms.get(d.mm);
  if (!mm || d.addr === null) throw new Error('mmap_region without an address');
  const plan = new Plan();
  const r = mmapRegion(c.world, mm, plan, d.addr, d.len, d.flags);
  plan.add({ op: 'region', name: d.region, addr: d.addr, pages: d.len / PAGE_SIZE });
  const how = r.merged ? `vma_merge_new_range extends ${r.merged}` : `a new VMA [${hex(d.addr)}, ${hex(d.addr + d.len)}) (${vmFlagsString(r.vma.flags)}) enters the maple tree`;
  return {
    event: 'DONE', fn: { file: vmaFile(c.world.cfg.kernel), name: 'mmap_region' }, cost: MMAP_REGION, plan: plan.ops, data: { ...d, result: { ret: hex(d.addr), errno: null } },
    say: `${how}; no page is allocated until first touch (prot ${flagsToProt(d.flags)}); mmap returns ${hex(d.addr)}`,
  };
}

/** The mmap machine. */
export const mmapDef: MachineDef<MmapData> = {
  kind: 'mmap',
  machine,
  handlers: {
    // mmap_region may merge with either neighbour or replace a MAP_FIXED range: lock the whole mm.
    ...lockHandlers<MmapData>((c) => ({ mm: c.actor.data.mm, write: true, range: null }), 'mmap'),
    do_mmap: doMmap, unmap_fixed: () => ({ event: 'CHILD_DONE', fn: { file: MMAP, name: 'do_mmap' }, cost: 0, say: 'the old mappings are gone' }), mmap_region: region },
  waiting: states('unmap_fixed', LOCK_WAIT),
};
