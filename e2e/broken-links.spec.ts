import type { Page } from '@playwright/test';
import { deflateRaw, MAX_DATA_CHARS, MAX_SCENARIO_BYTES, toBase64url } from '../sim-core/url';
import { expect, shot, test } from './fixtures';
import { builtinDoc, customLink } from './links';

/** A small world read over and over: about 4,100 steps per pass, and few results. */
const rereads = (passes: number) => ({
  v: 1, id: 'rereads', title: 'Reads, again and again', summary: `Reads 4,096 pages ${passes} times over.`, machine: { cpus: 1, framesPerNode: 8192 },
  tasks: [{ name: 'main', process: 'app', cpu: 0, ops: [
    { op: 'mmap', as: 'buf', pages: 4096, prot: 'rw' }, { op: 'write', addr: 'buf[0..4095]' }, { op: 'read', addr: 'buf[0..4095]', repeat: passes }] }],
});

/** Opens a link and checks the page explains the failure and offers the way back. */
async function expectBroken(page: Page, hash: string, title: string | RegExp, says: string | RegExp): Promise<void> {
  await page.goto(`/${hash}`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText(title);
  await expect(alert).toContainText(says);
  await expect(alert.getByRole('link', { name: 'Back to the gallery' })).toBeVisible();
}

async function backToGallery(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Back to the gallery' }).click();
  await expect(page.getByRole('list', { name: 'Scenarios' })).toBeVisible();
}

test.describe('broken links', () => {
  test('bad base64 names the offending character', async ({ page }) => {
    await expectBroken(page, '#/c/q1Yq!K0', 'This link is broken', "not valid base64url: character '!' at position 5");
    await page.screenshot({ path: shot('broken-base64') });
    await backToGallery(page);
  });

  test('truncated data says the link was cut', async ({ page }) => {
    const full = await customLink(builtinDoc('munmap-lazy-peer'));
    const data = /#\/c\/([^?]+)/.exec(full)?.[1] ?? '';
    await expectBroken(page, `#/c/${data.slice(0, Math.floor(data.length / 2) & ~3)}`, 'This link is broken', 'truncated');
    await backToGallery(page);
  });

  test('oversized data is refused before decoding', async ({ page }) => {
    await expectBroken(page, `#/c/${'A'.repeat(MAX_DATA_CHARS + 4)}`, 'This link is broken', 'too long');
  });

  test('a small link that inflates past the limit is refused', async ({ page }) => {
    const bomb = toBase64url(await deflateRaw(new Uint8Array(MAX_SCENARIO_BYTES * 8).fill(32)));
    await expectBroken(page, `#/c/${bomb}`, 'This link is broken', 'larger than 256 KiB');
  });

  test('an unknown scenario id says so', async ({ page }) => {
    await expectBroken(page, '#/s/no-such-scenario?step=3', 'Unknown scenario', "no built-in scenario 'no-such-scenario'");
    await backToGallery(page);
  });

  test('an invalid custom scenario lists its path-qualified problems', async ({ page }) => {
    const doc = builtinDoc('first-touch') as { tasks: { ops: Record<string, unknown>[] }[] };
    (doc.tasks[0]?.ops[1] ?? {}).addr = 'bfu[0]';
    (doc.tasks[0]?.ops ?? []).push({ op: 'frobnicate' });
    await expectBroken(page, await customLink(doc), 'This scenario cannot run', 'not valid');
    await expect(page.getByRole('list', { name: 'Problems' })).toContainText('tasks[0].ops[4]');
    await page.screenshot({ path: shot('broken-scenario') });
  });

  test('text that is not JSON is reported', async ({ page }) => {
    await expectBroken(page, await customLink('{"v": 1, "id": '), 'This scenario cannot run', 'not valid JSON');
  });

  test('a malformed step, choice or parameter is named', async ({ page }) => {
    await expectBroken(page, '#/s/fork-cow?step=abc', 'This link is broken', "'abc' is not a step number");
    await expectBroken(page, '#/s/fork-cow?c=4-1', 'This link is broken', "'4-1' is not STEP:ACTOR");
    await expectBroken(page, '#/s/fork-cow?p=cpus', 'This link is broken', "'cpus' is not NAME:VALUE");
    await expectBroken(page, '#/s/fork-cow?p=cpus:4', 'This scenario cannot run', "unknown parameter 'cpus'");
    await expectBroken(page, '#/s/fork-cow?zoom=2', 'This link is broken', "'zoom' is not part of a link");
  });

  test('a choice that does not fit the run says which actors could run', async ({ page }) => {
    await expectBroken(page, '#/s/munmap-running-peer?c=0:7', /choices do not fit/, 'actor 7 is not runnable at this step (runnable: 0, 1)');
  });

  test('an unknown page says where links lead', async ({ page }) => {
    await expectBroken(page, '#/scenarios/fork-cow', 'This link is broken', 'links start with #/s/');
  });

  test('a run longer than the browser records is refused with a clear message', async ({ page }) => {
    test.slow(); // it records two million steps before it can refuse
    await page.goto(`/${await customLink(rereads(600))}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('This run is too large for the browser', { timeout: 120_000 });
    await expect(alert).toContainText('longer than 2,000,000 steps');
    await expect(alert).toContainText('npm run sim');
  });

  test('a scenario with too many op results is refused before it runs', async ({ page }) => {
    const doc = { v: 1, id: 'chatty', title: 'Chatty', summary: 'Writes one page a million times.', machine: { cpus: 1 },
      tasks: [{ name: 'main', process: 'app', cpu: 0, ops: [{ op: 'mmap', as: 'buf', pages: 1, prot: 'rw' }, { op: 'write', addr: 'buf[0]', repeat: 1_000_000 }] }] };
    await expectBroken(page, await customLink(doc), 'This run is too large for the browser', 'run 1,000,001 times');
  });

  test('a long recording shows progress and can be cancelled', async ({ page }) => {
    await page.goto(`/${await customLink(rereads(450))}`); // some 1.9 million steps: several seconds
    await expect(page.getByRole('status').filter({ hasText: 'steps recorded' })).toBeVisible();
    await page.waitForTimeout(500); // let the panel finish fading in
    await page.screenshot({ path: shot('recording-progress') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Recording cancelled');
    await backToGallery(page);
  });
});
