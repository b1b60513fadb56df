// Physical memory: frames per NUMA node, a buddy allocator (mm/page_alloc.c), folios and page contents.
import { type Pfn, pfn } from './ids';
import { cloneFolio, type Folio } from './folio';

/** What a frame currently holds. */
export const FRAME = { free: 0, head: 1, tail: 2, pgtable: 3, reserved: 4 } as const;
export type FrameKind = (typeof FRAME)[keyof typeof FRAME];

/** MAX_PAGE_ORDER in 6.x: the buddy allocator's largest block is 2^10 pages (4 MiB). */
export const MAX_PAGE_ORDER = 10;
/** The shared zero page (empty_zero_page): PFN 0 of node 0, reserved at boot. */
export const ZERO_PFN = pfn(0);
/** Content tag of zero-filled memory. */
export const ZERO_TAG = '0';

/** All physical frames of the machine. Mutable containers; cloned for checkpoints. */
export interface PhysMem {
  readonly nodes: number;
  readonly framesPerNode: number;
  kind: Uint8Array;
  /** Head PFN of the folio a frame belongs to, or -1. */
  head: Int32Array;
  /** Per-page flags (PAGE_ANON_EXCLUSIVE). */
  pageFlags: Uint8Array;
  /** Content tag per frame: copies and moves carry it, so lost writes are visible. */
  content: string[];
  folios: Map<number, Folio>;
  /** free_area[order].free_list per node: the first free block, or -1 (a list_head as PFN links). */
  freeHead: Int32Array;
  /** Next and previous free block of the same list, by the block's head PFN (-1 ends the list). */
  freeNext: Int32Array;
  freePrev: Int32Array;
  /** Order of the free block headed at a PFN, or -1. */
  freeOrder: Int8Array;
  freePages: number[];
  /** Present or migration PTEs pointing at each frame: an independent witness for mapcount checks. */
  pteRefs: Int32Array;
  /** TLB entries (any CPU) translating to each frame. */
  tlbRefs: Int32Array;
}

/** Node that owns a PFN. */
export const pfnNode = (m: PhysMem, p: number): number => Math.floor(p / m.framesPerNode);

/** Creates memory with every frame free except the zero page. */
export function createPhysMem(nodes: number, framesPerNode: number): PhysMem {
  const total = nodes * framesPerNode;
  const m: PhysMem = {
    nodes, framesPerNode,
    kind: new Uint8Array(total), head: new Int32Array(total).fill(-1), pageFlags: new Uint8Array(total),
    content: new Array<string>(total).fill(ZERO_TAG), folios: new Map(),
    freeHead: new Int32Array(nodes * (MAX_PAGE_ORDER + 1)).fill(-1), freeNext: new Int32Array(total).fill(-1), freePrev: new Int32Array(total).fill(-1),
    freeOrder: new Int8Array(total).fill(-1), freePages: new Array<number>(nodes).fill(0),
    pteRefs: new Int32Array(total), tlbRefs: new Int32Array(total),
  };
  m.kind[0] = FRAME.reserved;
  for (let n = 0; n < nodes; n++) seedNode(m, n);
  return m;
}

// Carves a node into maximal aligned blocks, pushed so the lowest PFN is handed out first.
function seedNode(m: PhysMem, node: number): void {
  const blocks: [number, number][] = [];
  let p = node * m.framesPerNode + (node === 0 ? 1 : 0);
  const end = (node + 1) * m.framesPerNode;
  while (p < end) {
    let order = MAX_PAGE_ORDER;
    while (order > 0 && (p % 2 ** order !== 0 || p + 2 ** order > end)) order--;
    blocks.push([p, order]);
    p += 2 ** order;
  }
  for (let i = blocks.length - 1; i >= 0; i--) {
    const [b, o] = blocks[i] as [number, number];
    pushFree(m, node, b, o);
  }
}

const slot = (node: number, order: number): number => node * (MAX_PAGE_ORDER + 1) + order;

