// Gallery cards from the raw built-in documents. Reading the JSON directly (not the compiled
// programs) keeps the scenario parser and the engine out of the main bundle.
import { BUILTIN_SCENARIOS } from '../../sim-core/scenarios/builtin';
import { expandScenario } from '../../sim-core/scenarios/expand';

/** What a gallery card shows. */
export interface GalleryEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly kernel: string;
  readonly cpus: number;
  readonly source: { readonly list: string; readonly date: string; readonly author: string; readonly subject: string; readonly thread: string } | null;
  readonly tags: readonly string[];
}

type Doc = Record<string, unknown>;
const obj = (x: unknown): Doc => (x !== null && typeof x === 'object' ? (x as Doc) : {});
const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : d);

function opsOf(doc: Doc): Doc[] {
  const tasks = Array.isArray(doc.tasks) ? doc.tasks : [];
  return tasks.flatMap((t) => (Array.isArray(obj(t).ops) ? (obj(t).ops as unknown[]).map(obj) : []));
}

// Ops that change or remove existing translations, so stale TLB entries must be flushed.
const TLB_OPS = new Set(['munmap', 'mprotect', 'madvise', 'move_pages', 'reclaim', 'UFFDIO_MOVE', 'UFFDIO_REMAP', 'UFFDIO_WRITEPROTECT']);

/** Tags for a scenario without its own: what the reader will see, judged from its ops and machine. */
export function deriveTags(doc: Doc): string[] {
  const ops = opsOf(doc);
  const has = (...names: string[]) => ops.some((o) => names.includes(str(o.op)));
  const tags: string[] = [];
  if (has('read', 'write')) tags.push('page fault');
  if (has('fork')) tags.push('fork');
  if (has('fork') && has('write')) tags.push('COW');
  if (ops.some((o) => TLB_OPS.has(str(o.op)))) tags.push('TLB');
  if (has('munmap')) tags.push('munmap');
  if (Number(obj(doc.machine).cpus) > 1 && has('sleep') && ops.some((o) => TLB_OPS.has(str(o.op)))) tags.push('lazy TLB');
  if (has('userfaultfd')) tags.push('userfaultfd');
  if (has('pin_user_pages')) tags.push('GUP');
  if (has('move_pages') || Number(obj(doc.machine).nodes) > 1) tags.push('NUMA');
  if (has('reclaim') || ops.some((o) => o.advice === 'pageout')) tags.push('reclaim');
  if (ops.some((o) => o.thp === true)) tags.push('THP');
  return tags;
}

// A parameterised document shows its default run ("4 vCPUs", kernel 6.18), not "${vcpus}".
function withDefaults(raw: unknown): Doc {
  try {
    return obj(expandScenario(raw).doc);
  } catch {
    return obj(raw);
  }
}

/** The card of one raw scenario document. */
export function galleryEntry(raw: unknown): GalleryEntry {
  const doc = withDefaults(raw);
  const src = doc.source === undefined ? null : obj(doc.source);
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : deriveTags(doc);
  return {
    id: str(doc.id), title: str(doc.title, str(doc.id)), summary: str(doc.summary), kernel: str(doc.kernel, '6.18'),
    cpus: Number(obj(doc.machine).cpus) || 1,
    source: src && { list: str(src.list), date: str(src.date), author: str(src.author), subject: str(src.subject), thread: str(src.thread) },
    tags,
  };
}

/** Every built-in scenario's card, in gallery order. */
export const GALLERY: readonly GalleryEntry[] = BUILTIN_SCENARIOS.map(galleryEntry);

/** A built-in scenario's card by id. */
export const galleryEntryById = (id: string): GalleryEntry | undefined => GALLERY.find((e) => e.id === id);
