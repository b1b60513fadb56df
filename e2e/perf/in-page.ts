// Code the benchmark runs inside the page. It is kept as JavaScript source, not functions: tsx
// rewrites functions (adding a `__name` helper the page does not have) before Playwright could
// serialise them. Times run from the command until the frame that shows the result is painted.
import type { Page } from '@playwright/test';

const HELPERS = `
  const counter = document.querySelector('[aria-label="Current step"]');
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const stepBecomes = (ok) => new Promise((r) => {
    const mo = new MutationObserver(() => { if (ok(counter.dataset.step)) { mo.disconnect(); r(); } });
    mo.observe(counter, { attributes: true, attributeFilter: ['data-step'] });
  });
`;

const KEY_STEPS = `async ({ key, count }) => {
  ${HELPERS}
  const out = [];
  for (let i = 0; i < count; i++) {
    const before = counter.dataset.step;
    const changed = stepBecomes((s) => s !== before);
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await changed;
    await painted();
    out.push(performance.now() - t0);
  }
  return out;
}`;

const SEEKS = `async (targets) => {
  ${HELPERS}
  const range = document.querySelector('input[type="range"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const out = [];
  for (const target of targets) {
    if (counter.dataset.step === String(target)) continue;
    const arrived = stepBecomes((s) => s === String(target));
    const t0 = performance.now();
    setValue.call(range, String(target));
    range.dispatchEvent(new Event('input', { bubbles: true }));
    await arrived;
    await painted();
    out.push(performance.now() - t0);
  }
  return out;
}`;

const WATCH = `(selector) => {
  const check = () => { if (window.__seen === undefined && document.querySelector(selector)) window.__seen = performance.now(); };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}`;

/** Presses a key `count` times; each sample waits for the step counter to change and paint. */
export const timeKeySteps = (page: Page, key: string, count: number): Promise<number[]> =>
  page.evaluate(`(${KEY_STEPS})(${JSON.stringify({ key, count })})`) as Promise<number[]>;

/** Moves the scrubber to each target step, timing each until the frame is painted. */
export const timeSeeks = (page: Page, targets: readonly number[]): Promise<number[]> =>
  page.evaluate(`(${SEEKS})(${JSON.stringify(targets)})`) as Promise<number[]>;

/** Before the app loads, starts noting when `selector` first appears (window.__seen). */
export async function watchFor(page: Page, selector: string): Promise<void> {
  await page.addInitScript(`(${WATCH})(${JSON.stringify(selector)})`);
}
