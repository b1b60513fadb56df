// The migration, swap, pin and THP scenarios played as a person would: stepping with the keyboard
// until the narration names the kernel function of interest, then reading what the views show (the
// rmap walk, migration and swap entries, pins, a THP split). Steps are found by content, not number.
import type { Locator, Page } from '@playwright/test';
import { expect, openPlayer, shot, shownStep, test } from './fixtures';

const region = (page: Page, name: string): Locator => page.getByRole('region', { name });
const narration = (page: Page): Locator => region(page, 'Narration');
const rmap = (page: Page): Locator => region(page, 'Reverse map (rmap)');

/** Presses `key` and waits until the player shows another step. */
async function press(page: Page, key: string): Promise<void> {
  const step = await shownStep(page);
  await page.keyboard.press(key);
  await expect(page.getByLabel('Current step')).not.toHaveAttribute('data-step', String(step));
}

/** Presses `key` (→ by default) until the narration matches `what`; fails after `max` presses. */
async function stepUntil(page: Page, what: RegExp, opts: { key?: string; max?: number } = {}): Promise<void> {
  const max = opts.max ?? 200;
  for (let i = 0; i <= max; i++) {
    const step = await shownStep(page);
    // The narration heads its text with the step it shows: read it only once it caught up.
    await expect(narration(page)).toContainText(`step ${step} of`);
    if (what.test(await narration(page).innerText())) return;
    if (i === max) break;
    await press(page, opts.key ?? 'ArrowRight');
  }
  throw new Error(`no step within ${max} presses narrates ${String(what)}`);
}

