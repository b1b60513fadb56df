// The shared selection/hover keys of the store ("pfn:12", "vma:3", "cpu:1", "pt:40",
// "vaddr:0x…", "actor:7", "mm:1"), built and parsed in one place.
import { hex, parseHex } from './geometry';

/** Kinds of selectable objects. */
export type KeyKind = 'pfn' | 'vma' | 'cpu' | 'pt' | 'vaddr' | 'actor' | 'mm';

/** A parsed key. */
export interface ParsedKey { readonly kind: KeyKind; readonly n: number }

const KINDS = new Set<string>(['pfn', 'vma', 'cpu', 'pt', 'vaddr', 'actor', 'mm']);

/** Key of a physical frame or folio. */
export const pfnKey = (pfn: number): string => `pfn:${pfn}`;
/** Key of a VMA. */
export const vmaKey = (id: number): string => `vma:${id}`;
/** Key of a CPU. */
export const cpuKey = (id: number): string => `cpu:${id}`;
/** Key of a page-table page. */
export const ptKey = (pfn: number): string => `pt:${pfn}`;
/** Key of a virtual address (in every mm that maps it). */
export const vaddrKey = (addr: number): string => `vaddr:${hex(addr)}`;
/** Key of an actor (a running machine). */
export const actorKey = (id: number): string => `actor:${id}`;
/** Key of an mm. */
export const mmKey = (id: number): string => `mm:${id}`;

/** Parses a key; null for anything malformed (the store may hold keys from other views). */
export function parseKey(key: string | null): ParsedKey | null {
  if (!key) return null;
  const i = key.indexOf(':');
  if (i < 0) return null;
  const kind = key.slice(0, i);
  const rest = key.slice(i + 1);
  if (!KINDS.has(kind)) return null;
  const n = kind === 'vaddr' ? parseHex(rest) : /^\d+$/.test(rest) ? Number(rest) : null;
  return n === null ? null : { kind: kind as KeyKind, n };
}
