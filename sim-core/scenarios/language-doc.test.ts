// LANGUAGE.md stays in step with the code: every op of the schema has a row in the Ops tables naming
// each of its fields and their choices, and every counter has a row in the Counters table.
// eslint-disable-next-line no-restricted-imports -- the test reads the document it guards; no simulation code does I/O
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTER_HELP, COUNTER_NAMES } from '../model/counters';
import { OpSchema, UFFD_FEATURES } from './schema';

const DOC = readFileSync(new URL('./LANGUAGE.md', import.meta.url), 'utf8');
/** Fields every op may carry, documented once above the table. */
const COMMON = new Set(['op', 'after', 'repeat', 'stride', 'note']);

/** The text of a `## title` section, up to the next `## ` heading (its ### subsections included). */
function section(doc: string, title: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Table rows of a section (header and separator rows left out), split into trimmed cells. */
function rows(text: string): string[][] {
  return text.split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .map((l) => l.replace(/\\\|/g, '\uE000').split('|').slice(1, -1).map((c) => c.replace(/\uE000/g, '|').trim()))
    .filter((cells) => !['op', 'name'].includes(cells[0] ?? ''));
}

/** The names written in backticks in a cell, each cut to its leading word (`align?: "2M"` → align). */
function names(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => /^[\w.]+/.exec(m[1] ?? '')?.[0] ?? '').filter(Boolean);
}

interface Schemaish { readonly type?: string; readonly options?: readonly unknown[]; readonly wrapped?: Schemaish; readonly item?: Schemaish }

// The choices a field accepts: a picklist's options, looking through optional() and array().
function choices(s: Schemaish | undefined): string[] {
  if (!s) return [];
  if (s.type === 'picklist') return (s.options ?? []).map(String);
  return [...choices(s.wrapped), ...choices(s.item)];
}

/** Each op of the schema with its own fields and, per field, the values it may take. */
function schemaOps(): { op: string; fields: { name: string; choices: string[] }[] }[] {
  return OpSchema.options.map((o) => ({
    op: (o.entries.op as unknown as { literal: string }).literal,
    fields: Object.entries(o.entries).filter(([k]) => !COMMON.has(k)).map(([name, s]) => ({ name, choices: choices(s as Schemaish) })),
  }));
}

/** Everything the Ops tables of `doc` miss or invent; empty when they match the schema. */
function opsProblems(doc: string): string[] {
  const table = new Map(rows(section(doc, 'Ops')).map((cells) => [names(cells[0] ?? '')[0] ?? '', cells]));
  const out: string[] = [];
  const ops = schemaOps();
  for (const { op, fields } of ops) {
    const cells = table.get(op);
    if (!cells) { out.push(`op '${op}' has no row`); continue; }
    const documented = new Set(names(cells[1] ?? ''));
    const row = cells.join(' | ');
    for (const f of fields) {
      if (!documented.has(f.name)) out.push(`op '${op}': field '${f.name}' is not in its fields column`);
      for (const c of f.choices) if (!row.includes(`\`${c}\``)) out.push(`op '${op}': ${f.name} value '${c}' is not in its row`);
    }
  }
  const known = new Set(ops.map((o) => o.op));
  for (const op of table.keys()) if (!known.has(op)) out.push(`row '${op}' is not an op of the schema`);
  return out;
}

/** Counter names the Counters table of `doc` misses or invents. */
function countersProblems(doc: string): string[] {
  const documented = new Set(rows(section(doc, 'Counters')).flatMap((cells) => names(cells[0] ?? '')));
  const all = new Set<string>([...COUNTER_NAMES, ...Object.keys(COUNTER_HELP)]);
  return [
    ...[...all].filter((n) => !documented.has(n)).map((n) => `counter '${n}' has no row`),
    ...[...documented].filter((n) => !all.has(n)).map((n) => `'${n}' is not a counter`),
  ];
}

describe('LANGUAGE.md', () => {
  it('documents every op of the schema with all its fields and values, and no other op', () => {
    expect(schemaOps().length).toBeGreaterThan(20);
    expect(opsProblems(DOC)).toEqual([]);
  });

  it('documents every counter, derived ones included, and no other', () => {
    expect(countersProblems(DOC)).toEqual([]);
  });

  it('names every UFFD_FEATURE the userfaultfd op accepts', () => {
    for (const f of UFFD_FEATURES) expect(DOC).toContain(`\`${f}\``);
  });

  it('no longer calls implemented ops unsupported', () => {
    expect(DOC).not.toMatch(/not supported yet|reserved for the/);
  });

  it('the checks fail on a document that drifted', () => {
    const noMove = DOC.split('\n').filter((l) => !l.startsWith('| `UFFDIO_MOVE`')).join('\n');
    expect(opsProblems(noMove)).toEqual(['op \'UFFDIO_MOVE\' has no row']);
    const noHoles = DOC.replace('| `UFFDIO_REMAP` | `uffd`, `dst`, `src`, `pages`, `mode?` (`allow_src_holes`, `dontwake`)', '| `UFFDIO_REMAP` | `uffd`, `dst`, `src`, `pages`');
    expect(opsProblems(noHoles)).toContain('op \'UFFDIO_REMAP\': field \'mode\' is not in its fields column');
    const extra = DOC.replace('| `sleep` |', '| `mlock` | `addr` | `0` | - |\n| `sleep` |');
    expect(opsProblems(extra)).toEqual(['row \'mlock\' is not an op of the schema']);
    const noPeak = DOC.replace('| `pages.inuse`, `pages.peak` |', '| `pages.inuse` |');
    expect(countersProblems(noPeak)).toEqual(['counter \'pages.peak\' has no row']);
    expect(countersProblems(DOC.replace('| `pins` |', '| `pins`, `pins.longterm` |'))).toEqual(['\'pins.longterm\' is not a counter']);
  });
});
