// Every count of LAB.md's "TLB shootdowns" table, measured on Linux 6.18, reproduced by the simulator.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../engine/run';
import { type LabOp, type LabPeer, type LabPlace, labScenario } from './lab';
import { parseScenario } from './parse';

interface Row { op: LabOp; pages: number[]; place: LabPlace; absent: number; running: number; sleeping: number }

// ../shared/LAB.md, "TLB shootdowns: IPIs received by the other CPU, per operation".
const TABLE: Row[] = [
  { op: 'munmap', pages: [1, 32, 64], place: 'middle', absent: 0, running: 1, sleeping: 0 },
  { op: 'munmap', pages: [1024], place: 'middle', absent: 0, running: 1, sleeping: 1 },
  { op: 'munmap', pages: [512], place: 'aligned', absent: 0, running: 1, sleeping: 1 },
  { op: 'munmap', pages: [512], place: 'unaligned', absent: 0, running: 1, sleeping: 0 },
  { op: 'mprotect', pages: [1, 32, 64, 1024], place: 'middle', absent: 0, running: 1, sleeping: 0 },
  { op: 'dontneed', pages: [1, 32, 64], place: 'middle', absent: 0, running: 1, sleeping: 0 },
];

const cases = TABLE.flatMap((r) => r.pages.flatMap((pages) => (['absent', 'running', 'sleeping'] as LabPeer[]).map((peer) => ({ ...r, pages, peer, want: r[peer] }))));

describe('LAB.md TLB shootdown table', () => {
  it.each(cases)('$op of $pages pages ($place) with the peer $peer makes the other CPU receive $want flush IPI(s)', ({ op, pages, peer, place, want }) => {
    const r = runProgram(parseScenario(labScenario(op, pages, peer, place)));
    expect(r.halted).toBeNull();
    expect(r.violations).toEqual([]);
    expect(r.counters['tlb.shootdowns']).toBe(want);
    expect(r.counters['tlb.shootdowns.byCpu']).toEqual(peer === 'absent' ? [0, 0] : [0, want]);
    const last = r.results.find((x) => x.task === 'main' && x.index === 2);
    expect(last?.errno).toBeNull();
  });

  it('never counts a shootdown on the initiating CPU, whatever the operation', () => {
    for (const c of cases) {
      const r = runProgram(parseScenario(labScenario(c.op, c.pages, c.peer, c.place)));
      expect((r.counters['tlb.shootdowns.byCpu'] as number[])[0]).toBe(0);
    }
  });
});
