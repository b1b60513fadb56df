import { describe, expect, it } from 'vitest';
import { deriveTags, GALLERY, galleryEntry } from './meta';

describe('gallery metadata', () => {
  it('lists every built-in scenario with a title and a summary', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(5);
    for (const e of GALLERY) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.summary.length).toBeGreaterThan(0);
    }
  });

  it('keeps a scenario\'s own tags when it has them', () => {
    expect(galleryEntry({ id: 'x', tags: ['TLB', 'IPI'], tasks: [] }).tags).toEqual(['TLB', 'IPI']);
  });

  it('derives fork and COW from a fork followed by writes', () => {
    const doc = { machine: { cpus: 2 }, tasks: [{ ops: [{ op: 'write' }, { op: 'fork', child: 'kid' }] }] };
    expect(deriveTags(doc)).toEqual(expect.arrayContaining(['fork', 'COW', 'page fault']));
  });

  it('derives TLB and lazy TLB from an unmap while another CPU sleeps', () => {
    const doc = { machine: { cpus: 2 }, tasks: [{ ops: [{ op: 'munmap' }] }, { ops: [{ op: 'sleep' }] }] };
    expect(deriveTags(doc)).toEqual(expect.arrayContaining(['TLB', 'munmap', 'lazy TLB']));
  });

  it('reads the source thread when present', () => {
    const e = galleryEntry({ id: 'x', source: { thread: 't.txt', list: 'kvm-devel', date: '2008-01-23', subject: 'Re: x', author: 'A' }, tasks: [] });
    expect(e.source).toEqual({ thread: 't.txt', list: 'kvm-devel', date: '2008-01-23', subject: 'Re: x', author: 'A' });
  });

  it('shows a parameterised scenario with its default values, not the references', () => {
    const e = GALLERY.find((g) => g.id === 'postcopy-userfaultfd');
    expect(e?.summary).toMatch(/^4 vCPUs fault/);
    expect(e?.cpus).toBe(5);
    expect(GALLERY.find((g) => g.id === 'uffd-remap-vs-copy')?.kernel).toBe('6.18');
  });

  it('survives a malformed document', () => {
    expect(galleryEntry(null)).toMatchObject({ id: '', tags: [] });
  });
});
