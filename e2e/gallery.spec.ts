import { expect, shot, test } from './fixtures';

test.describe('the gallery', () => {
  test('lists every built-in scenario as a card with a summary and tags', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Linux memory management, step by step');
    const cards = page.getByRole('list', { name: 'Scenarios' }).getByRole('article');
    expect(await cards.count()).toBeGreaterThanOrEqual(5);
    const cow = page.getByRole('article', { name: 'fork() and copy-on-write' });
    await expect(cow).toContainText('copies it');
    await expect(cow.getByRole('list', { name: 'Tags' })).toContainText('COW');
    await page.screenshot({ path: shot('gallery-light'), fullPage: true });
  });

  test('opens a scenario from its card', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'fork() and copy-on-write' }).click();
    await expect(page).toHaveURL(/#\/s\/fork-cow\?step=0$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('fork() and copy-on-write');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Linux 6.18');
  });

  test('switches to the dark theme and remembers it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: shot('gallery-dark'), fullPage: true });
  });

  test('follows the system colour scheme until a theme is chosen', async ({ browser }) => {
    const ctx = await browser.newContext({ colorScheme: 'dark' });
    const page = await ctx.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await ctx.close();
  });
});
