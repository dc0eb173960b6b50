// npm run bench:render — how long the team load page takes to draw its operator rows once the data
// is in the browser, with 200 rows against the same page with 25, in headless Chromium. A
// measurement, not a test: nothing fails on the figures; what matters is the ratio.
//
// The time runs from the end of the /api/load response (the browser's resource timing) to the
// moment the operator table holds every row (a MutationObserver), and to the frame after that
// (painted). Each run is a fresh browser context: no cache, a first visit.
//
// The upstream is wamm.chat as the simulator answers it (its world and its api2 answers), with a
// team of the size asked for instead of the demo team: the demo team has a fixed 26 operators.
// Both sizes are made the same way (4 open chats per operator, ages across every bucket, an
// operator in ten away, one in three over capacity, two teams), so the only difference is the
// number of rows. Needs a build (npm run build).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { answerApiCall } from '@/lib/simulator/wamm-api';
import { OPERATORS } from '@/lib/simulator/names';
import { CHANNELS, World, type SimChat, type SimUser } from '@/lib/simulator/world';

const root = path.resolve(__dirname, '../..');
const TOKEN = 'render-bench-token';
const PORT = Number(process.env.BENCH_RENDER_PORT ?? 3430);
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 9);
const CHATS_PER_OPERATOR = 4;
const UNASSIGNED_CHATS = 20;
const MINUTE = 60_000;
/** Ages spread over the six buckets of the page: < 5 min … > 24 h. */
const AGES_MS = [2 * MINUTE, 10 * MINUTE, 40 * MINUTE, 2 * 60 * MINUTE, 10 * 60 * MINUTE, 30 * 60 * MINUTE];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Team {
  users: SimUser[];
  chats: SimChat[];
}

/** `operators` operators and their chats; the table then has one row more (the unassigned chats). */
function makeTeam(operators: number, nowMs: number): Team {
  const users: SimUser[] = Array.from({ length: operators }, (_, index) => {
    const seed = OPERATORS[index % OPERATORS.length]!;
    const away = index % 10 === 9;
    return {
      userId: 8101 + index,
      name: index < OPERATORS.length ? seed.name : `${seed.name} ${Math.floor(index / OPERATORS.length) + 1}`,
      email: `operator${index}@example.ru`,
      admin: false,
      locked: false,
      deleted: false,
      load: 1,
      onBreak: away,
      registeredAtMs: nowMs - 400 * 24 * 60 * MINUTE,
      activeAtMs: away ? nowMs - 2 * 60 * MINUTE : nowMs - MINUTE,
    };
  });
  const chats: SimChat[] = [];
  const chat = (userId: number): SimChat => {
    const chatId = 50_001 + chats.length;
    const channel = CHANNELS[chats.length % CHANNELS.length]!;
    return {
      chatId,
      name: `Клиент ${chatId}`,
      phone: `79${String(100_000_000 + chatId)}`,
      avatar: '',
      userId,
      apiId: channel.apiId,
      lastMessageMs: nowMs - AGES_MS[chats.length % AGES_MS.length]! - (chats.length % 7) * 1000,
    };
  };
  for (const user of users) for (let i = 0; i < CHATS_PER_OPERATOR; i++) chats.push(chat(user.userId));
  for (let i = 0; i < UNASSIGNED_CHATS; i++) chats.push(chat(0));
  // wamm.chat lists chats oldest first.
  chats.sort((a, b) => a.lastMessageMs - b.lastMessageMs);
  return { users, chats };
}

