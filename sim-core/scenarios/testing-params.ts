// A small scenario with parameters and instances, for the tests of parameters (unit, CLI, worker, e2e).

/** N readers of one buffer: the writer fills it, the readers read it, then the writer unmaps it. */
export function readersScenario(): Record<string, unknown> {
  return {
    v: 1, id: 'readers', title: '${readers} readers of one buffer',
    summary: 'Readers read a buffer the writer filled; then the writer unmaps it, and every reader CPU must be flushed.',
    params: {
      readers: { doc: 'Reader threads, one per CPU', min: 1, max: 7, default: 2 },
      pages: { doc: 'Pages in the buffer', min: 1, max: 64, default: 4 },
      then: { doc: 'What each reader does after reading: sleep (its CPU idles in lazy TLB mode) or exit', values: ['sleep', 'exit'], default: 'sleep' },
    },
    machine: { cpus: 8 },
    tasks: [
      { name: 'writer', process: 'app', cpu: 0, ops: [
        { op: 'mmap', as: 'buf', pages: '$pages', prot: 'rw' },
        { op: 'write', addr: 'buf[0..${pages-1}]', value: 'A' },
        { op: 'munmap', addr: 'buf', pages: '$pages', after: 'reader${readers-1}#1' },
      ] },
      { name: 'reader', instances: '$readers', process: 'app', cpu: 1, ops: [
        { op: 'read', addr: 'buf[0..${pages-1}]', after: 'writer#1', note: 'Reader ${i} reads every page on CPU ${i+1}.' },
        { op: '$then' },
      ] },
    ],
    expect: { counters: { 'tlb.shootdowns': '$readers' }, results: [{ task: 'reader0', index: 0, ret: 'A' }] },
  };
}
