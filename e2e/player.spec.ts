import { expect, expectStep, openPlayer, shot, test, totalSteps } from './fixtures';

test.describe('the player', () => {
  test('shows the scenario in the header and starts at step 0', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('fork() and copy-on-write');
    await expectStep(page, 0);
    await expect(page).toHaveURL(/#\/s\/fork-cow\?step=0$/);
    await expect(page).toHaveTitle('fork() and copy-on-write — mmscope');
    await page.screenshot({ path: shot('player-start') });
  });

  test('steps with the keyboard: arrows, Home and End', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 3);
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 2);
    const total = await totalSteps(page);
    await page.keyboard.press('End');
    await expectStep(page, total);
    await expect(page).toHaveURL(new RegExp(`step=${total}$`));
    await page.keyboard.press('Home');
    await expectStep(page, 0);
  });

  test('steps with the buttons', async ({ page }) => {
    await openPlayer(page, '#/s/first-touch');
    const forward = page.getByRole('button', { name: 'Step forward' });
    await forward.click();
    await forward.click();
    await expectStep(page, 2);
    await page.getByRole('button', { name: 'Step back' }).click();
    await expectStep(page, 1);
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await expectStep(page, await totalSteps(page));
    await expect(forward).toBeDisabled();
    await page.getByRole('button', { name: 'Jump to start' }).click();
    await expectStep(page, 0);
    await page.getByRole('button', { name: 'Next event' }).click();
    await expect(page.getByLabel('Current step')).not.toHaveAttribute('data-step', '0');
  });

  test('scrubs anywhere in the run', async ({ page }) => {
    await openPlayer(page, '#/s/munmap-frees-tables');
    const scrub = page.getByRole('slider', { name: 'Step' });
    const box = await scrub.boundingBox();
    if (!box) throw new Error('no scrubber');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const mid = Number(await scrub.inputValue());
    expect(mid).toBeGreaterThan(3000);
    await expectStep(page, mid);
    await scrub.focus();
    await page.keyboard.press('ArrowRight');
    await expectStep(page, mid + 1);
    await page.screenshot({ path: shot('player-scrubbed') });
  });

  test('plays to the end and stops', async ({ page }) => {
    await openPlayer(page, '#/s/first-touch');
    await page.getByLabel('Playback speed').selectOption('60');
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    const total = await totalSteps(page);
    await expectStep(page, total);
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`step=${total}$`));
  });

  test('opens the keyboard help with ? and closes it with Escape', async ({ page }) => {
    await openPlayer(page, '#/s/first-touch');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Play or pause');
    await page.screenshot({ path: shot('player-help') });
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 1);
  });

  test('gives every control an accessible name', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow');
    const unnamed = await page.locator('button, input, select, a[href]').evaluateAll((els) =>
      els.filter((el) => {
        const label = el.getAttribute('aria-label') ?? el.getAttribute('aria-labelledby') ?? (el as HTMLElement).innerText.trim();
        const byLabel = el.id ? document.querySelector(`label[for="${el.id}"]`) : el.closest('label');
        return !label && !byLabel;
      }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unnamed).toEqual([]);
  });

  test('shows one statechart, of the machine that ran, drawn with its current state lit and named', async ({ page }) => {
    await openPlayer(page, '#/s/munmap-running-peer?step=110');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    await expectStep(page, 125);
    const charts = page.getByRole('region', { name: /^Statechart of / });
    await expect(charts).toHaveCount(1);
    const name = (await charts.getAttribute('aria-label')) ?? '';
    const who = /^Statechart of (\S+ #\d+)$/.exec(name)?.[1] ?? 'none';
    await expect(page.getByRole('region', { name: 'Narration' })).toContainText(who);
    const chart = charts.getByRole('img', { name: / statechart, current state / });
    const state = /current state (\S+?)(,|$)/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1] ?? 'none';
    await expect(charts.locator('.mv-lit.is-now')).toHaveText(new RegExp(`^${state}`));
    // The lit chip sits over the canvas, inside it.
    const [c, lit] = [await chart.boundingBox(), await charts.locator('.mv-lit.is-now').boundingBox()];
    expect(lit && c && lit.x >= c.x && lit.y >= c.y && lit.x + lit.width <= c.x + c.width + 1 && lit.y + lit.height <= c.y + c.height + 1).toBe(true);
  });

  test('warms its views up unseen while idle, leaving the frame, the address and the next step as they were', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow?step=20');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('mmscope:warmed').length)).toBe(1);
    await expectStep(page, 20);
    expect(page.url()).toContain('step=20');
    const views = page.getByRole('main', { name: 'Views' });
    const warmed = await views.innerText();
    // The same link opened without the warm-up reads exactly the same.
    await page.goto('/?nowarm#/s/fork-cow?step=20');
    await expectStep(page, 20);
    await expect(views).toHaveText(warmed, { useInnerText: true });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => performance.getEntriesByName('mmscope:warmed').length)).toBe(0);
    // And the step after it is the same whichever way.
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 21);
    const cold = await views.innerText();
    await openPlayer(page, '#/s/fork-cow?step=20');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('mmscope:warmed').length)).toBe(1);
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 21);
    await expect(views).toHaveText(cold, { useInnerText: true });
  });

  test('serves a key pressed during the warm-up with the step asked for, never a frame of the warm-up', async ({ page }) => {
    await openPlayer(page, '#/s/munmap-running-peer?step=100');
    const seen = await page.evaluate(() => new Promise<string[]>((resolve) => {
      const counter = document.querySelector('[aria-label="Current step"]') as HTMLElement;
      const steps: string[] = [];
      new MutationObserver(() => { steps.push(counter.dataset.step ?? ''); }).observe(counter, { attributes: true, attributeFilter: ['data-step'] });
      // In the idle time the warm-up starts in: its first frame is on its way when the key comes.
      requestIdleCallback(() => setTimeout(() => {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
        setTimeout(() => resolve(steps), 1500);
      }, 5));
    }));
    await expectStep(page, 99);
    // (An unseen render touches the counter and puts it back within one task: the observer may see 100.)
    expect(seen.filter((s) => s !== '100').filter((s, i, all) => s !== all[i - 1])).toEqual(['99']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 101);
  });

  test('redraws the statechart in the colours of the theme chosen', async ({ page }) => {
    await openPlayer(page, '#/s/fork-cow?step=3');
    const pixel = () => page.locator('.mv-chart canvas').evaluate((cv: HTMLCanvasElement) => cv.toDataURL());
    const light = await pixel();
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    await expect.poll(pixel).not.toBe(light);
  });
});
