// Applying userfaultfd plan ops: contexts and their message queues (fs/userfaultfd.c).
import type { PlanOp } from '../kernel/plan';
import type { UffdCtx } from '../model/uffd';
import type { World } from '../model/world';

type UffdOp = Extract<PlanOp, { op: 'uffd_create' | 'uffd_queue' | 'uffd_read' | 'uffd_dequeue' }>;

function ctxAt(w: World, id: number): UffdCtx {
  const c = w.uffds.get(id);
  if (!c) throw new Error(`no userfaultfd context ${id}`);
  return c;
}

/** Applies one userfaultfd op. */
export function applyUffd(w: World, op: UffdOp): void {
  switch (op.op) {
    case 'uffd_create':
      w.seq.uffd = Math.max(w.seq.uffd, op.id + 1);
      w.uffds.set(op.id, { id: op.id, name: op.name, mm: op.mm, fd: op.fd, features: op.features, pending: [], read: [], nextMsg: 1 });
      return;
    case 'uffd_queue': {
      const c = ctxAt(w, op.uffd);
      c.pending.push(op.msg);
      c.nextMsg = Math.max(c.nextMsg, op.msg.id + 1);
      return;
    }
    case 'uffd_read': {
      // userfaultfd_ctx_read: the oldest pending fault is refiled from fault_pending_wqh to fault_wqh.
      const c = ctxAt(w, op.uffd);
      const m = c.pending.find((x) => x.id === op.msg);
      if (!m) throw new Error(`uffd ${op.uffd}: no pending message ${op.msg}`);
      c.pending = c.pending.filter((x) => x !== m);
      c.read.push(m);
      return;
    }
    case 'uffd_dequeue': {
      const c = ctxAt(w, op.uffd);
      const gone = new Set(op.msgs);
      c.pending = c.pending.filter((x) => !gone.has(x.id));
      c.read = c.read.filter((x) => !gone.has(x.id));
      return;
    }
  }
}
