import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// hash.ts reads window, location and history when it loads: give it small stand-ins.
const writes: string[] = [];
const location = { hash: '#/s/fork-cow?step=0' };
vi.stubGlobal('window', { addEventListener: () => undefined });
vi.stubGlobal('location', location);
vi.stubGlobal('history', { state: null, replaceState: (_s: unknown, _t: string, url: string) => { writes.push(url); location.hash = url; } });
const { replaceHashSoon, flushHashUpdate } = await import('./hash');

describe('the address follows the player', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    writes.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('is written once when a burst of steps pauses, with the last step', () => {
    for (let s = 1; s <= 10; s++) {
      replaceHashSoon(`#/s/fork-cow?step=${s}`);
      vi.advanceTimersByTime(20);
    }
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(writes).toEqual(['#/s/fork-cow?step=10']);
  });

  it('is written at least once a second while steps keep coming (playback)', () => {
    for (let s = 1; s <= 60; s++) {
      replaceHashSoon(`#/s/fork-cow?step=${s}`);
      vi.advanceTimersByTime(50);
    }
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes.length).toBeLessThanOrEqual(4);
  });

  it('is brought up to date at once when asked (before copying the link)', () => {
    replaceHashSoon('#/s/fork-cow?step=9');
    flushHashUpdate();
    expect(writes).toEqual(['#/s/fork-cow?step=9']);
  });

  it('never overwrites an address the person edited before its hashchange event ran', () => {
    replaceHashSoon('#/s/fork-cow?step=3');
    location.hash = '#/s/fork-cow?step=20'; // typed by hand; the router hears of it a moment later
    vi.advanceTimersByTime(2000);
    expect(writes).toEqual([]);
    expect(location.hash).toBe('#/s/fork-cow?step=20');
  });
});
