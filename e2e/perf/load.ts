// Cold-load figures: a fresh browser context (empty cache) per sample, timed from navigation to the
// moment the page can be used, and the JavaScript it fetched on the way, gzipped.
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { watchFor } from './in-page';
import { ms, quantile, verdict } from './stats';

interface Sample { readonly ms: number; readonly jsGz: number; readonly files: readonly string[] }

async function coldLoad(browser: Browser, url: string, selector: string): Promise<Sample> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await watchFor(page, selector);
  const js: Promise<{ name: string; gz: number }>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') js.push(r.body().then((b) => ({ name: new URL(r.url()).pathname.split('/').pop() ?? '', gz: gzipSync(b).length })));
  });
  await page.goto(url);
  await page.waitForFunction('window.__seen !== undefined', null, { timeout: 30_000 });
  const seen = Number(await page.evaluate('window.__seen'));
  const files = await Promise.all(js);
  await ctx.close();
  return { ms: seen, jsGz: files.reduce((a, f) => a + f.gz, 0), files: files.map((f) => `${f.name} ${(f.gz / 1024).toFixed(1)} KB`) };
}

// One at a time: parallel loads would measure contention for the CPU, not the app.
async function samples(browser: Browser, url: string, selector: string, n = 5): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(await coldLoad(browser, url, selector));
  return out;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints cold-load times (median of 5) and the JavaScript each page needed. */
export async function loadFigures(browser: Browser, base: string): Promise<void> {
  const gallery = await samples(browser, `${base}#/`, '.cards a[href]');
  const player = await samples(browser, `${base}#/s/fork-cow?step=20`, '[aria-label="Current step"][data-step="20"]');
  const g = quantile(gallery.map((r) => r.ms), 0.5);
  const p = quantile(player.map((r) => r.ms), 0.5);
  console.log('\ncold load (fresh browser context, local server, median of 5)');
  console.log(`  gallery to interactive:           ${ms(g)}   < 1000 ms: ${verdict(g, 1000)}`);
  console.log(`  scenario link to its first frame: ${ms(p)}   < 1000 ms: ${verdict(p, 1000)}`);
  const initial = gallery[0]?.jsGz ?? 0;
  console.log(`initial JavaScript (the gallery), gzipped: ${kb(initial)}   < 200 KB: ${verdict(initial / 1024, 200)}   [${gallery[0]?.files.join(', ') ?? ''}]`);
  console.log(`JavaScript of a scenario link (adds the player and the worker chunks), gzipped: ${kb(player[0]?.jsGz ?? 0)}   [${player[0]?.files.join(', ') ?? ''}]`);
}
