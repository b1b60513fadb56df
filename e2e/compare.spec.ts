// Compare mode: two runs of one scenario with different parameters on one cursor. A person opens a
// link, steps with keys and buttons, sees the counters that differ, changes a run's parameter,
// reloads and goes back to the player; broken links explain themselves.
import type { Page } from '@playwright/test';
import { expect, expectStep, openPlayer, shot, shownStep, test, totalSteps } from './fixtures';
import { customLink } from './links';
import { readersScenario } from '../sim-core/scenarios/testing-params';

/** UFFDIO_COPY (A) against the default UFFDIO_MOVE (B). */
const LINK = '#/cmp/uffd-remap-vs-copy?step=40&a=resolve:copy';

const side = (page: Page, label: 'A' | 'B') => page.getByRole('region', { name: `Run ${label}`, exact: true });
const diffAt = (page: Page) => page.getByRole('region', { name: /^Counters that differ at step/ });
const diffEnd = (page: Page) => page.getByRole('region', { name: /^Counters that differ at the end/ });
const sideTotal = async (page: Page, label: 'A' | 'B') => Number(await side(page, label).getAttribute('data-total'));

/** Opens a compare link and waits until both runs show the cursor. */
async function openCompare(page: Page, hash: string, step: number): Promise<void> {
  await page.goto(`/${hash}`);
  await expectStep(page, step);
}

/** A diff table's rows as [counter, A, B, B − A]. */
async function rows(region: ReturnType<typeof diffAt>): Promise<string[][]> {
  return region.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
}

