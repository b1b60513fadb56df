// Plot mode: a person opens a plot link, waits for the sweep, reads the charts and the LAB.md
// reference points, changes the series and the metrics, reloads; cancels a long sweep; and broken or
// absurd links explain themselves with a way back.
import type { Page } from '@playwright/test';
import { expect, openPlayer, shot, test } from './fixtures';

/** vcpus 1..8 for each resolve (copy, zeropage): 16 runs; LAB.md measured both at one vCPU. */
const LINK = '#/plot/postcopy-userfaultfd?x=vcpus&from=1&to=8&series=resolve';

const status = (page: Page) => page.locator('.plot-status');
const chart = (page: Page, name: string) => page.getByRole('figure', { name: new RegExp(`^${name} \\(`) });

/** Opens a plot link and waits for its sweep to finish. */
async function openPlot(page: Page, hash: string, runs: number): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(status(page)).toContainText(`${runs} runs,`, { timeout: 30_000 });
}

/** Every chart's accessible summary, in order. */
const summaries = (page: Page) => page.locator('.plot-svg').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-label')));

test.describe('plot mode', () => {
  test('sweep, read the charts and reference points, change the series and metrics, reload', async ({ page }) => {
    await openPlot(page, LINK, 16);
    const perFault = chart(page, 'Simulated time per userfault');
    const img = perFault.getByRole('img');
    await expect(img).toHaveAttribute('aria-label', /^Simulated time per userfault \(µs\) against vcpus from 1 to 8: resolve = copy from [\d.]+ to [\d.]+; resolve = zeropage from .* 2 measured reference points from LAB\.md\.$/);
    const refs = perFault.locator('.plot-ref[data-ref]');
    await expect(refs).toHaveCount(2);
    await expect(refs.first().locator('title')).toHaveText(/^UFFDIO_COPY round trip, 13\.7 µs — measured on Linux 6\.18 \(LAB\.md, /);
    await expect(perFault.locator('.plot-series')).toHaveCount(2);
    await expect(perFault.locator('.plot-marker')).toHaveCount(16);
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('measured on Linux 6.18');
    await expect(page.locator('.plot-chart')).toHaveCount(6);
    await page.screenshot({ path: shot('plot-light'), fullPage: true });

    // The numbers are in tables: hidden but read out, shown on request.
    const table = perFault.getByRole('table').first();
    await expect(table).toHaveClass(/plot-table/);
    await expect(perFault.locator('.visually-hidden')).toHaveCount(1);
    await page.getByRole('button', { name: 'Show data tables' }).click();
    await expect(table).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(9);
    await expect(perFault.getByRole('table').nth(1)).toContainText('UFFDIO_ZEROPAGE round trip, 15.4 µs');
    await page.getByRole('button', { name: 'Hide data tables' }).click();

    // One series: resolve falls back to its default, copy; only its reference point applies.
    await page.getByLabel('series').selectOption('');
    await page.getByRole('button', { name: 'Plot' }).click();
    await expect(page).toHaveURL(/#\/plot\/postcopy-userfaultfd\?x=vcpus&from=1&to=8$/);
    await expect(status(page)).toContainText('8 runs,');
    await expect(perFault.locator('.plot-series')).toHaveCount(1);
    await expect(perFault.locator('.plot-ref[data-ref]')).toHaveCount(1);
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText('all runs');

    // A metric more: drawn from the same runs, no new sweep.
    await page.getByRole('checkbox', { name: 'userfaultfd messages' }).check();
    await expect(page).toHaveURL(/&m=time\.us,cost\.us,us\.per\.userfault,tlb\.shootdowns,bytes\.copied,pages\.peak,uffd\.messages$/);
    const messages = chart(page, 'userfaultfd messages');
    await expect(messages.getByRole('img')).toHaveAttribute('aria-label', 'userfaultfd messages (messages) against vcpus from 1 to 8: all runs from 2 to 16.'); // 2 pages per vCPU
    const before = await summaries(page);

    await page.reload();
    await expect(status(page)).toContainText('8 runs,');
    expect(await summaries(page)).toEqual(before);
    await expect(page.getByLabel('series')).toHaveValue('');
  });

  test('look tidy in the dark theme at 1280 px', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPlot(page, LINK, 16);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot('plot-dark'), fullPage: true });
  });

  test('open from the player for the scenario on screen', async ({ page }) => {
    await openPlayer(page, '#/s/uffd-remap-vs-copy?step=3&p=kernel:6.8');
    await page.getByRole('button', { name: 'Plot…' }).click();
    await expect(page).toHaveURL(/#\/plot\/uffd-remap-vs-copy\?x=vcpus&from=1&to=16&series=resolve&p=kernel:6\.8$/);
    await expect(status(page)).toContainText('32 runs,', { timeout: 30_000 });
    await expect(page.getByLabel('kernel')).toHaveValue('6.8');
    await page.goBack();
    await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible();
  });

  test('cancel a long sweep and keep the runs finished so far', async ({ page }) => {
    await page.goto('/#/plot/postcopy-userfaultfd?x=pages&from=64&to=512&by=64&series=resolve&p=vcpus:31');
    await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
    await expect(status(page)).toContainText(/Run [2-9] of 16/, { timeout: 30_000 });
    await page.screenshot({ path: shot('plot-progress') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(status(page)).toContainText(/^Cancelled after \d+ of 16 runs; the finished ones are drawn\./);
    await expect(chart(page, 'Simulated time').locator('.plot-marker').first()).toBeVisible();
  });
});

test.describe('broken plot links', () => {
  /** Opens a link and checks the page explains the failure and offers a way back. */
  async function expectBroken(page: Page, hash: string, title: string, says: string): Promise<void> {
    await page.goto(`/${hash}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText(title, { timeout: 15_000 });
    await expect(alert).toContainText(says);
    await expect(alert.getByRole('link', { name: 'Back to the gallery' })).toBeVisible();
  }

  test('a malformed bound names the field', async ({ page }) => {
    await expectBroken(page, '#/plot/postcopy-userfaultfd?x=vcpus&from=abc', 'This link is broken', "from: 'abc' is not a whole number.");
  });

  test('a choice parameter cannot be swept; the page offers the player and a default plot', async ({ page }) => {
    await expectBroken(page, '#/plot/postcopy-userfaultfd?x=resolve', 'This plot cannot be drawn', "x: 'resolve' is a choice parameter; a plot sweeps an integer parameter: vcpus (1 to 31), pages (1 to 512), handler_cpu (0 to 1).");
    await page.screenshot({ path: shot('plot-broken') });
    await page.getByRole('link', { name: 'Plot it with the defaults' }).click();
    await expect(status(page)).toContainText('16 runs,', { timeout: 30_000 });
  });

  test('a range beyond the parameter says what it takes', async ({ page }) => {
    await expectBroken(page, '#/plot/postcopy-userfaultfd?x=vcpus&from=1&to=99', 'This plot cannot be drawn', 'to: 99 is above the maximum; vcpus takes an integer from 1 to 31.');
    await page.getByRole('link', { name: 'Open the scenario in the player' }).click();
    await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible();
  });

  test('an absurd sweep is refused before it runs', async ({ page }) => {
    await expectBroken(page, '#/plot/postcopy-userfaultfd?x=pages&from=1&to=512&series=resolve', 'This plot cannot be drawn', 'The sweep asks for 1,024 runs (512 values of pages × 2 of resolve); a plot runs at most 200.');
  });

  test('a fixed parameter the scenario does not have is named', async ({ page }) => {
    await expectBroken(page, '#/plot/postcopy-userfaultfd?x=vcpus&p=cpus:4', 'This plot cannot be drawn', 'The link sets parameters this scenario does not accept.');
    await expect(page.getByRole('list', { name: 'Problems' })).toContainText("unknown parameter 'cpus'");
  });

  test('an unknown scenario says so', async ({ page }) => {
    await expectBroken(page, '#/plot/no-such-scenario', 'Unknown scenario', "no built-in scenario 'no-such-scenario'");
  });

  test('a mistake typed into the form is explained in place, without running', async ({ page }) => {
    await page.goto(`/${LINK}`);
    await expect(status(page)).toContainText('16 runs,', { timeout: 30_000 });
    await page.getByLabel('to', { exact: true }).fill('40');
    await page.getByRole('button', { name: 'Plot' }).click();
    await expect(page.getByRole('alert')).toHaveText('to: 40 is above the maximum; vcpus takes an integer from 1 to 31.');
    await expect(page).toHaveURL(new RegExp(`${LINK.replace(/[?.]/g, '\\$&')}$`));
  });
});
