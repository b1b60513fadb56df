// The userfaultfd view played as a person would: a vCPU's missing-page fault queued on
// fault_pending_wqh, read by the handler onto fault_wqh, resolved with UFFDIO_COPY and woken; a
// uffd-wp write fault; then the built-in userfaultfd thread scenarios played to the end. Steps are
// found by what the narration says, reached with the keyboard and the transport buttons.
import { existsSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { UFFD_BASIC, UFFD_WP } from '../app/views/uffd/fixtures';
import { expect, expectStep, openPlayer, shot, shownStep, test } from './fixtures';
import { builtinDoc, customLink } from './links';

const region = (page: Page, name: string): Locator => page.getByRole('region', { name });
const narration = (page: Page): Locator => region(page, 'Narration');
const uffd = (page: Page): Locator => region(page, 'userfaultfd');
const lane = (page: Page, name: string): Locator => uffd(page).getByRole('group', { name: new RegExp(`^${name}: `) });
const card = (page: Page, id: number): Locator => uffd(page).getByRole('button', { name: new RegExp(`^UFFD_EVENT_PAGEFAULT #${id} `) });

/** Moves one step with `key` (or a click on the button named `key`) and waits for another step on screen. */
async function press(page: Page, key: string): Promise<void> {
  const step = await shownStep(page);
  if (key.startsWith('button:')) await page.getByRole('button', { name: key.slice(7), exact: true }).click();
  else await page.keyboard.press(key);
  await expect(page.getByLabel('Current step')).not.toHaveAttribute('data-step', String(step));
}

/** Moves with `key` until the narration matches `what`; fails after `max` moves. */
async function stepUntil(page: Page, what: RegExp, key = 'ArrowRight', max = 150): Promise<void> {
  for (let i = 0; i <= max; i++) {
    const step = await shownStep(page);
    await expect(narration(page)).toContainText(`step ${step} of`);
    if (what.test(await narration(page).innerText())) return;
    if (i < max) await press(page, key);
  }
  throw new Error(`no step within ${max} moves narrates ${String(what)}`);
}

/** Screenshots in both themes at the current step (the theme follows the emulated colour scheme). */
async function shots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: shot(`uffd-${name}-${theme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('the userfaultfd view', () => {
  test('follows a missing-page fault from fault_pending_wqh through read() to fault_wqh and its wake', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openPlayer(page, await customLink(UFFD_BASIC));
    await expect(uffd(page)).toContainText('No userfaultfd context at this step');
    // Faults are marked events: Shift+→ (and the Next event button) go from fault to fault.
    await stepUntil(page, /handle_userfault queues UFFD_EVENT_PAGEFAULT #1/, 'Shift+ArrowRight');
    await expect(uffd(page)).toContainText('fd 3 · uffd');
    await expect(uffd(page)).toContainText(/7effffffc000-7f0000000000\s*MISSING/);
    await expect(lane(page, 'fault_pending_wqh')).toContainText(/#1\s*WRITE · vcpu\s*0x7effffffc000/);
        await expect(lane(page, 'fault_pending_wqh')).toContainText('queued this step');
    await expect(lane(page, 'fault_wqh')).toContainText('empty');
    await expect(uffd(page).getByRole('button', { name: 'vcpu on CPU1: asleep in handle_userfault on #1 (write at 0x7effffffc000)' })).toBeVisible();
    await expect(region(page, 'Address space')).toContainText(/uffd 3\s*MISSING/);
    await shots(page, 'pending');

    await stepUntil(page, /read\(\) returns UFFD_EVENT_PAGEFAULT #1/, 'button:Step forward');
    await expect(lane(page, 'fault_pending_wqh')).toContainText('empty');
    await expect(lane(page, 'fault_wqh')).toContainText(/#1\s*WRITE · vcpu\s*0x7effffffc000/);
    await expect(lane(page, 'fault_wqh')).toContainText('read this step');
    await expect(uffd(page).getByRole('list', { name: 'Handler threads' })).toContainText('handler · CPU0 read #1; calls UFFDIO_COPY next');
    await shots(page, 'read');

    await stepUntil(page, /mfill_atomic_pte_copy allocates/);
    await expect(uffd(page).getByRole('list', { name: 'Handler threads' })).toContainText('in UFFDIO_COPY for #1 · wake_userfault');
    await stepUntil(page, /wake_userfault over \[0x7effffffc000, \+4096\) wakes 1 waiting fault/);
    await expect(lane(page, 'fault_wqh')).toContainText('empty');
    await expect(lane(page, 'woken')).toContainText(/#1\s*VM_FAULT_RETRY · vcpu\s*0x7effffffc000/);
        await expect(uffd(page).getByRole('button', { name: /^vcpu on CPU1: woken: handle_userfault returns VM_FAULT_RETRY/ })).toBeVisible();
    // Selecting the message selects its page: the address space outlines it, now present and writable.
    await card(page, 1).click();
    await expect(card(page, 1)).toHaveAttribute('aria-pressed', 'true');
    await expect(region(page, 'Address space').locator('rect.mv-lit-sel')).toHaveCount(1);
    await shots(page, 'woken');
    await page.keyboard.press('Escape');
    await expect(card(page, 1)).toHaveAttribute('aria-pressed', 'false');

    // The link carries the step: a reload shows the same moment.
    const step = await shownStep(page);
    await expect(page).toHaveURL(new RegExp(`step=${step}$`));
    const seen = await uffd(page).innerText();
    await page.reload();
    await expectStep(page, step);
    await expect(lane(page, 'woken')).toContainText(/#1\s*VM_FAULT_RETRY · vcpu\s*0x7effffffc000/);
    expect(await uffd(page).innerText()).toBe(seen);

    // Back with ←: the message returns to fault_wqh.
    await stepUntil(page, /UFFDIO_COPY of 1 page at 0x7effffffc000/, 'ArrowLeft');
    await expect(lane(page, 'fault_wqh')).toContainText(/#1\s*WRITE · vcpu\s*0x7effffffc000/);
  });

  test('shows uffd-wp: the protected PTEs, then a WRITE|WP message the handler un-protects', async ({ page }) => {
    await openPlayer(page, await customLink(UFFD_WP));
    await stepUntil(page, /UFFDIO_WRITEPROTECT returns 0 \(protecting never wakes anyone\)/, 'ArrowRight', 120);
    const space = region(page, 'Address space');
    await expect(space.getByRole('list', { name: 'PTE kinds on screen' })).toContainText('uffd-wp (_PAGE_UFFD_WP bit or PTE_MARKER_UFFD_WP)');
    await expect(space).toContainText(/uffd 3\s*WP/);
    await expect(space.locator('svg.mv-grid rect.mv-as-wp')).toHaveCount(1);
    const grid = space.getByRole('group', { name: /Pages of VMA/ }).first();
    await grid.focus();
    await page.keyboard.press('ArrowRight');
    await expect(grid).toContainText('uffd-wp: _PAGE_UFFD_WP is set');
    await expect(grid).toContainText('VMA registered with userfaultfd fd 3 (VM_UFFD_WP)');
    await shots(page, 'wp-protected');
    await grid.blur();
    await stepUntil(page, /handle_userfault queues UFFD_EVENT_PAGEFAULT #1 \(address 0x7effffffd000, flags WRITE\|WP\)/, 'button:Next event');
    await expect(lane(page, 'fault_pending_wqh')).toContainText(/WRITE\|WP · writer\s*0x7effffffd000/);
    await stepUntil(page, /the handler un-protects 0x7effffffd000 with UFFDIO_WRITEPROTECT \(mode 0\)/);
    await expect(lane(page, 'fault_wqh')).toContainText(/WRITE\|WP · writer\s*0x7effffffd000/);
    await stepUntil(page, /1 PTE rewritten \(uffd-wp bit cleared\)/);
    await expect(uffd(page).getByRole('list', { name: 'Handler threads' })).toContainText('in UFFDIO_WRITEPROTECT (0) for #1');
    await shots(page, 'wp-unprotect');
  });

  for (const size of [{ name: 'tablet', width: 900, height: 1000 }, { name: 'phone', width: 390, height: 844 }] as const) {
    test(`fits a ${size.name} screen without sideways scrolling, its lanes stacked or side by side`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await openPlayer(page, await customLink(UFFD_BASIC, 31));
      await expectStep(page, 31);
      await expect(lane(page, 'fault_wqh')).toContainText(/#1\s*WRITE · vcpu\s*0x7effffffc000/);
      await uffd(page).scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: shot(`uffd-${size.name}`) });
    });
  }
});

// The built-in userfaultfd thread scenarios (added alongside this view): each played to the end.
const THREADS = ['postcopy-vma-per-page', 'postcopy-userfaultfd', 'uffd-remap-vs-copy', 'live-snapshot'].filter((id) => existsSync(new URL(`../sim-core/scenarios/builtin/${id}.json`, import.meta.url)));

test.describe('userfaultfd thread scenarios', () => {
  for (const id of THREADS) {
    const doc = builtinDoc(id) as { source?: { list: string; author: string }; tasks: { ops: { op: string }[] }[] };
    const uses = doc.tasks.some((t) => t.ops.some((o) => o.op === 'userfaultfd'));
    test(`${id} plays to the end with its thread named and ${uses ? 'its userfaultfd context shown' : 'no userfaultfd slot (it uses none)'}`, async ({ page }) => {
      await openPlayer(page, `#/s/${id}`);
      await page.keyboard.press('Space');
      await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
      await page.keyboard.press('End');
      const total = await page.getByLabel('Current step').getAttribute('data-total');
      await expectStep(page, Number(total));
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      const src = doc.source;
      if (!src) throw new Error(`${id} names no thread`);
      await expect(narration(page)).toContainText(src.list);
      await expect(narration(page)).toContainText(src.author);
      if (uses) {
        await expect(uffd(page)).toContainText(/fd \d+ · /);
        await expect(uffd(page)).toContainText('Registered:');
      } else {
        // A run without userfaultfd (postcopy by mprotect, page by page) gives the view no slot at all.
        await expect(uffd(page)).toHaveCount(0);
        await expect(page.locator('.views.has-uffd')).toHaveCount(0);
      }
      await page.screenshot({ path: shot(`uffd-thread-${id}`) });
    });
  }

  if (THREADS.includes('postcopy-userfaultfd')) test('postcopy-userfaultfd: four vCPUs queue their faults and read() takes the oldest', async ({ page }) => {
    await openPlayer(page, '#/s/postcopy-userfaultfd');
    // Every step here is a scheduling choice (a marked event), so Shift+→ is no faster than →.
    await stepUntil(page, /handle_userfault queues UFFD_EVENT_PAGEFAULT #4/);
    await expect(lane(page, 'fault_pending_wqh').getByRole('button')).toHaveCount(4);
    await stepUntil(page, /read\(\) returns UFFD_EVENT_PAGEFAULT #1/);
    await expect(lane(page, 'fault_wqh')).toContainText(/#1\s*WRITE · vcpu2/);
    await expect(lane(page, 'fault_pending_wqh').getByRole('button')).toHaveCount(3);
    await expect(uffd(page).getByRole('button', { name: /: asleep in handle_userfault on #/ })).toHaveCount(4);
    await shots(page, 'postcopy-queue');
  });

  if (THREADS.includes('postcopy-userfaultfd')) test('postcopy-userfaultfd with the handler on vCPU 0\'s CPU: the CPU card lists the task waiting its turn', async ({ page }) => {
    await openPlayer(page, '#/s/postcopy-userfaultfd?p=vcpus:1,handler_cpu:1');
    await stepUntil(page, /the handler sleeps in poll\(\) on fd_wqh \(CPU1 switches to vcpu0\)/);
    const cpus = page.getByRole('region', { name: 'CPUs and TLBs' });
    await expect(cpus).toContainText('runs vcpu0');
    await expect(cpus).toContainText('also on this CPU: postcopy (blocked)');
    await shots(page, 'postcopy-same-cpu');
  });
});