test.describe('compare mode', () => {
  test('step both runs with keys and buttons, see the counters that differ, and reload the same state', async ({ page }) => {
    await openCompare(page, LINK, 40);
    await expect(side(page, 'A').getByLabel('resolve of run A')).toHaveValue('copy');
    await expect(side(page, 'B').getByLabel('resolve of run B')).toHaveValue('move');
    await expect(side(page, 'A').getByRole('region', { name: 'Narration of run A' })).toContainText('step 40');
    await expect(side(page, 'A').getByRole('region', { name: 'CPUs of run A' }).getByRole('listitem')).toHaveCount(5);

    await page.keyboard.press('ArrowRight');
    await expectStep(page, 41);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expectStep(page, 42);
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 41);
    await page.getByRole('button', { name: 'Step back' }).click();
    await expectStep(page, 40);
    await expect(page).toHaveURL(/#\/cmp\/uffd-remap-vs-copy\?step=40&a=resolve:copy$/);

    // The end of the longer run: the shorter one stops at its own end and says so.
    const [a, b] = [await sideTotal(page, 'A'), await sideTotal(page, 'B')];
    expect(b).toBeGreaterThan(a); // moving flushes more TLBs than copying: more steps
    await page.keyboard.press('End');
    await expectStep(page, b);
    expect(await totalSteps(page)).toBe(b);
    await expect(side(page, 'A').getByRole('status')).toHaveText(`Run A ended at step ${a}`);
    const end = await rows(diffEnd(page));
    expect(end.map((r) => r[0])).toEqual(expect.arrayContaining(['tlb.shootdowns', 'bytes.copied', 'pages.moved']));
    expect(end.find((r) => r[0] === 'bytes.copied')?.slice(1)).toEqual(['81,920', '0', '−81,920']);
    expect(await rows(diffAt(page))).toEqual(end); // at B's end, A is at its own end too
    await expect(side(page, 'A').locator('.cmp-counter.is-different').first()).toBeVisible();
    await page.screenshot({ path: shot('compare-end'), fullPage: true });

    await page.keyboard.press('Home');
    await expectStep(page, 0);
    await expect(diffAt(page)).toContainText('No counter differs.');
    await page.getByRole('slider', { name: 'Step' }).fill(String(a + 5));
    await expectStep(page, a + 5);
    const before = await rows(diffAt(page));
    expect(before.length).toBeGreaterThan(0);
    await expect(page).toHaveURL(new RegExp(`step=${a + 5}&`));

    await page.reload();
    await expectStep(page, a + 5);
    expect(await rows(diffAt(page))).toEqual(before);
    await expect(side(page, 'A').getByRole('status')).toHaveText(`Run A ended at step ${a}`);
  });

  test('play both runs with Space and pause again', async ({ page }) => {
    await openCompare(page, LINK, 40);
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(() => shownStep(page)).toBeGreaterThanOrEqual(43);
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const paused = await page.getByLabel('Current step').textContent();
    await page.waitForTimeout(400);
    await expect(page.getByLabel('Current step')).toHaveText(paused ?? '');
  });

  test('change one run’s parameter in place and open each run in the player', async ({ page }) => {
    await openCompare(page, LINK, 40);
    const vcpus = side(page, 'B').getByLabel('vcpus of run B');
    await vcpus.fill('8');
    await vcpus.press('Enter');
    await expect(page).toHaveURL(/#\/cmp\/uffd-remap-vs-copy\?step=40&a=resolve:copy&b=vcpus:8$/);
    await expectStep(page, 40);
    await expect(side(page, 'B').getByRole('region', { name: 'CPUs of run B' }).getByRole('listitem')).toHaveCount(9);
    await expect(side(page, 'A').getByRole('region', { name: 'CPUs of run A' }).getByRole('listitem')).toHaveCount(5);
    await page.goBack();
    await expect(side(page, 'B').getByLabel('vcpus of run B')).toHaveValue('4');

    await expectStep(page, 40);
    await side(page, 'A').getByRole('link', { name: 'Open A in the player' }).click();
    await expect(page).toHaveURL(/#\/s\/uffd-remap-vs-copy\?step=40&p=resolve:copy$/);
    await expect(page.getByRole('button', { name: /^Parameters/ })).toContainText('resolve=copy');
    await expectStep(page, 40);
  });

  test('open from the player: A is the run on screen, B the same with one value changed', async ({ page }) => {
    await openPlayer(page, '#/s/uffd-remap-vs-copy?step=12&p=vcpus:2');
    await expectStep(page, 12);
    await page.getByRole('button', { name: 'Compare…' }).click();
    await expect(page).toHaveURL(/#\/cmp\/uffd-remap-vs-copy\?step=12&a=vcpus:2&b=vcpus:2,resolve:copy$/);
    await expectStep(page, 12);
    await page.goBack();
    await expect(page).toHaveURL(/#\/s\/uffd-remap-vs-copy\?step=12&p=vcpus:2$/);
    await expectStep(page, 12);
  });

  test('compare two runs of a custom scenario', async ({ page }) => {
    const data = /#\/c\/([^?]+)/.exec(await customLink(readersScenario()))?.[1] ?? '';
    await openCompare(page, `#/cmp/c/${data}?step=5&a=readers:1&b=readers:5`, 5);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('readers of one buffer');
    await page.keyboard.press('End');
    const end = await rows(diffEnd(page));
    expect(end.find((r) => r[0] === 'tlb.shootdowns')?.slice(1)).toEqual(['1', '5', '+4']);
  });

  test('look tidy in the dark theme at 1280 px', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCompare(page, '#/cmp/uffd-remap-vs-copy?step=300&a=resolve:copy', 300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot('compare-dark'), fullPage: true });
  });
});

test.describe('broken compare links', () => {
  test('a malformed parameter list names the run and what is wrong', async ({ page }) => {
    await page.goto('/#/cmp/uffd-remap-vs-copy?a=vcpus');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('This link is broken');
    await expect(alert).toContainText("a: 'vcpus' is not NAME:VALUE");
    await page.screenshot({ path: shot('compare-broken') });
    await alert.getByRole('link', { name: 'Back to the gallery' }).click();
    await expect(page.getByRole('list', { name: 'Scenarios' })).toBeVisible();
  });

  test('an unknown scenario says so', async ({ page }) => {
    await page.goto('/#/cmp/no-such-scenario?step=3');
    await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Unknown scenario');
    await expect(page.getByRole('alert')).toContainText("no built-in scenario 'no-such-scenario'");
  });

  test('a value out of range stops only that run, which can be reset', async ({ page }) => {
    await page.goto('/#/cmp/uffd-remap-vs-copy?step=10&b=vcpus:99');
    const b = side(page, 'B');
    await expect(b.getByRole('alert')).toContainText('The link sets parameters this scenario does not accept.');
    await expect(b.getByRole('alert')).toContainText("parameter 'vcpus': 99 is above its maximum");
    await expect(side(page, 'A').getByRole('region', { name: 'Narration of run A' })).toBeVisible();
    await page.screenshot({ path: shot('compare-bad-side') });
    await b.getByRole('link', { name: 'Reset run B to the defaults' }).click();
    await expect(page).toHaveURL(/#\/cmp\/uffd-remap-vs-copy\?step=10$/);
    await expectStep(page, 10);
    await expect(diffAt(page)).toContainText('No counter differs.');
  });
});
