// Scenario parameters in the player: the panel changes the run through the link, the link reproduces
// it, and a bad value in a link gets a message naming the parameter and its range.
import type { Page } from '@playwright/test';
import { readersScenario } from '../sim-core/scenarios/testing-params';
import { expect, expectStep, openPlayer, shot, test, totalSteps } from './fixtures';
import { customLink } from './links';

/** The readers scenario's link, with `p` (NAME:VALUE,...) when given. */
async function readersLink(p?: string): Promise<string> {
  const link = await customLink(readersScenario());
  return p === undefined ? link : `${link}&p=${p}`;
}

/** What the header and the views show (the counters' Δ column depends on the frame before, so it is left out). */
async function shown(page: Page): Promise<string> {
  const read = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.player-topbar, .slot:not([data-slot="counters"])')]
    .map((el) => el.innerText).join('\n----\n'));
  let last = await read();
  // Views may draw a moment after the step counter moves: wait until the text holds still.
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

const title = (page: Page) => page.getByRole('heading', { level: 1 });
const panel = (page: Page) => page.getByRole('region', { name: 'Scenario parameters' });

test.describe('scenario parameters', () => {
  test('change the run from the panel, and the link reopens the same state', async ({ page }) => {
    await openPlayer(page, await readersLink());
    await expect(title(page)).toContainText('2 readers of one buffer');
    const twoReaders = await totalSteps(page);
    const toggle = page.getByRole('button', { name: /^Parameters/ });
    await expect(toggle).toHaveText('Parameters readers=2 pages=4 then=sleep');
    await toggle.click();
    await expect(panel(page).getByText('Reader threads, one per CPU')).toBeVisible();
    await page.screenshot({ path: shot('params-panel') });

    const readers = panel(page).getByLabel('readers');
    await readers.fill('5');
    await page.waitForTimeout(300);
    await expect(page).toHaveURL(/\?step=0$/); // typing alone changes nothing
    await readers.press('Enter');
    await expect(page).toHaveURL(/\?step=0&p=readers:5$/);
    await expect(title(page)).toContainText('5 readers of one buffer');
    expect(await totalSteps(page)).toBeGreaterThan(twoReaders);
    await expect(panel(page).getByLabel('readers')).toBeFocused(); // the panel stays open where the person was

    await panel(page).getByLabel('then').selectOption('exit');
    await expect(page).toHaveURL(/\?step=0&p=readers:5,then:exit$/);
    await expect(page.getByRole('button', { name: /^Parameters/ })).toHaveText('Parameters readers=5 pages=4 then=exit');
    await page.keyboard.press('Escape');
    await expect(panel(page)).toBeHidden();
    await page.keyboard.press('End');
    const total = await totalSteps(page);
    await expectStep(page, total);
    await expect(page).toHaveURL(new RegExp(`\\?step=${total}&p=readers:5,then:exit$`));
    const before = await shown(page);
    await page.screenshot({ path: shot('params-five-readers-end') });

    await page.reload();
    await expectStep(page, total);
    expect(await shown(page)).toBe(before);
    await page.goBack(); // back to readers=5 with then=sleep: each change is its own history entry
    await expect(page.getByRole('button', { name: /^Parameters/ })).toHaveText('Parameters readers=5 pages=4 then=sleep');
  });

  test('explain a typed value out of range without applying it', async ({ page }) => {
    await openPlayer(page, await readersLink('pages:8'));
    await page.getByRole('button', { name: /^Parameters/ }).click();
    const readers = panel(page).getByLabel('readers');
    await readers.fill('9');
    await readers.press('Enter');
    await expect(panel(page).getByRole('alert')).toHaveText('Enter a whole number from 1 to 7.');
    await expect(readers).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\?step=0&p=pages:8$/);
    await page.screenshot({ path: shot('params-panel-invalid') });
    await page.getByRole('heading', { name: 'Address space' }).click(); // a press elsewhere closes the panel, still without applying
    await expect(panel(page)).toBeHidden();
    await expect(page).toHaveURL(/\?step=0&p=pages:8$/);
  });

  test('refuse a link with a bad parameter, naming it and what it takes', async ({ page }) => {
    await page.goto(`/${await readersLink('readers:9,then:run')}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('This scenario cannot run');
    await expect(alert).toContainText('The link sets parameters this scenario does not accept.');
    await expect(alert.getByRole('listitem')).toHaveText([
      "parameter 'readers': 9 is above its maximum; it takes an integer from 1 to 7",
      "parameter 'then': 'run' is not one of sleep, exit",
    ]);
    await page.screenshot({ path: shot('params-bad-link') });
  });

  test('keep a process split into hundreds of VMAs quick to step: a window of its VMAs is drawn, the rest summed up', async ({ page }) => {
    await openPlayer(page, '#/s/postcopy-vma-per-page?p=pages:600,max_map_count:65530&step=3000');
    const space = page.locator('.mv-as');
    const more = space.locator('.mv-more-bands');
    await expect(more).toHaveCount(1);
    await expect(more).toContainText(/^396 more VMAs above \[0x7effffb50000, 0x7effffcdc000\), not drawn/);
    expect(await space.locator('.mv-vma').count()).toBeLessThanOrEqual(200);
    await more.getByRole('button', { name: 'show earlier VMAs' }).click();
    await expect(space.locator('.mv-more-bands')).toHaveCount(2);
    await expect(space.locator('.mv-more-bands').first()).toContainText(/^195 more VMAs above/);
    await page.screenshot({ path: shot('address-space-window') });
  });

  test('show no parameters button for a scenario without parameters', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow');
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Parameters/ })).toHaveCount(0);
  });
});
