import type { Browser, Page } from '@playwright/test';
import { expect, expectStep, openPlayer, shot, test, totalSteps } from './fixtures';
import { builtinDoc, customLink } from './links';

/**
 * Everything the player shows, as text: header, every view and the timeline. `without` skips the
 * views whose text depends on the frame shown before (the counters' Δ column is relative to it).
 */
async function screenText(page: Page, without: readonly string[] = []): Promise<string> {
  const read = () => page.evaluate((skip) => [...document.querySelectorAll<HTMLElement>('.player-topbar, .slot, .timeline')]
    .filter((el) => !skip.includes(el.dataset.slot ?? ''))
    .map((el) => el.innerText).join('\n----\n'), without);
  // Views may draw a frame a moment after the step counter shows it (deferred rendering): wait until the text holds still.
  let last = await read();
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

const HISTORY_RELATIVE = ['counters'];

/**
 * Opens `url` in a brand-new browser context (no storage, no cache). Returns what it shows at once
 * (history-relative views left out), and what it shows after stepping back and forward again, when
 * its history matches that of a page that arrived at the step by stepping forward.
 */
async function freshLook(browser: Browser, url: string, step: number): Promise<{ opened: string; settled: string }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await expectStep(page, step);
  const opened = await screenText(page, HISTORY_RELATIVE);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, step - 1);
  await page.keyboard.press('ArrowRight');
  await expectStep(page, step);
  const settled = await screenText(page);
  await ctx.close();
  return { opened, settled };
}

test.describe('share links', () => {
  test('reproduce the same state on reload and in a fresh browser', async ({ page, browser }) => {
    await openPlayer(page, '#/s/munmap-running-peer?c=0:1');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expectStep(page, 11);
    // One more step on its own: rapid presses are coalesced, and the counters' Δ is relative to the frame shown before.
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 12);
    await expect(page).toHaveURL(/#\/s\/munmap-running-peer\?step=12&c=0:1$/);
    const before = await screenText(page);
    const stateBefore = await screenText(page, HISTORY_RELATIVE);
    expect(await freshLook(browser, page.url(), 12)).toEqual({ opened: stateBefore, settled: before });
    await page.reload();
    await expectStep(page, 12);
    expect(await screenText(page, HISTORY_RELATIVE)).toBe(stateBefore);
  });

  test('carry scheduling choices that change the run', async ({ page }) => {
    await openPlayer(page, '#/s/munmap-running-peer?step=1');
    const plain = await screenText(page);
    await openPlayer(page, '#/s/munmap-running-peer?step=1&c=0:1');
    await expectStep(page, 1);
    expect(await screenText(page)).not.toBe(plain);
  });

  test('carry a custom scenario, which reopens at the same step', async ({ page, browser }) => {
    const source = { thread: '002_e1930dae5394e05a.txt', list: 'kvm-devel', date: '2008-01-23', subject: 'Re: [kvm-devel] [PATCH] export notifier #1', author: 'Andrea Arcangeli' };
    const doc = { ...builtinDoc('fork-cow'), id: 'my-fork', title: 'My own fork', source };
    await openPlayer(page, await customLink(doc, 7));
    await expectStep(page, 7);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('My own fork');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('custom');
    await expect(page.locator('.scenario-source')).toHaveText('kvm-devel · 2008-01-23 · Andrea Arcangeli · Re: [kvm-devel] [PATCH] export notifier #1');
    await page.screenshot({ path: shot('player-custom-source') });
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 8);
    await expect(page).toHaveURL(/step=8$/);
    expect(await freshLook(browser, page.url(), 8)).toEqual({ opened: await screenText(page, HISTORY_RELATIVE), settled: await screenText(page) });
  });

  test('are made from the gallery’s scenario form', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Start from an example' }).click();
    await page.getByRole('button', { name: 'Open scenario' }).click();
    await expect(page).toHaveURL(/#\/c\/[A-Za-z0-9_-]+\?step=0$/);
    await expectStep(page, 0);
    await page.screenshot({ path: shot('player-custom') });
  });

  test('follow an address edited by hand to another step', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow?step=3');
    await page.evaluate(() => { location.hash = '#/s/fork-cow?step=20'; });
    await expectStep(page, 20);
  });

  test('open at the end, with a notice, when the step is past the end of the run', async ({ page }) => {
    await openPlayer(page, '#/s/first-touch?step=999');
    const total = await totalSteps(page);
    await expectStep(page, total);
    await expect(page.getByRole('status').filter({ hasText: 'asked for step 999' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`step=${total}$`));
  });
});
