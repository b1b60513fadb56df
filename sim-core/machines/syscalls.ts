// Turns a task's current syscall op into the child machine that runs it (resolving its addresses).
import type { MmId } from '../model/ids';
import { PAGE_SIZE } from '../model/layout';
import { protToFlags, VM } from '../model/vma';
import { currentOp, prog, resolveAddr, type TCtx } from '../kernel/task-data';
import { unmapData } from './gather';
import type { ForkData } from './fork';
import type { PinData, UnpinData } from './gup';
import { madviseData } from './madvise';
import type { MmapData } from './mmap';
import type { MprotectData } from './mprotect';
import { movePagesData } from './move-pages';
import { reclaimData } from './reclaim';
import { uffdSyscall } from './uffd-syscalls';

/** What next_op needs to start a syscall: the machine, its data, and how to name it. */
export interface SyscallStart { readonly kind: string; readonly data: unknown; readonly call: string; readonly file: string; readonly name: string }

function taskMm(c: TCtx): MmId {
  const mm = c.world.tasks[c.actor.data.task]?.mm;
  if (mm == null) throw new Error('syscall from a task without an mm');
  return mm;
}

/** Builds the child machine for the task's current op. */
export function syscallArgs(c: TCtx): SyscallStart {
  const cop = currentOp(c);
  if (!cop) throw new Error('no current op');
  const op = cop.op;
  const mm = taskMm(c);
  switch (op.op) {
    case 'mmap': {
      const fixed = cop.addrs.at ? resolveAddr(c, 'at') : null;
      const data: MmapData = {
        mm, region: op.as, len: op.pages * PAGE_SIZE, flags: protToFlags(op.prot, op.shared ?? false) | (op.thp ? VM.HUGEPAGE : 0), align2M: op.align === '2M' || op.thp === true,
        fixed, addr: null, result: null,
      };
      return { kind: 'mmap', data, call: `mmap(${op.pages} pages, ${op.prot})`, file: 'mm/mmap.c', name: 'ksys_mmap_pgoff' };
    }
    case 'munmap': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'munmap', data: unmapData(mm, start, start + op.pages * PAGE_SIZE, 'munmap', 'munmap'), call: `munmap(${op.addr}, ${op.pages} pages)`, file: 'mm/mmap.c', name: '__vm_munmap' };
    }
    case 'mprotect': {
      const start = resolveAddr(c, 'addr');
      const data: MprotectData = { mm, start, end: start + op.pages * PAGE_SIZE, cursor: start, subEnd: start, gather: null, error: null, result: null, prot: op.prot };
      return { kind: 'mprotect', data, call: `mprotect(${op.addr}, ${op.pages} pages, ${op.prot})`, file: 'mm/mprotect.c', name: 'do_mprotect_pkey' };
    }
    case 'madvise': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'madvise', data: madviseData(mm, start, start + op.pages * PAGE_SIZE, op.advice), call: `madvise(${op.addr}, ${op.pages} pages, MADV_${op.advice.toUpperCase()})`, file: 'mm/madvise.c', name: 'do_madvise' };
    }
    case 'fork': {
      const child = c.program.taskByName.get(op.child);
      if (child === undefined) throw new Error(`fork of an undeclared task ${op.child}`);
      const data: ForkData = { parent: mm, childTask: child, child: null, vmas: [], index: 0, cursor: 0, childVma: null, result: null };
      return { kind: 'fork', data, call: 'fork()', file: 'kernel/fork.c', name: 'kernel_clone' };
    }
    case 'pin_user_pages': {
      const data: PinData = { mm, task: c.actor.data.task, name: op.as, start: resolveAddr(c, 'addr'), pages: op.pages, longterm: op.longterm ?? false, index: 0, pfns: [], faulted: false, result: null };
      return { kind: 'pin_user_pages', data, call: `pin_user_pages(${op.addr}, ${op.pages} pages, FOLL_WRITE${op.longterm ? ' | FOLL_LONGTERM' : ''})`, file: 'mm/gup.c', name: 'pin_user_pages' };
    }
    case 'unpin_user_pages': {
      const data: UnpinData = { name: op.pin, result: null };
      return { kind: 'unpin_user_pages', data, call: `unpin_user_pages(${op.pin})`, file: 'mm/gup.c', name: 'unpin_user_pages' };
    }
    case 'move_pages': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'move_pages', data: movePagesData(mm, c.actor.data.task, start, op.pages, op.node), call: `move_pages(${op.addr}, ${op.pages} pages, node ${op.node})`, file: 'mm/migrate.c', name: 'kernel_move_pages' };
    }
    case 'reclaim': {
      const start = resolveAddr(c, 'addr');
      return { kind: 'reclaim', data: reclaimData(mm, c.actor.data.task, start, op.pages, false), call: `reclaim(${op.addr}, ${op.pages} pages) as kswapd would`, file: 'mm/vmscan.c', name: 'shrink_folio_list' };
    }
    case 'userfaultfd': case 'UFFDIO_REGISTER': case 'UFFDIO_COPY': case 'UFFDIO_ZEROPAGE': case 'UFFDIO_MOVE':
    case 'UFFDIO_REMAP': case 'UFFDIO_WRITEPROTECT': case 'UFFDIO_WAKE': case 'uffd_serve':
      return uffdSyscall(c, op, mm);
    case 'read': case 'write': case 'sleep': case 'exit':
      throw new Error(`${prog(c).name}: op '${op.op}' has no syscall machine`);
  }
}
