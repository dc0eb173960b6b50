// npm run bench:tv — the wall display through thousands of poll cycles in headless Chromium, at an
// accelerated poll interval, against the simulator (its team changing every second). Reports JS
// heap, DOM nodes and event listeners at cycle 100 and at the end, after a forced garbage
// collection each time. A measurement, not a test: nothing fails on the figures.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { startSimulator } from '@/lib/simulator';

const root = path.resolve(__dirname, '../..');
const PORT = 3420;
const CYCLES = Number(process.env.SOAK_CYCLES ?? 5000);
const POLL_MS = Number(process.env.SOAK_POLL_MS ?? 50);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  cycle: number;
  heapUsedBytes: number;
  domNodes: number;
  cdpNodes: number;
  listeners: number;
}

async function sample(page: Page, cdp: CDPSession, cycle: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { cycle, heapUsedBytes: metric('JSHeapUsedSize'), domNodes, cdpNodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

async function main() {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('no build: run npm run build first');
  const sim = await startSimulator({ token: 'soak-token', live: true, tickMs: 1000 });
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: { ...process.env, WAMM_TOKEN: 'soak-token', WAMM_API_URL: sim.url, REFRESH_SECONDS: '5', AUTH_DISABLED: '1', PORT: String(PORT), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) break;
      } catch {
        if (i > 150) throw new Error('the server did not start');
      }
      await sleep(200);
    }
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let cycles = 0;
    let changed = 0;
    let lastAsOf = '';
    page.on('response', (response) => {
      if (!response.url().includes('/api/load')) return;
      cycles++;
      void response
        .json()
        .then((body: { asOf?: string }) => {
          if (body.asOf && body.asOf !== lastAsOf) {
            changed++;
            lastAsOf = body.asOf;
          }
        })
        .catch(() => undefined);
    });
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${PORT}/tv?pollMs=${POLL_MS}`);
    // Samples along the way tell a warm-up (growth that stops) from a leak (growth that goes on).
    const checkpoints = [100, 1000, 2000, 3000, 4000].filter((cycle) => cycle < CYCLES);
    const samples: Sample[] = [];
    while (cycles < CYCLES) {
      await sleep(250);
      if (checkpoints.length > 0 && cycles >= checkpoints[0]!) {
        checkpoints.shift();
        const taken = await sample(page, cdp, cycles);
        samples.push(taken);
        console.log(`tv soak: cycle ${taken.cycle}: heap ${(taken.heapUsedBytes / 1e6).toFixed(2)} MB, ${taken.domNodes} DOM elements, ${taken.listeners} listeners`);
      }
      if (Date.now() - started > 30 * 60_000) throw new Error('soak took over 30 minutes');
    }
    const end = await sample(page, cdp, cycles);
    samples.push(end);
    const first = samples[0]!;
    const growth = (end.heapUsedBytes / first.heapUsedBytes - 1) * 100;
    const second = samples[1] ?? first;
    const lateGrowth = (end.heapUsedBytes / second.heapUsedBytes - 1) * 100;
    const seconds = (Date.now() - started) / 1000;
    console.log(`tv soak: cycle ${end.cycle}: heap ${(end.heapUsedBytes / 1e6).toFixed(2)} MB, ${end.domNodes} DOM elements, ${end.listeners} listeners`);
    console.log(
      `tv soak: ${end.cycle} poll cycles in ${seconds.toFixed(0)} s (${changed} carried new data); heap ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}% ` +
        `from cycle ${first.cycle} (${lateGrowth >= 0 ? '+' : ''}${lateGrowth.toFixed(1)}% from cycle ${second.cycle}); DOM elements ${first.domNodes} → ${end.domNodes}; document nodes ${first.cdpNodes} → ${end.cdpNodes}; ` +
        `listeners ${first.listeners} → ${end.listeners}`,
    );
    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    writeFileSync(path.join(root, 'bench-results', 'tv-soak.json'), JSON.stringify({ at: new Date().toISOString(), pollMs: POLL_MS, changed, seconds, samples, heapGrowthPercent: growth, heapGrowthAfterWarmUpPercent: lateGrowth }, null, 2));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
