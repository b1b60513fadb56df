// Scenario documents that exercise userfaultfd, shared by the unit tests and the e2e tests (plain
// data: no engine, no DOM). `basic`: a handler resolves 4 missing-page faults of a vCPU with
// UFFDIO_COPY. `wp`: a writer hits a uffd-wp protected page and the handler un-protects it.
// `unpopulated`: UFFD_FEATURE_WP_UNPOPULATED protects never-touched pages with PTE markers.

/** A handler resolving 4 missing-page faults from a vCPU with UFFDIO_COPY. */
export const UFFD_BASIC = {
  v: 1, id: 'uffd-basic', title: 'A handler resolves a vCPU’s missing pages', summary: 'Four missing-page faults, each resolved with UFFDIO_COPY.', kernel: '6.18',
  machine: { cpus: 2 },
  tasks: [
    { name: 'handler', process: 'vm', cpu: 0, ops: [
      { op: 'mmap', as: 'guest', pages: 4, prot: 'rw' },
      { op: 'userfaultfd', as: 'uffd' },
      { op: 'UFFDIO_REGISTER', uffd: 'uffd', addr: 'guest', pages: 4, mode: ['missing'] },
      { op: 'uffd_serve', uffd: 'uffd', resolve: 'copy', count: 4 },
    ] },
    { name: 'vcpu', process: 'vm', cpu: 1, ops: [
      { op: 'write', addr: 'guest[0..3]', value: 'G', after: 'handler#2' },
      { op: 'read', addr: 'guest[2]' },
    ] },
  ],
} as const;

/** A writer faulting on a uffd-wp protected page; the handler un-protects it (mode 0). */
export const UFFD_WP = {
  v: 1, id: 'uffd-wp', title: 'A write to a uffd-wp page', summary: 'UFFDIO_WRITEPROTECT, a writer, and the handler un-protecting its page.', kernel: '6.18',
  machine: { cpus: 2 },
  tasks: [
    { name: 'handler', process: 'vm', cpu: 0, ops: [
      { op: 'mmap', as: 'guest', pages: 4, prot: 'rw' },
      { op: 'write', addr: 'guest[0..3]', value: 'A' },
      { op: 'userfaultfd', as: 'uffd' },
      { op: 'UFFDIO_REGISTER', uffd: 'uffd', addr: 'guest', pages: 4, mode: ['wp'] },
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'uffd', addr: 'guest', pages: 4, wp: true },
      { op: 'uffd_serve', uffd: 'uffd', resolve: 'unprotect', count: 1 },
    ] },
    { name: 'writer', process: 'vm', cpu: 1, ops: [
      { op: 'write', addr: 'guest[1]', value: 'B', after: 'handler#4' },
    ] },
  ],
} as const;

/** UFFD_FEATURE_WP_UNPOPULATED and THREAD_ID: protecting untouched pages installs uffd-wp markers. */
export const UFFD_UNPOPULATED = {
  v: 1, id: 'uffd-unpopulated', title: 'uffd-wp markers', summary: 'Write-protecting pages that were never touched.', kernel: '6.18',
  machine: { cpus: 2 },
  tasks: [
    { name: 'handler', process: 'vm', cpu: 0, ops: [
      { op: 'mmap', as: 'guest', pages: 4, prot: 'rw' },
      { op: 'write', addr: 'guest[0]', value: 'A' },
      { op: 'userfaultfd', as: 'uffd', features: ['wp_unpopulated', 'thread_id'] },
      { op: 'UFFDIO_REGISTER', uffd: 'uffd', addr: 'guest', pages: 4, mode: ['wp'] },
      { op: 'UFFDIO_WRITEPROTECT', uffd: 'uffd', addr: 'guest', pages: 4, wp: true },
      { op: 'uffd_serve', uffd: 'uffd', resolve: 'unprotect', count: 1 },
    ] },
    { name: 'writer', process: 'vm', cpu: 1, ops: [
      { op: 'write', addr: 'guest[2]', value: 'B', after: 'handler#4' },
    ] },
  ],
} as const;
