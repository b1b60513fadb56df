// The shared test fixture: every test fails on an uncaught page error or a console error, and
// helpers for the player (waiting for a step to be on screen, reading what is shown).
import { expect, type Page, test as base } from '@playwright/test';

/** Problems the page reported; a test fails if any remain at its end. */
type Problems = string[];

/** The test function with the problem watcher installed. */
export const test = base.extend<{ problems: Problems }>({
  problems: [async ({ page }, use) => {
    const problems: Problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('crash', () => problems.push('the page crashed'));
    await use(problems);
    expect(problems, 'page errors and console errors').toEqual([]);
  }, { auto: true }],
});

export { expect };

/** The step shown by the step counter. */
export async function shownStep(page: Page): Promise<number> {
  return Number(await page.getByLabel('Current step').getAttribute('data-step'));
}

/** Steps in the run on screen. */
export async function totalSteps(page: Page): Promise<number> {
  return Number(await page.getByLabel('Current step').getAttribute('data-total'));
}

/** Waits until the player shows `step`. */
export async function expectStep(page: Page, step: number): Promise<void> {
  await expect(page.getByLabel('Current step')).toHaveAttribute('data-step', String(step));
}

/** Opens a link and waits for the player to be ready. */
export async function openPlayer(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible();
}

/** Where screenshots go (gitignored). */
export const shot = (name: string): string => `e2e/screenshots/${name}.png`;