// list_add: a freed block goes to the head of its list, so it is the next one handed out.
function pushFree(m: PhysMem, node: number, p: number, order: number): void {
  const h = slot(node, order);
  const first = m.freeHead[h] ?? -1;
  m.freeNext[p] = first;
  m.freePrev[p] = -1;
  if (first >= 0) m.freePrev[first] = p;
  m.freeHead[h] = p;
  m.freeOrder[p] = order;
  m.freePages[node] = (m.freePages[node] ?? 0) + 2 ** order;
}

// list_del in O(1).
function removeFree(m: PhysMem, node: number, p: number, order: number): void {
  if (m.freeOrder[p] !== order) throw new Error(`buddy: pfn ${p} not on free list order ${order}`);
  const prev = m.freePrev[p] ?? -1;
  const next = m.freeNext[p] ?? -1;
  if (prev >= 0) m.freeNext[prev] = next;
  else m.freeHead[slot(node, order)] = next;
  if (next >= 0) m.freePrev[next] = prev;
  m.freeOrder[p] = -1;
  m.freePages[node] = (m.freePages[node] ?? 0) - 2 ** order;
}

/** __rmqueue_smallest: takes the smallest free block >= order on a node and splits it (expand()). */
export function buddyAlloc(m: PhysMem, node: number, order: number): Pfn | null {
  if (node < 0 || node >= m.nodes) return null;
  for (let o = order; o <= MAX_PAGE_ORDER; o++) {
    const p = m.freeHead[slot(node, o)] ?? -1;
    if (p < 0) continue;
    removeFree(m, node, p, o);
    // expand(): the upper halves go back to the free lists, the caller keeps the lowest part.
    for (let k = o - 1; k >= order; k--) pushFree(m, node, p + 2 ** k, k);
    return pfn(p);
  }
  return null;
}

/** __free_one_page: returns a block and merges it with free buddies of the same order. */
export function buddyFree(m: PhysMem, p: number, order: number): void {
  const node = pfnNode(m, p);
  const lo = node * m.framesPerNode;
  const hi = lo + m.framesPerNode;
  let head = p;
  let o = order;
  while (o < MAX_PAGE_ORDER) {
    const buddy = head ^ 2 ** o;
    if (buddy < lo || buddy + 2 ** o > hi || m.freeOrder[buddy] !== o) break;
    removeFree(m, node, buddy, o);
    head = Math.min(head, buddy);
    o++;
  }
  pushFree(m, node, head, o);
}

/** Total free frames on a node. */
export const nodeFreePages = (m: PhysMem, node: number): number => m.freePages[node] ?? 0;

/** The folio containing a PFN, if the frame belongs to one. */
export function folioOf(m: PhysMem, p: number): Folio | undefined {
  const h = m.head[p];
  return h === undefined || h < 0 ? undefined : m.folios.get(h);
}

/** Deep-copies memory for a checkpoint (typed arrays and containers; strings are shared). */
export function clonePhysMem(m: PhysMem): PhysMem {
  const folios = new Map<number, Folio>();
  for (const [k, f] of m.folios) folios.set(k, cloneFolio(f));
  return {
    nodes: m.nodes, framesPerNode: m.framesPerNode,
    kind: m.kind.slice(), head: m.head.slice(), pageFlags: m.pageFlags.slice(), content: m.content.slice(),
    folios, freeHead: m.freeHead.slice(), freeNext: m.freeNext.slice(), freePrev: m.freePrev.slice(), freeOrder: m.freeOrder.slice(), freePages: m.freePages.slice(),
    pteRefs: m.pteRefs.slice(), tlbRefs: m.tlbRefs.slice(),
  };
}

/** True when a node has a free block of at least `order` (a THP needs an aligned order-9 block). */
export function hasFreeBlock(m: PhysMem, node: number, order: number): boolean {
  for (let o = order; o <= MAX_PAGE_ORDER; o++) if ((m.freeHead[node * (MAX_PAGE_ORDER + 1) + o] ?? -1) >= 0) return true;
  return false;
}
