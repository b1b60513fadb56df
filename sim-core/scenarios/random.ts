// Random scenarios for robustness tests: threads and processes racing over one region with the
// memory ops, fork, reclaim, migration, pins and userfaultfd. Deterministic for a seed, so a
// failing case can be printed and replayed with `npm run sim`.
import type { Scenario, ScenarioOp, ScenarioTask } from './schema';

/** A seeded pseudo-random source (a 32-bit LCG). */
export class Rng {
  private x: number;
  constructor(seed: number) {
    this.x = seed >>> 0;
  }
  /** A number in [0, 1). */
  next(): number {
    this.x = (Math.imul(this.x, 1664525) + 1013904223) >>> 0;
    return this.x / 2 ** 32;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** One of `xs`. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

const KERNELS = ['6.18', '6.8', '6.1', '5.10', '4.14'];

// One op on `pages` pages of `buf`; pins are named per task so unpins can refer to them.
function memOp(r: Rng, pages: number, pins: string[], self: string): ScenarioOp {
  const page = r.int(pages);
  const n = 1 + r.int(Math.min(64, pages - page));
  const x = r.next();
  if (x < 0.2) return { op: 'write', addr: `buf[${page}..${Math.min(pages - 1, page + r.int(8))}]` };
  if (x < 0.3) return { op: 'read', addr: `buf[${page}]` };
  if (x < 0.36) return { op: 'munmap', addr: `buf[${page}]`, pages: n };
  if (x < 0.44) return { op: 'mprotect', addr: `buf[${page}]`, pages: n, prot: r.pick(['r', 'rw', 'none'] as const) };
  if (x < 0.52) return { op: 'madvise', addr: `buf[${page}]`, pages: n, advice: r.pick(['dontneed', 'pageout', 'hugepage', 'nohugepage', 'dontfork'] as const) };
  if (x < 0.6) return { op: 'reclaim', addr: `buf[${page}]`, pages: n };
  if (x < 0.68) return { op: 'move_pages', addr: `buf[${page}]`, pages: Math.min(n, 16), node: r.int(2) };
  if (x < 0.74) {
    pins.push(`${self}${pins.length}`);
    return { op: 'pin_user_pages', addr: `buf[${page}]`, pages: Math.min(n, 8), longterm: r.next() < 0.5, as: pins[pins.length - 1] as string };
  }
  const pin = pins.pop();
  return pin !== undefined && x < 0.8 ? { op: 'unpin_user_pages', pin } : { op: 'write', addr: `buf[${page}]` };
}

/** Two threads and maybe a fork child working on one region (THP or not), on a two-node machine. */
export function randomMemScenario(r: Rng): Scenario {
  const pages = 1024;
  const pins: string[] = [];
  const main: ScenarioOp[] = [{ op: 'mmap', as: 'buf', pages, prot: 'rw', ...(r.next() < 0.5 ? { thp: true } : {}) }, { op: 'write', addr: `buf[0..${r.int(pages)}]` }];
  for (let i = 0; i < 6; i++) main.push(memOp(r, pages, pins, 'm'));
  const fork = r.next() < 0.5;
  if (fork) main.splice(2 + r.int(4), 0, { op: 'fork', child: 'k' });
  if (r.next() < 0.3) main.push({ op: 'exit' });
  const peerPins: string[] = [];
  const peer: ScenarioOp[] = [{ ...memOp(r, pages, peerPins, 'q'), after: 'm#1' }, memOp(r, pages, peerPins, 'q'), memOp(r, pages, peerPins, 'q')];
  const tasks: ScenarioTask[] = [{ name: 'm', process: 'A', cpu: 0, ops: main }, { name: 'q', process: 'A', cpu: 1, ops: peer }];
  if (fork) {
    const kidPins: string[] = [];
    tasks.push({ name: 'k', process: 'K', cpu: 2, forkedBy: 'm', ops: [memOp(r, pages, kidPins, 'k'), memOp(r, pages, kidPins, 'k'), memOp(r, pages, kidPins, 'k')] });
  }
  return { v: 1, id: 'random-mem', title: 'random', summary: 'random', kernel: r.pick(KERNELS), machine: { cpus: 4, nodes: 2, framesPerNode: 8192, swapPages: 512 }, tasks };
}

function uffdOp(r: Rng, pages: number): ScenarioOp {
  const page = r.int(pages);
  const n = 1 + r.int(pages - page);
  const x = r.next();
  if (x < 0.2) return { op: 'UFFDIO_COPY', uffd: 'u', dst: `buf[${page}]`, pages: n };
  if (x < 0.32) return { op: 'UFFDIO_ZEROPAGE', uffd: 'u', dst: `buf[${page}]`, pages: n };
  if (x < 0.46) return { op: 'UFFDIO_MOVE', uffd: 'u', dst: `buf[${page}]`, src: `src[${page}]`, pages: n, ...(r.next() < 0.5 ? { mode: ['allow_src_holes' as const] } : {}) };
  if (x < 0.6) return { op: 'UFFDIO_WRITEPROTECT', uffd: 'u', addr: `buf[${page}]`, pages: n, wp: r.next() < 0.5 };
  if (x < 0.68) return { op: 'UFFDIO_WAKE', uffd: 'u', addr: `buf[${page}]`, pages: n };
  if (x < 0.76) return { op: 'UFFDIO_REGISTER', uffd: 'u', addr: `buf[${page}]`, pages: n, mode: ['missing'] };
  if (x < 0.84) return { op: 'reclaim', addr: `buf[${page}]`, pages: n };
  return { op: r.pick(['read', 'write'] as const), addr: `buf[${page}]` };
}

/** A process registering a region with userfaultfd, a thread faulting in it, a handler (maybe in another process) and maybe a fork child. */
export function randomUffdScenario(r: Rng): Scenario {
  const pages = 16;
  const owner: ScenarioOp[] = [
    { op: 'mmap', as: 'buf', pages, prot: 'rw', ...(r.next() < 0.3 ? { thp: true } : {}) },
    { op: 'mmap', as: 'src', pages, prot: 'rw' },
    { op: 'write', addr: `src[0..${pages - 1}]` },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages, mode: r.next() < 0.5 ? ['missing'] : ['missing', 'wp'] },
  ];
  for (let i = r.int(3); i > 0; i--) owner.push(uffdOp(r, pages));
  const fork = r.next() < 0.4;
  if (fork) owner.push({ op: 'fork', child: 'k' }, { op: 'write', addr: `buf[${r.int(pages)}]` });
  else if (r.next() < 0.5) owner.push({ op: 'exit' });
  const handler: ScenarioOp[] = Array.from({ length: 1 + r.int(3) }, () => uffdOp(r, pages));
  handler[0] = { ...(handler[0] as ScenarioOp), after: 'a#4' };
  if (r.next() < 0.5) handler.push({ op: 'uffd_serve', uffd: 'u', resolve: r.pick(['copy', 'zeropage', 'move', 'unprotect'] as const), src: 'src', count: 1 + r.int(3) });
  const tasks: ScenarioTask[] = [
    { name: 'a', process: 'A', cpu: 0, ops: owner },
    { name: 'b', process: 'A', cpu: 1, ops: [{ op: r.pick(['read', 'write'] as const), addr: `buf[${r.int(pages)}]`, after: 'a#4' }, ...(r.next() < 0.5 ? [{ op: 'exit' } as const] : [])] },
    { name: 'h', process: r.next() < 0.5 ? 'B' : 'A', cpu: 2, ops: handler },
  ];
  if (fork) tasks.push({ name: 'k', process: 'K', cpu: 3, forkedBy: 'a', ops: [{ op: 'write', addr: `buf[${r.int(pages)}]` }, { op: 'reclaim', addr: 'src', pages }, { op: 'read', addr: `src[${r.int(pages)}]` }] });
  return { v: 1, id: 'random-uffd', title: 'random', summary: 'random', kernel: r.pick(KERNELS), machine: { cpus: 4, nodes: 1, framesPerNode: 4096 }, tasks };
}
