// Tasks sharing a CPU: it runs one at a time, handing over when the one on it blocks, sleeps, exits
// or has no ops left (kernel/sched.ts leaveCpu; engine/scheduler.ts readyTime).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parse';
import { result, run, runEngine, scenario } from '../scenarios/testing';
import type { ScenarioTask } from '../scenarios/schema';
import { createEngine } from './setup';
import type { StepRecord } from './engine';

const ONE_CPU = { machine: { cpus: 2, nodes: 1, framesPerNode: 4096 } };

// LAB's "same CPU" column: the faulting thread and its handler both on CPU0.
const postcopyOnOneCpu: ScenarioTask[] = [
  { name: 'main', process: 'vm', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages: 4, prot: 'rw' },
    { op: 'userfaultfd', as: 'u' },
    { op: 'UFFDIO_REGISTER', uffd: 'u', addr: 'buf', pages: 4, mode: ['missing'] },
    { op: 'write', addr: 'buf[0..3]', value: 'A' },
    { op: 'read', addr: 'buf[3]' },
  ] },
  { name: 'handler', process: 'vm', cpu: 0, ops: [{ op: 'uffd_serve', uffd: 'u', resolve: 'copy', count: 4, after: 'main#2' }] },
];

function records(tasks: ScenarioTask[]): StepRecord[] {
  const e = createEngine(parseScenario(scenario(tasks, ONE_CPU)));
  const out: StepRecord[] = [];
  for (let r = e.step(); r; r = e.step()) out.push(r);
  return out;
}

describe('tasks sharing a CPU', () => {
  it('lets a userfaultfd handler on the faulting CPU serve every fault: the CPU alternates between them, with no IPI', () => {
    const r = run(scenario(postcopyOnOneCpu, ONE_CPU));
    expect(result(r, 'handler', 0).ret).toBe(4);
    expect(result(r, 'main', 4).ret).toBe('A');
    expect(r.counters['faults.major']).toBe(4);
    expect(r.counters['tlb.shootdowns']).toBe(0);
    expect(r.violations).toEqual([]);
    expect(records(postcopyOnOneCpu).every((x) => x.cpu === 0)).toBe(true);
  });

  it('hands the CPU straight to the handler the fault wakes, and back to the faulting task when the handler sleeps', () => {
    const says = records(postcopyOnOneCpu).map((x) => x.say);
    expect(says.some((s) => s.includes('handler sleeps in poll() on fd_wqh (CPU0 switches to main)'))).toBe(true);
    expect(says.some((s) => s.includes('main wakes on CPU0: switch_mm_irqs_off same mm, already loaded: nothing to do'))).toBe(true);
  });

  it('keeps a task woken while another holds its CPU waiting until that task gives the CPU up', () => {
    const tasks: ScenarioTask[] = [
      { name: 'a', process: 'p', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 8, prot: 'rw' },
        { op: 'write', addr: 'buf[0]', value: 'A' },
        { op: 'write', addr: 'buf[1..7]', value: 'B' },
      ] },
      { name: 'b', process: 'p', cpu: 0, ops: [{ op: 'read', addr: 'buf[0]', after: 'a#1' }] },
    ];
    const recs = records(tasks);
    const lastOfA = recs.findLastIndex((x) => x.task === 0 && x.say.includes('has run all its ops'));
    const firstOfB = recs.findIndex((x) => x.task === 1 && x.kind === 'task' && x.from !== 'start' && x.from !== 'next_op');
    expect(lastOfA).toBeGreaterThan(0);
    expect(firstOfB).toBeGreaterThan(lastOfA);
    expect(result(run(scenario(tasks, ONE_CPU)), 'b', 0).ret).toBe('A');
  });

  it('gives a task that finished its ops its CPU back, mm loaded and not lazy, when the task that preempted it sleeps', () => {
    const tasks: ScenarioTask[] = [
      { name: 'a', process: 'p', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 2, prot: 'rw' }, { op: 'write', addr: 'buf[0]' }] },
      { name: 'b', process: 'p', cpu: 0, ops: [{ op: 'write', addr: 'buf[1]', after: 'a#1' }, { op: 'sleep' }] },
    ];
    const w = runEngine(scenario(tasks, ONE_CPU)).state.world;
    expect(w.cpus[0]?.task).toBe(0);
    expect(w.cpus[0]?.isLazy).toBe(false);
    expect(records(tasks).some((x) => x.say.includes('b goes to sleep for good: CPU0 switches to a'))).toBe(true);
  });

  it('sends no IPI for a munmap when the only other thread of the mm waits on the same CPU', () => {
    const tasks: ScenarioTask[] = [
      { name: 'main', process: 'p', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 34, prot: 'rw' },
        { op: 'write', addr: 'buf[0..33]' },
        { op: 'munmap', addr: 'buf[1]', pages: 32, after: 'peer#0' },
      ] },
      { name: 'peer', process: 'p', cpu: 0, ops: [{ op: 'read', addr: 'buf[0..33]', after: 'main#1' }] },
    ];
    const r = run(scenario(tasks, ONE_CPU));
    expect(r.counters['tlb.shootdowns']).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('switches the CPU back to a task whose machine resumes while another process holds it, so no access uses the other mm\'s TLB entries', () => {
    // Found by fuzzing: parent and forked child on CPU0 (kernel 4.14), a THP region reclaimed, pinned,
    // migrated and mprotected while the child writes.
    const tasks: ScenarioTask[] = [
      { name: 'm', process: 'A', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: 1024, prot: 'rw', thp: true }, { op: 'write', addr: 'buf[0..871]' },
        { op: 'reclaim', addr: 'buf[645]', pages: 58 }, { op: 'write', addr: 'buf[167]' }, { op: 'fork', child: 'k' },
        { op: 'pin_user_pages', addr: 'buf[308]', pages: 8, longterm: true, as: 'mp1' }, { op: 'move_pages', addr: 'buf[171]', pages: 16, node: 0 },
        { op: 'mprotect', addr: 'buf[740]', pages: 6, prot: 'r' }, { op: 'write', addr: 'buf[944..947]' }, { op: 'exit' },
      ] },
      { name: 'q', process: 'A', cpu: 1, ops: [
        { op: 'madvise', addr: 'buf[225]', pages: 56, advice: 'pageout', after: 'm#1' }, { op: 'write', addr: 'buf[454]' }, { op: 'write', addr: 'buf[567..571]' },
      ] },
      { name: 'k', process: 'K', cpu: 0, forkedBy: 'm', ops: [{ op: 'write', addr: 'buf[977]' }, { op: 'write', addr: 'buf[722..722]' }, { op: 'read', addr: 'buf[945]' }] },
    ];
    const r = run(scenario(tasks, { kernel: '4.14', machine: { cpus: 4, nodes: 2, framesPerNode: 8192, swapPages: 512 } }));
    expect(r.violations).toEqual([]);
    expect(r.stalled).toEqual([]);
    expect(result(r, 'k', 2).ret).toBe('0'); // the parent wrote buf[944..947] only after the fork
  });
});

