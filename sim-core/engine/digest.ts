// A stable hash of the world's observable state: the same scenario, parameters and choices must
// give the same digest on every run and every machine.

// FNV-1a, 64 bits as two 32-bit halves (Math.imul keeps it exact in JS numbers).
class Fnv {
  private h1 = 0x811c9dc5;
  private h2 = 0xcbf29ce4;
  /** Feeds a string. */
  add(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.h1 = Math.imul(this.h1 ^ c, 0x01000193) >>> 0;
      this.h2 = Math.imul(this.h2 ^ c ^ (this.h1 >>> 7), 0x01000193) >>> 0;
    }
    this.h1 = Math.imul(this.h1 ^ 0x1f, 0x01000193) >>> 0;
  }
  /** The hash as 16 hex digits. */
  hex(): string {
    return this.h2.toString(16).padStart(8, '0') + this.h1.toString(16).padStart(8, '0');
  }
}

import type { World } from '../model/world';
import { describePte } from '../model/pte';
import { FRAME } from '../model/physmem';

/** Hashes mms (VMAs, page tables), folios, page contents, CPUs and TLBs, tasks and counters. */
export function digestWorld(w: World): string {
  const h = new Fnv();
  for (const m of [...w.mms.values()].sort((a, b) => a.id - b.id)) {
    h.add(`mm ${m.id} ${m.process} pgd ${m.pgd} gen ${m.tlbGen} mask ${m.cpumask.map(Number).join('')} rss ${m.rss.anon}`);
    for (const v of m.vmas) h.add(`vma ${v.id} ${v.start} ${v.end} ${v.flags} ${v.pgoff} ${v.anonVma ?? '-'}${v.uffd === null ? '' : ` uffd${v.uffd}`}`);
  }
  for (const t of [...w.tables.values()].sort((a, b) => a.pfn - b.pfn)) {
    h.add(`pt ${t.pfn} L${t.level} mm${t.mm} used ${t.used}`);
    t.entries.forEach((e, i) => { if (e.kind !== 'none') h.add(`${i}:${e.kind === 'table' || e.kind === 'huge' ? `${e.kind} ${e.pfn}` : describePte(e)}`); });
  }
  for (const f of [...w.mem.folios.values()].sort((a, b) => a.pfn - b.pfn)) {
    h.add(`folio ${f.pfn} o${f.order} r${f.refcount} m${f.mapcount} p${f.pincount} f${f.flags} av${f.anonVma ?? '-'} i${f.index}`);
  }
  const m = w.mem;
  for (let p = 0; p < m.kind.length; p++) if (m.kind[p] === FRAME.head || m.kind[p] === FRAME.tail) h.add(`c${p}=${m.content[p] ?? ''}/${m.pageFlags[p] ?? 0}`);
  for (const c of w.cpus) {
    h.add(`cpu ${c.id} task ${c.task ?? '-'} mm ${c.loadedMm ?? '-'} lazy ${c.isLazy} asid ${c.asid} ${c.asids.map((a) => `${a.mm ?? '-'}@${a.tlbGen}`).join(',')}`);
    for (const e of c.tlb) h.add(`tlb ${e.asid} ${e.vpn} ${e.pfn} ${e.writable} ${e.dirty}`);
  }
  for (const t of w.tasks) h.add(`task ${t.id} ${t.status} ${t.mm ?? '-'}`);
  for (const u of w.uffds.values()) h.add(`uffd ${u.id} mm${u.mm} pending ${u.pending.map((x) => x.id).join(',')} read ${u.read.map((x) => x.id).join(',')}`);
  h.add(JSON.stringify(w.counters));
  return h.hex();
}