test.describe('kernel scenarios', () => {
  test('swap-after-fork: one try_to_unmap walk visits both processes, swap entries, then the major fault', async ({ page }) => {
    await openPlayer(page, '#/s/swap-after-fork');
    await stepUntil(page, /rmap_walk_anon for try_to_unmap/);
    const view = rmap(page);
    await expect(view).toContainText('try_to_unmap_one · ');
    await expect(view.getByRole('treeitem', { name: /VMA of app/ })).toBeVisible();
    await expect(view.getByRole('treeitem', { name: /VMA of child/ })).toBeVisible();
    await stepUntil(page, /VMA in app .* get_and_clear_ptes/);
    await expect(view.getByRole('treeitem', { name: /^● now: VMA of app/ })).toBeVisible();
    await expect(view).toContainText('TLB flush in flight');
    await stepUntil(page, /a swap entry for slot 1 replaces the PTE/);
    await expect(view.getByRole('treeitem', { name: /^✓ visited: VMA of app/ })).toBeVisible();
    await expect(view.getByRole('treeitem', { name: /^▶ next: VMA of child/ })).toBeVisible();
    await expect(view.getByRole('treeitem', { name: /VMA of app/ })).toContainText('0x7efffffff000 swap entry');
    await page.screenshot({ path: shot('kernel-swap-walk') });
    await stepUntil(page, /folio 5 is unmapped everywhere/);
    await expect(region(page, 'Address space').getByRole('list', { name: 'PTE kinds on screen' })).toContainText('swap entry');
    // Faults are marked events: Shift+→ goes to the parent's read of the swapped-out page.
    await stepUntil(page, /the PTE is a swap entry, so the CPU raises #PF/, { key: 'Shift+ArrowRight' });
    await stepUntil(page, /a major fault \(PGMAJFAULT\)/);
    await expect(region(page, 'Counters')).toContainText(/faults\.major\s*1/);
    await page.screenshot({ path: shot('kernel-swap-major-fault') });
  });

  test('numa-migration-wait: a migration entry while the page moves, and the task asleep on it', async ({ page }) => {
    await openPlayer(page, '#/s/numa-migration-wait?step=1600');
    await stepUntil(page, /the PTE is a migration entry, so the CPU raises #PF/, { key: 'Shift+ArrowRight' });
    await stepUntil(page, /migration_entry_wait sleeps on that folio's lock/);
    await expect(rmap(page).getByRole('list', { name: 'Tasks waiting on a migration entry' })).toContainText('peer sleeps in migration_entry_wait on pfn 68');
    await expect(rmap(page).getByRole('img', { name: /folios of the call by state: 64 folios: \d+ unmapped/ })).toBeVisible();
    await expect(region(page, 'Machines')).toContainText('migration_entry_wait');
    // The page cell of buf[63], the VMA's last page, read with the keyboard: a migration entry naming the old pfn.
    const grid = region(page, 'Address space').getByRole('group', { name: /Pages of VMA/ }).first();
    await grid.focus();
    await page.keyboard.press('End');
    await expect(grid).toContainText('migration entry (not present; faults wait for the move) · pfn 68');
    await page.screenshot({ path: shot('kernel-migration-wait') });
    await grid.blur();
    // No marked event until the peer wakes: Shift+→ lands just after the move, ← steps back into it.
    await press(page, 'Shift+ArrowRight');
    await stepUntil(page, /rmap_walk_anon for remove_migration_ptes: folio 621/, { key: 'ArrowLeft', max: 20 });
    await expect(rmap(page)).toContainText('remove_migration_pte · ');
    await expect(rmap(page).getByRole('treeitem', { name: /VMA of app/ })).toContainText('0x7efffffff000 migration entry naming the old pfn 68');
    await stepUntil(page, /the fault returns 0 and the access retries/);
    await expect(rmap(page)).not.toContainText('sleeps in migration_entry_wait');
  });

  test('migration-pinned: try_to_migrate is refused for the pinned page, and move_pages reports it', async ({ page }) => {
    await openPlayer(page, '#/s/migration-pinned');
    await stepUntil(page, /rmap_walk_anon for try_to_migrate: folio 5/);
    await expect(rmap(page)).toContainText('try_to_migrate_one · ');
    await stepUntil(page, /folio_try_share_anon_rmap_pte fails/);
    const folio = rmap(page).getByRole('treeitem', { name: /^folio pfn 5/ });
    await expect(folio).toContainText('pin 1');
    await expect(folio).toHaveAccessibleName(/maybe DMA-pinned/);
    await expect(rmap(page).getByRole('treeitem', { name: /VMA of app/ })).toContainText('0x7effffffe000 present RW → pfn 5, this folio');
    await expect(region(page, 'Physical memory')).toContainText('pin 1');
    await page.screenshot({ path: shot('kernel-migration-pinned') });
    await stepUntil(page, /folio 5 is still mapped \(the walk was refused\)/);
    // A shared link to the end of the call: its result shows once the task returns to user space.
    await openPlayer(page, '#/s/migration-pinned?step=157');
    await expect(narration(page)).toContainText('1 folio could not be migrated: the batch\'s status entries stay unwritten and move_pages stops, returning 1');
    await press(page, 'ArrowRight');
    await expect(region(page, 'Counters')).toContainText(/move_pages → 1/);
  });

  test('fork-pinned-page: the child gets its own copy of the pinned page at fork', async ({ page }) => {
    await openPlayer(page, '#/s/fork-pinned-page');
    await stepUntil(page, /1 maybe-pinned page copied for the child at once \(copy_present_page\)/);
    await region(page, 'Physical memory').getByRole('button', { name: /^folio pfn 5, order 0, refcount 1025/ }).click();
    const view = rmap(page);
    await expect(view).toContainText('the selected folio’s rmap now');
    await expect(view.getByRole('treeitem', { name: /^folio pfn 5/ })).toContainText('pin 1');
    await expect(view.getByRole('treeitem', { name: /VMA of app/ })).toContainText('0x7effffffe000 present RW → pfn 5, this folio');
    await expect(view.getByRole('treeitem', { name: /VMA of child/ })).toContainText('→ pfn 11, another folio');
    // The keyboard walks the tree; selecting the parent's VMA keeps the folio's graph on screen.
    await view.getByRole('treeitem', { name: /^folio pfn 5/ }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(view.getByRole('treeitem', { name: /VMA of app/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(view.getByRole('treeitem', { name: /VMA of app/ })).toHaveAttribute('aria-selected', 'true');
    await expect(view.getByRole('treeitem', { name: /^folio pfn 5/ })).toBeVisible();
    await page.screenshot({ path: shot('kernel-fork-pinned') });
  });

  test('thp-cow-after-fork: the writer’s PMD is split, then one 4 KiB page is copied out of the THP', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPlayer(page, '#/s/thp-cow-after-fork');
    // Shift+→ skips the 512 stores of the first write and stops at the parent's write fault after fork.
    await stepUntil(page, /the huge PMD is read-only, so the CPU raises #PF/, { key: 'Shift+ArrowRight', max: 30 });
    await stepUntil(page, /the deposited PTE table gets 512 PTEs/);
    const view = rmap(page);
    await expect(view.getByRole('treeitem', { name: /VMA of db/ })).toContainText('PTE-mapped: 512 of 512 pages');
    await expect(view.getByRole('treeitem', { name: /VMA of snapshot/ })).toContainText('PMD-mapped: one huge PMD for all 512 pages');
    // Keep the THP in view while the copy happens: select it from its row (keyboard).
    await view.getByRole('treeitem', { name: /^folio pfn 512/ }).focus();
    await page.keyboard.press('Enter');
    await expect(view.getByRole('treeitem', { name: /^folio pfn 512/ })).toHaveAttribute('aria-selected', 'true');
    await stepUntil(page, /set_pte_at maps the new pfn 9 writable/);
    await expect(view.getByRole('treeitem', { name: /VMA of db/ })).toContainText('PTE-mapped: 511 of 512 pages; 1 now maps a copy');
    await page.screenshot({ path: shot('kernel-thp-split-dark') });
  });
});
