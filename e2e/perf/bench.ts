// `npm run bench:app`: measures the built app in Chromium and prints the figures against their
// targets: step → next frame painted (p50/p95) on every built-in scenario, seeking anywhere in a
// 100,000-step trace, cold load to interactive, and the initial JavaScript (gzipped).
// Step and seek figures are taken twice: the whole app, and the shell alone (`?bare`: empty view
// slots), which separates the worker and transport from the views' rendering.
import { readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from '@playwright/test';
import { GALLERY } from '../../app/gallery/meta';
import { customLink, touchScenario } from '../links';
import { timeKeySteps, timeSeeks } from './in-page';
import { loadFigures } from './load';
import { startPreview } from './server';
import { lcg, ms, quantile, verdict } from './stats';

const PORT = Number(process.env.BENCH_PORT ?? 4319);
const STEPS_PER_SCENARIO = 200;
// BENCH_ONLY=id,id limits the per-scenario table to those scenarios (for quick comparisons).
const ONLY = process.env.BENCH_ONLY?.split(',') ?? null;
const LONG_TOUCHES = 11_200; // about 100,000 steps at ~9 steps per first touch
// A person reads the first frame before pressing a key; the player warms its views up in that idle
// time (app/player/warm-up.ts). Half a second is quicker than anyone reads a frame.
const THINK_MS = 500;
// Unthrottled frames: without them every sample would include the wait for the next 60 Hz vsync
// (set BENCH_VSYNC=1 to measure with it).
const ARGS = [...(process.env.BENCH_VSYNC ? [] : ['--disable-gpu-vsync', '--disable-frame-rate-limit']),
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const pair = (xs: readonly number[]): string => `${quantile(xs, 0.5).toFixed(1)}/${quantile(xs, 0.95).toFixed(1)}`.padEnd(15);

async function openReady(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('[aria-label="Current step"]', { timeout: 120_000 });
  return Number(await page.getAttribute('[aria-label="Current step"]', 'data-total'));
}

/** The pause before a person's first key press (THINK_MS); then forgets the load's and the warm-up's timings. */
async function think(page: Page): Promise<void> {
  await page.waitForTimeout(THINK_MS);
  await breakdown(page);
}

/** The app's timing of each frame since the last call (recorded when the URL has `?timing`). */
async function breakdown(page: Page): Promise<{ worker: number[]; render: number[] }> {
  const worker = await page.evaluate("performance.getEntriesByName('mmscope:worker').map((e) => e.duration)") as number[];
  const render = await page.evaluate("performance.getEntriesByName('mmscope:commit').map((e) => e.duration)") as number[];
  await page.evaluate('performance.clearMeasures()');
  return { worker, render };
}

async function stepFigures(page: Page, base: string, query: string): Promise<void> {
  console.log(`${'scenario'.padEnd(26)} ${'steps'.padStart(6)}  fwd p50   fwd p95   back p50  back p95  worker p50/p95  render p50/p95  p95 < 16 ms`);
  for (const e of GALLERY.filter((g) => ONLY === null || ONLY.includes(g.id))) {
    const total = await openReady(page, `${base}${query}#/s/${e.id}`);
    await think(page);
    const n = Math.min(STEPS_PER_SCENARIO, total);
    const fwd = await timeKeySteps(page, 'ArrowRight', n);
    const back = await timeKeySteps(page, 'ArrowLeft', Math.min(50, n));
    const { worker, render } = await breakdown(page);
    const cols = [quantile(fwd, 0.5), quantile(fwd, 0.95), quantile(back, 0.5), quantile(back, 0.95)].map((x) => ms(x).padEnd(9)).join(' ');
    console.log(`${e.id.padEnd(26)} ${String(total).padStart(6)}  ${cols} ${pair(worker)} ${pair(render)} ${verdict(quantile(fwd, 0.95), 16)}`);
  }
}

async function seekFigures(page: Page, base: string, query: string): Promise<void> {
  const t0 = Date.now();
  const total = await openReady(page, `${base}${query}${await customLink(touchScenario(LONG_TOUCHES))}`);
  const loaded = Date.now() - t0;
  await think(page);
  const rnd = lcg(42);
  const seeks = await timeSeeks(page, Array.from({ length: 40 }, () => Math.floor(rnd() * total)));
  const parts = await breakdown(page);
  await page.evaluate("location.hash = location.hash.replace(/step=\\d+/, 'step=50000')");
  await page.waitForSelector('[aria-label="Current step"][data-step="50000"]');
  await breakdown(page);
  const steps = await timeKeySteps(page, 'ArrowRight', 100);
  console.log(`long trace: ${total.toLocaleString('en-US')} steps (${LONG_TOUCHES.toLocaleString('en-US')} first touches), recorded and first frame shown in ${ms(loaded)}`);
  console.log(`  seek anywhere (${seeks.length} random targets): p50 ${ms(quantile(seeks, 0.5))}, p95 ${ms(quantile(seeks, 0.95))}, max ${ms(quantile(seeks, 1))}   p95 < 50 ms: ${verdict(quantile(seeks, 0.95), 50)}`);
  console.log(`    worker p50/p95 ${pair(parts.worker)} render p50/p95 ${pair(parts.render)}`);
  console.log(`  step forward from step 50,000: p50 ${ms(quantile(steps, 0.5))}, p95 ${ms(quantile(steps, 0.95))}`);
}

async function interaction(browser: Browser, base: string): Promise<void> {
  const modes = [{ name: 'the whole app', query: '?timing' }, { name: 'the shell alone (?bare: view slots left empty)', query: '?timing&bare' }];
  for (const mode of modes) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    console.log(`\n== ${mode.name} ==`);
    console.log(`step → next frame painted, ms (→ from step 0 after a ${THINK_MS} ms pause, ← back again); worker = building the frame, render = frame received → next animation frame`);
    await stepFigures(page, base, mode.query);
    console.log('');
    await seekFigures(page, base, mode.query);
    await page.close();
  }
}

async function main(): Promise<void> {
  readFileSync(new URL('../../dist/index.html', import.meta.url)); // fails clearly when the app is not built
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    console.log(`mmscope app benchmark (Chromium ${browser.version()}, built app at ${server.url})`);
    await loadFigures(browser, server.url);
    await interaction(browser, server.url);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
