// anon_vma and anon_vma_chain (include/linux/rmap.h): the many-to-many links rmap walks follow.
import type { AnonVmaId, VmaId } from './ids';

/** struct anon_vma. */
export interface AnonVma {
  readonly id: AnonVmaId;
  readonly root: AnonVmaId;
  readonly parent: AnonVmaId | null;
  /** anon_vmas whose ->parent is this one, itself included. */
  numChildren: number;
  /** VMAs whose vma->anon_vma is this one. */
  numActiveVmas: number;
}

/** The rmap graph: anon_vmas plus the AVCs indexed both ways (vma->anon_vma_chain, anon_vma->rb_root). */
export interface Rmap {
  anonVmas: Map<AnonVmaId, AnonVma>;
  /** vma->anon_vma_chain: every anon_vma this VMA can see, newest first. */
  chainsOfVma: Map<VmaId, AnonVmaId[]>;
  /** anon_vma->rb_root: the VMAs linked to an anon_vma (its interval tree, as a list). */
  vmasOfAnon: Map<AnonVmaId, VmaId[]>;
}

/** An empty rmap graph. */
export function createRmap(): Rmap {
  return { anonVmas: new Map(), chainsOfVma: new Map(), vmasOfAnon: new Map() };
}

/** Deep-copies the rmap graph for a checkpoint. */
export function cloneRmap(r: Rmap): Rmap {
  const anonVmas = new Map<AnonVmaId, AnonVma>();
  for (const [k, a] of r.anonVmas) anonVmas.set(k, { ...a });
  const chainsOfVma = new Map<VmaId, AnonVmaId[]>();
  for (const [k, l] of r.chainsOfVma) chainsOfVma.set(k, l.slice());
  const vmasOfAnon = new Map<AnonVmaId, VmaId[]>();
  for (const [k, l] of r.vmasOfAnon) vmasOfAnon.set(k, l.slice());
  return { anonVmas, chainsOfVma, vmasOfAnon };
}
