import { expect, expectStep, openPlayer, shot, test } from './fixtures';

const SIZES = [
  { name: 'wide', width: 1600, height: 900 },
  { name: '1280', width: 1280, height: 800 },
  { name: 'tablet', width: 900, height: 1000 },
  { name: 'phone', width: 390, height: 844 },
] as const;

test.describe('the layout', () => {
  for (const size of SIZES) {
    for (const theme of ['light', 'dark'] as const) {
      test(`fits a ${size.width} px screen without sideways scrolling (${theme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.setViewportSize({ width: size.width, height: size.height });
        await openPlayer(page, '#/s/munmap-lazy-peer?step=120');
        await expectStep(page, 120);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await expect(page.getByRole('button', { name: 'Step forward' })).toBeInViewport();
        await expect(page.getByRole('slider', { name: 'Step' })).toBeInViewport();
        await page.screenshot({ path: shot(`layout-${size.name}-${theme}`) });
      });
    }
  }

  test('the gallery fits a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot('gallery-phone'), fullPage: true });
  });
});