/** wamm.chat's api2 over HTTP, answered by the simulator's own rules from a world holding `team`. */
async function startUpstream(team: Team): Promise<{ url: string; close: () => Promise<void> }> {
  const world = new World(42, Date.now());
  world.users.splice(0, world.users.length, ...team.users);
  world.chats = team.chats;
  const server = http.createServer((request, response) => {
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    if (!pathname.startsWith('/api2/')) {
      response.writeHead(404).end();
      return;
    }
    const [method = '', token = null, ...args] = pathname.slice('/api2/'.length).split('/').map((segment) => decodeURIComponent(segment));
    const body = answerApiCall({ method, token, args }, { world, token: TOKEN, timeZone: 'Europe/Moscow' });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api2`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Two teams that split the operators, capacity 5 by default and 3 for one in three (who is then over it). */
function settingsFor(team: Team) {
  const ids = team.users.map((user) => String(user.userId));
  const half = Math.ceil(ids.length / 2);
  return {
    version: 1,
    teams: [
      { id: 'support', name: 'Support', operatorIds: ids.slice(0, half), channelIds: ['1402'] },
      { id: 'sales', name: 'Sales', operatorIds: ids.slice(half), channelIds: ['1401'] },
    ],
    capacity: { default: 5, operators: Object.fromEntries(ids.filter((_, index) => index % 3 === 0).map((id) => [id, 3])) },
  };
}

async function startApp(upstreamUrl: string): Promise<ChildProcess> {
  const app = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      WAMM_TOKEN: TOKEN,
      WAMM_API_URL: upstreamUrl,
      WAMM_TIMEZONE: 'Europe/Moscow',
      REFRESH_SECONDS: '60',
      AUTH_DISABLED: '1',
      DATA_DIR: path.join(root, 'bench-results', 'render-data'),
      PORT: String(PORT),
      HOST: '127.0.0.1',
    },
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return app;
    } catch {
      if (i > 150) throw new Error('the server did not start');
    }
    await sleep(200);
  }
}

interface Run {
  /** Response end of /api/load → every row in the table. */
  rowsMs: number;
  /** Response end → the frame after the rows (painted). */
  paintedMs: number;
}

async function measure(browser: Browser, rows: number): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript((expected: number) => {
    const marks: { rowsAt: number | null; paintedAt: number | null } = { rowsAt: null, paintedAt: null };
    Object.assign(window, { __renderBench: marks });
    const observer = new MutationObserver(() => {
      if (marks.rowsAt !== null) return;
      if (document.querySelectorAll('[data-testid="operator-table"] tbody tr').length < expected) return;
      marks.rowsAt = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (marks.paintedAt = performance.now()), 0));
    });
    observer.observe(document, { childList: true, subtree: true });
  }, rows);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => (window as unknown as { __renderBench: { paintedAt: number | null } }).__renderBench.paintedAt !== null, null, { timeout: 60_000 });
  const run = await page.evaluate(() => {
    const marks = (window as unknown as { __renderBench: { rowsAt: number; paintedAt: number } }).__renderBench;
    const arrivals = performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname === '/api/load')
      .map((entry) => (entry as PerformanceResourceTiming).responseEnd)
      .filter((end) => end <= marks.rowsAt);
    // The answer the rows were drawn from: the last one in before them.
    const arrived = Math.max(...arrivals);
    return { rowsMs: marks.rowsAt - arrived, paintedMs: marks.paintedAt - arrived };
  });
  await context.close();
  return run;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function scenario(browser: Browser, rows: number) {
  const team = makeTeam(rows - 1, Date.now());
  const upstream = await startUpstream(team);
  const app = await startApp(upstream.url);
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const put = await fetch(`${base}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(settingsFor(team)),
    });
    if (!put.ok) throw new Error(`PUT /api/settings: HTTP ${put.status} ${await put.text()}`);
    const load = (await (await fetch(`${base}/api/load`)).json()) as { byUser: Array<{ capacity: number | null }>; byTeam: unknown[] };
    if (load.byUser.length !== rows) throw new Error(`expected ${rows} operator rows, the server has ${load.byUser.length}`);
    // What was drawn, so the figures say it: without teams or capacity in the numbers, less is drawn.
    const drawn = { teams: load.byTeam.length, rowsWithCapacity: load.byUser.filter((row) => row.capacity !== null).length };
    await measure(browser, rows); // warm-up: the server's first render of the page, its JIT
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, rows));
    return { rows, drawn, runs, rowsMs: median(runs.map((run) => run.rowsMs)), paintedMs: median(runs.map((run) => run.paintedMs)) };
  } finally {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
    await upstream.close();
  }
}

async function main() {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('no build: run npm run build first');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const baseline = await scenario(browser, 25);
    const large = await scenario(browser, 200);
    for (const result of [baseline, large]) {
      console.log(
        `render: ${result.rows} operator rows (${result.drawn.teams} teams, ${result.drawn.rowsWithCapacity} rows with a capacity): ` +
          `rows in the table ${result.rowsMs.toFixed(1)} ms, painted ${result.paintedMs.toFixed(1)} ms after the data arrived (median of ${RUNS})`,
      );
    }
    const ratio = large.rowsMs / baseline.rowsMs;
    const paintedRatio = large.paintedMs / baseline.paintedMs;
    console.log(`render: 200 rows take ${ratio.toFixed(2)}× the time of 25 to be in the table, ${paintedRatio.toFixed(2)}× to be painted`);
    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    writeFileSync(path.join(root, 'bench-results', 'render.json'), JSON.stringify({ at: new Date().toISOString(), runs: RUNS, baseline, large, ratio, paintedRatio }, null, 2));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
