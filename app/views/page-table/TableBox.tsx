// One page-table page drawn as a box: its level and pfn, the range of addresses it covers, how many
// entries are used and of which kinds, and a map of its 512 entries (64 × 8) coloured by kind.
import { memo } from 'react';
import type { TableView } from '../../sim/frame';
import { rowRuns } from '../address-space/layout';
import { entrySpan, formatBytes, hex, levelName } from '../lib/geometry';
import { kindInfo } from '../lib/pte';
import { sameBytes } from '../lib/same';
import { kindCounts, NODE_H, NODE_W } from './tree';

// The entry map: 512 entries as 64 columns × 8 rows of short, wide cells.
const MAP_COLS = 64;
const CW = 1.875;
const CH = 1.5;
const MAP_X = 6;
const MAP_Y = NODE_H - 8 * CH - 4;

// Short kind names for the one-line entry summary of a box.
const SHORT: Readonly<Record<string, string>> = { present_ro: 'RO', present_rw: 'RW', table: 'table', zero: 'zero', protnone: 'PROT_NONE', migration: 'migr.' };

/** "2 MiB from 0x7effffa00000": a table's span, in words (for screen readers). */
export function spanWords(t: TableView): string {
  return t.level === 4 ? 'the whole address space' : `${formatBytes(entrySpan(t.level) * 512)} from ${hex(t.base)}`;
}

/** "0x7effffa00000 +2 MiB": a table's span, compact (for the box). */
export function spanLabel(t: TableView): string {
  if (t.level === 4) return 'whole address space';
  return `${hex(t.base)} +${formatBytes(entrySpan(t.level) * 512)}`;
}

function countsLabel(t: TableView): string {
  const parts = kindCounts(t).filter((c) => c.code !== 0).slice(0, 2).map((c) => `${c.n} ${SHORT[kindInfo(c.code).name] ?? kindInfo(c.code).name}`);
  return `${t.used}/512 used${parts.length ? ': ' + parts.join(', ') : ''}`;
}

/** Where entry `i` sits in the entry map. */
export function entryCell(i: number): { readonly x: number; readonly y: number } {
  return { x: MAP_X + (i % MAP_COLS) * CW, y: MAP_Y + Math.floor(i / MAP_COLS) * CH };
}

/** The static part of a box (memoised on the table's content, not its identity). */
export const TableBody = memo(function TableBody(props: { readonly table: TableView }) {
  const t = props.table;
  const runs = rowRuns(t.kinds, MAP_COLS, (v) => v !== 0);
  return (
    <>
      <rect className="mv-node" width={NODE_W} height={NODE_H} rx={4} />
      <text className="mv-node-title" x={6} y={13}>{levelName(t.level)} · pfn {t.pfn}</text>
      <text className="mv-node-sub" x={6} y={25}>{spanLabel(t)}</text>
      <text className="mv-node-sub" x={6} y={36}>{countsLabel(t)}</text>
      <rect className="mv-k-none" x={MAP_X} y={MAP_Y} width={MAP_COLS * CW} height={8 * CH} />
      {runs.map((r) => (
        <rect key={`${r.row}:${r.col}`} className={`mv-k-${kindInfo(r.code).cls}`} x={MAP_X + r.col * CW} y={MAP_Y + r.row * CH} width={r.len * CW} height={CH} />
      ))}
    </>
  );
}, (a, b) => a.table.pfn === b.table.pfn && a.table.level === b.table.level && a.table.base === b.table.base && a.table.used === b.table.used && sameBytes(a.table.kinds, b.table.kinds));

/** A ring around entry `i` of the entry map. */
export function EntryRing(props: { readonly index: number; readonly className: string }) {
  const c = entryCell(props.index);
  return <rect className={props.className} x={c.x - 1.5} y={c.y - 1.5} width={CW + 3} height={CH + 3} />;
}
