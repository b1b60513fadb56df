// Allocating the page-table path down to a PTE table for an address (pud_alloc, pmd_alloc,
// __pte_alloc in mm/memory.c), as fork's copy_pte_range does for the child.
import type { Mm } from '../model/mm';
import { alignDown, entrySpan, type Level, tableIndex } from '../model/layout';
import type { PageTable } from '../model/pagetable';
import type { Pte, TableEntry } from '../model/pte';
import type { World } from '../model/world';
import type { PfnRef, Plan } from './plan';

/** The table at `target` level (PTE by default) for `addr` in `mm`, allocating any missing level above it. */
export function ensurePteTable(w: World, mm: Mm, addr: number, node: number, plan: Plan, target: 1 | 2 | 3 = 1): { table: PfnRef; index: number; allocated: number } {
  let table: PfnRef = mm.pgd;
  let level: Level = 4;
  let allocated = 0;
  let known = true;
  while (level > target) {
    const t: PageTable | undefined = known && typeof table === 'number' ? w.tables.get(table) : undefined;
    const e: Pte | TableEntry | undefined = t?.entries[tableIndex(addr, level)];
    const child = (level - 1) as Level;
    if (e?.kind === 'table') {
      table = e.pfn;
    } else {
      const as = plan.ref('pt');
      plan.add({ op: 'alloc_pgtable', mm: mm.id, level: child, base: alignDown(addr, entrySpan(level)), parent: { table, index: tableIndex(addr, level) }, node, as })
        .add({ op: 'mm_pgtables', mm: mm.id, delta: 1 });
      table = { ref: as };
      known = false;
      allocated++;
    }
    level = child;
  }
  return { table, index: tableIndex(addr, target), allocated };
}
