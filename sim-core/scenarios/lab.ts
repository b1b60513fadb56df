// Scenario builders for the measurements of ../shared/LAB.md ("TLB shootdowns: IPIs received by the
// other CPU, per operation"). Used by the built-in scenarios' tests and by the LAB table test.
import type { Scenario } from './schema';

/** The operation measured. */
export type LabOp = 'munmap' | 'mprotect' | 'dontneed';
/** Where the peer thread is while the main thread operates. */
export type LabPeer = 'absent' | 'running' | 'sleeping';
/** How the range sits in the mapping. */
export type LabPlace = 'middle' | 'aligned' | 'unaligned';

/** Builds the measurement: main and the peer touch every page, then main does `op` on `pages` pages. */
export function labScenario(op: LabOp, pages: number, peer: LabPeer, place: LabPlace = 'middle'): Scenario {
  // "middle": one page each side; "aligned"/"unaligned": a 2 MiB-aligned mapping three tables long.
  const mapped = place === 'middle' ? pages + 2 : 1536;
  const first = place === 'middle' ? 1 : place === 'aligned' ? 512 : 256;
  const last = `buf[0..${mapped - 1}]`;
  const call = op === 'munmap' ? { op: 'munmap' as const, addr: `buf[${first}]`, pages }
    : op === 'mprotect' ? { op: 'mprotect' as const, addr: `buf[${first}]`, pages, prot: 'r' as const }
    : { op: 'madvise' as const, addr: `buf[${first}]`, pages, advice: 'dontneed' as const };
  const after = peer === 'absent' ? undefined : peer === 'running' ? 'peer#0' : 'peer#1';
  const main = {
    name: 'main', process: 'app', cpu: 0,
    ops: [
      { op: 'mmap' as const, as: 'buf', pages: mapped, prot: 'rw' as const, ...(place === 'middle' ? {} : { align: '2M' as const }) },
      { op: 'write' as const, addr: last, value: 'A' },
      { ...call, ...(after ? { after } : {}) },
    ],
  };
  const peerTask = {
    name: 'peer', process: 'app', cpu: 1,
    ops: [{ op: 'read' as const, addr: last, after: 'main#1' }, ...(peer === 'sleeping' ? [{ op: 'sleep' as const }] : [])],
  };
  return {
    v: 1, id: `lab-${op}-${pages}-${peer}-${place}`, title: `${op} of ${pages} pages, peer ${peer}`, summary: 'LAB.md measurement',
    kernel: '6.18', machine: { cpus: 2, nodes: 1, framesPerNode: 2048 },
    tasks: peer === 'absent' ? [main] : [main, peerTask],
  };
}
