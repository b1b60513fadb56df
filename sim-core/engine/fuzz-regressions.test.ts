// Runs the random-scenario fuzzer (.prof, not shipped) once broke: each must now run to the end with
// no invariant broken. The scenarios are kept as the fuzzer wrote them.
import { describe, expect, it } from 'vitest';
import { run } from '../scenarios/testing';
import type { Scenario } from '../scenarios/schema';

const found = (rest: Omit<Scenario, 'v' | 'id' | 'title' | 'summary'>): Scenario => ({ v: 1, id: 'fz', title: 't', summary: 's', ...rest } as Scenario);

describe('scenarios the fuzzer broke', () => {
  it('keeps a THP whose copy-on-write fault holds a reference (do_huge_pmd_wp_page) out of reclaim\'s split', () => {
    const r = run(found({"kernel": "4.14", "machine": {"cpus": 4, "nodes": 2, "framesPerNode": 8192, "swapPages": 512}, "tasks": [{"name": "m", "process": "A", "cpu": 0, "ops": [{"op": "mmap", "as": "buf", "pages": 1024, "prot": "rw", "thp": true}, {"op": "write", "addr": "buf[0..483]"}, {"op": "read", "addr": "buf[633]"}, {"op": "write", "addr": "buf[245..246]"}, {"op": "fork", "child": "k"}, {"op": "mprotect", "addr": "buf[1021]", "pages": 1, "prot": "r"}, {"op": "write", "addr": "buf[729]"}, {"op": "write", "addr": "buf[584..587]"}, {"op": "write", "addr": "buf[796]"}]}, {"name": "q", "process": "A", "cpu": 1, "ops": [{"op": "munmap", "addr": "buf[885]", "pages": 6, "after": "m#1"}, {"op": "write", "addr": "buf[721..723]"}, {"op": "reclaim", "addr": "buf[146]", "pages": 60}, {"op": "exit"}]}, {"name": "k", "process": "K", "cpu": 2, "forkedBy": "m", "ops": [{"op": "write", "addr": "buf[289..296]"}, {"op": "write", "addr": "buf[890]"}, {"op": "pin_user_pages", "addr": "buf[676]", "pages": 8, "longterm": false, "as": "kp1"}, {"op": "exit"}]}]}));
    expect(r.violations).toEqual([]);
    expect(r.halted).toBeNull();
  });

  it('leaves PTEs whose flush a reclaim batch defers to that batch when an unrelated flush of the range completes', () => {
    const r = run(found({"kernel": "5.10", "machine": {"cpus": 4, "nodes": 2, "framesPerNode": 8192, "swapPages": 512}, "tasks": [{"name": "m", "process": "A", "cpu": 0, "ops": [{"op": "mmap", "as": "buf", "pages": 1024, "prot": "rw", "thp": true}, {"op": "write", "addr": "buf[0..442]"}, {"op": "write", "addr": "buf[810]"}, {"op": "reclaim", "addr": "buf[581]", "pages": 39}, {"op": "write", "addr": "buf[751..756]"}, {"op": "write", "addr": "buf[360]"}, {"op": "write", "addr": "buf[935..942]"}, {"op": "madvise", "addr": "buf[374]", "pages": 25, "advice": "dontfork"}, {"op": "exit"}]}, {"name": "q", "process": "A", "cpu": 1, "ops": [{"op": "munmap", "addr": "buf[556]", "pages": 17, "after": "m#1"}, {"op": "write", "addr": "buf[771]"}, {"op": "write", "addr": "buf[112..114]"}]}]}));
    expect(r.violations).toEqual([]);
    expect(r.halted).toBeNull();
  });

  it('keeps the anon_vma alive when mprotect merges a VMA into a neighbour that owns it (dup_anon_vma before the neighbour goes)', () => {
    const r = run(found({"kernel": "6.18", "machine": {"cpus": 4, "nodes": 1, "framesPerNode": 4096}, "tasks": [{"name": "a", "process": "A", "cpu": 0, "ops": [{"op": "mmap", "as": "buf", "pages": 16, "prot": "rw", "thp": true}, {"op": "mmap", "as": "src", "pages": 16, "prot": "rw"}, {"op": "write", "addr": "src[0..15]"}, {"op": "userfaultfd", "as": "u", "features": ["wp_unpopulated"]}, {"op": "UFFDIO_REGISTER", "uffd": "u", "addr": "buf", "pages": 16, "mode": ["missing", "wp"]}, {"op": "mprotect", "addr": "buf[4]", "pages": 4, "prot": "none"}, {"op": "UFFDIO_ZEROPAGE", "uffd": "u", "dst": "buf[10]", "pages": 2}, {"op": "mprotect", "addr": "buf[7]", "pages": 6, "prot": "rw"}, {"op": "exit"}]}, {"name": "b", "process": "A", "cpu": 1, "ops": [{"op": "read", "addr": "buf[12]", "after": "a#4"}, {"op": "exit"}]}, {"name": "h", "process": "B", "cpu": 2, "ops": [{"op": "UFFDIO_COPY", "uffd": "u", "dst": "buf[14]", "pages": 1, "after": "a#4"}, {"op": "uffd_serve", "uffd": "u", "resolve": "copy", "src": "src", "count": 1}]}]}));
    expect(r.violations).toEqual([]);
    expect(r.halted).toBeNull();
  });

  it('keeps a THP whole when a copy-on-write fault takes a reference between unmap_folio and the split (folio_ref_freeze fails)', () => {
    const r = run(found({"kernel": "4.14", "machine": {"cpus": 4, "nodes": 2, "framesPerNode": 8192, "swapPages": 512}, "tasks": [{"name": "m", "process": "A", "cpu": 0, "ops": [{"op": "mmap", "as": "buf", "pages": 1024, "prot": "rw", "thp": true}, {"op": "write", "addr": "buf[0..940]"}, {"op": "write", "addr": "buf[82..84]"}, {"op": "fork", "child": "k"}, {"op": "reclaim", "addr": "buf[520]", "pages": 38}, {"op": "write", "addr": "buf[1004]"}, {"op": "reclaim", "addr": "buf[761]", "pages": 14}, {"op": "read", "addr": "buf[847]"}, {"op": "write", "addr": "buf[843]"}, {"op": "exit"}]}, {"name": "q", "process": "A", "cpu": 1, "ops": [{"op": "write", "addr": "buf[8]", "after": "m#1"}, {"op": "write", "addr": "buf[513]"}, {"op": "write", "addr": "buf[858]"}]}, {"name": "k", "process": "K", "cpu": 2, "forkedBy": "m", "ops": [{"op": "pin_user_pages", "addr": "buf[770]", "pages": 8, "longterm": false, "as": "kp1"}, {"op": "unpin_user_pages", "pin": "kp1"}, {"op": "read", "addr": "buf[312]"}]}]}));
    expect(r.violations).toEqual([]);
    expect(r.halted).toBeNull();
  });
});
