// The benchmark's workloads, built as scenario documents.
import type { Scenario, ScenarioTask } from '../scenarios/schema';

/** 64 threads of one process each touch their slice of 262,144 pages; then the first munmaps it all. */
export function bigTouchAndUnmap(cpus = 64, pages = 262_144): Scenario {
  const slice = pages / cpus;
  const tasks: ScenarioTask[] = Array.from({ length: cpus }, (_, i) => {
    const write = { op: 'write' as const, addr: `buf[${i * slice}..${(i + 1) * slice - 1}]`, value: `T${i}`, ...(i === 0 ? {} : { after: 't0#0' }) };
    // A chain of "after"s makes t1's op only complete once every slice is written.
    const barrier = i < cpus - 1 ? [{ op: 'read' as const, addr: `buf[${i * slice}]`, after: `t${i + 1}#${i + 1 === cpus - 1 ? 0 : 1}` }] : [];
    const ops = i === 0
      ? [{ op: 'mmap' as const, as: 'buf', pages, prot: 'rw' as const }, write, ...barrier, { op: 'munmap' as const, addr: 'buf', pages }]
      : [write, ...barrier];
    return { name: `t${i}`, process: 'app', cpu: i, ops };
  });
  return {
    v: 1, id: 'bench-big', title: `${cpus} CPUs touch ${pages} pages, then munmap`, summary: 'benchmark', kernel: '6.18',
    machine: { cpus, nodes: 1, framesPerNode: pages + 4096 }, tasks,
  };
}

/** About 100,000 steps: 8 threads touch and re-read 11,000 pages. */
export function hundredThousandSteps(): Scenario {
  const cpus = 8;
  const slice = 1375;
  const tasks: ScenarioTask[] = Array.from({ length: cpus }, (_, i) => ({
    name: `t${i}`, process: 'app', cpu: i,
    ops: i === 0
      ? [{ op: 'mmap' as const, as: 'buf', pages: cpus * slice, prot: 'rw' as const }, { op: 'write' as const, addr: `buf[0..${slice - 1}]` }, { op: 'read' as const, addr: `buf[0..${slice - 1}]` }]
      : [{ op: 'write' as const, addr: `buf[${i * slice}..${(i + 1) * slice - 1}]`, after: 't0#0' }, { op: 'read' as const, addr: `buf[${i * slice}..${(i + 1) * slice - 1}]` }],
  }));
  return { v: 1, id: 'bench-100k', title: '100k steps', summary: 'benchmark', kernel: '6.18', machine: { cpus, nodes: 1, framesPerNode: 16384 }, tasks };
}
