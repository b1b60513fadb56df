// Checking a run against its scenario's `expect` block.
import type { Program } from '../scenarios/program';
import type { RunSummary } from './run';

const same = (a: unknown, b: unknown): boolean => (a === null || b === null ? a === b : String(a) === String(b));

/** Every way the run differs from the expectations, as readable sentences (empty: all met). */
export function checkExpect(program: Program, r: RunSummary): string[] {
  const x = program.scenario.expect;
  const out: string[] = [];
  if (r.halted) out.push(`the run stopped early: ${r.halted}`);
  if (!x) return out;
  for (const e of x.results ?? []) {
    const got = r.results.find((g) => g.task === e.task && g.index === e.index);
    const where = `result ${e.task}#${e.index}`;
    if (!got) { out.push(`${where}: no such result (the task produced ${r.results.filter((g) => g.task === e.task).length})`); continue; }
    if (e.ret !== undefined && !same(got.ret, e.ret)) out.push(`${where} (${got.op}): ret is ${JSON.stringify(got.ret)}, expected ${JSON.stringify(e.ret)}`);
    if (e.errno !== undefined && got.errno !== e.errno) out.push(`${where} (${got.op}): errno is ${got.errno ?? 'null'}, expected ${e.errno ?? 'null'}`);
    if (e.signal !== undefined && (got.signal ?? null) !== e.signal) out.push(`${where} (${got.op}): signal is ${got.signal ?? 'none'}, expected ${e.signal ?? 'none'}`);
    if (e.bytes !== undefined && got.bytes !== e.bytes) out.push(`${where} (${got.op}): bytes is ${got.bytes ?? 'none'}, expected ${e.bytes}`);
    if (e.status !== undefined && JSON.stringify(got.status ?? null) !== JSON.stringify(e.status)) out.push(`${where} (${got.op}): status is ${JSON.stringify(got.status ?? null)}, expected ${JSON.stringify(e.status)}`);
  }
  for (const [name, want] of Object.entries(x.counters ?? {})) {
    const got = r.counters[name];
    if (got === undefined) out.push(`counter ${name}: no such counter`);
    else if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`counter ${name} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  if (x.violations !== undefined && r.violations.length !== x.violations) {
    const first = r.violations[0];
    out.push(`${r.violations.length} invariant violation(s), expected ${x.violations}${first ? ` (first at step ${first.step}: ${first.message})` : ''}`);
  }
  return out;
}
