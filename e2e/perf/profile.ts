// `npx tsx e2e/perf/profile.ts [scenario] [steps]`: where a step's time goes, view by view. For the
// shell alone and then each view alone (`?views=<slot>`), steps through the scenario and reports the
// per-step p95 and Chromium's own split of the time (script, style, layout) from Performance.getMetrics.
// A diagnosis tool for `npm run bench:app`; needs a build in dist/.
import { chromium } from '@playwright/test';
import { timeKeySteps } from './in-page';
import { startPreview } from './server';
import { quantile } from './stats';

const SLOTS = ['narration', 'address', 'uffd', 'pagetable', 'memory', 'cpus', 'rmap', 'machines', 'counters'];
const ARGS = ['--disable-gpu-vsync', '--disable-frame-rate-limit', '--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KEYS = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration'] as const;

async function main(): Promise<void> {
  const id = process.argv[2] ?? 'first-touch';
  const steps = Number(process.argv[3] ?? 100);
  const server = await startPreview(4320);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    console.log(`${id}: ${steps} steps forward; ms per step`);
    console.log(`${'views'.padEnd(12)} p50    p95    script  style  layout  task`);
    for (const views of ['bare', 'all', ...SLOTS]) {
      const q = views === 'bare' ? '?bare' : views === 'all' ? '?timing' : `?views=${views}`;
      await page.goto(`${server.url}${q}#/s/${id}`);
      await page.waitForSelector('[aria-label="Current step"]');
      const total = Number(await page.getAttribute('[aria-label="Current step"]', 'data-total'));
      const n = Math.min(steps, total);
      const before = await metrics();
      const t = await timeKeySteps(page, 'ArrowRight', n);
      const after = await metrics();
      const per = KEYS.map((k) => (((after[k] ?? 0) - (before[k] ?? 0)) * 1000) / n);
      console.log(`${views.padEnd(12)} ${quantile(t, 0.5).toFixed(1).padEnd(6)} ${quantile(t, 0.95).toFixed(1).padEnd(6)} ${per.map((x) => x.toFixed(2).padEnd(7)).join(' ')}`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
