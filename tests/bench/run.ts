// npm run bench: the figures behind the README's performance section. Not a test: it measures and
// prints ratios against a baseline run side by side; nothing here passes or fails on timing.
//
//   1. /api/load under 1, 50 and 200 polling viewers vs a trivial Next route answering a JSON of
//      the same size; upstream user_chats calls per refresh window.
//   2. Aggregation of 1k, 10k and 100k chats.
//   3. First Load JS of `/`, gzip, from the build's diagnostics.
//
// The baseline route is no part of a normal build: the bench makes a build of its own, with
// CHATLOAD_BENCH=1 (which adds the route, app/api/bench/baseline/route.bench.ts) into .next-bench,
// and rebuilds it whenever the sources have changed since.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startSimulator } from '@/lib/simulator';
import { benchAggregate } from './aggregate';
import { firstLoadJs } from './bundle';
import { load, type HttpFigures } from './http';

const root = path.resolve(__dirname, '../..');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const TOKEN = 'bench-token';
const PORT = 3410;
const REFRESH_SECONDS = 15;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const VIEWERS = (process.env.BENCH_VIEWERS ?? '1,50,200').split(',').map(Number);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BENCH_DIST_DIR = '.next-bench';
const BENCH_BUILD_ENV = { CHATLOAD_BENCH: '1', CHATLOAD_DIST_DIR: BENCH_DIST_DIR };

/** The build id the sources make now (next.config.js hashes them), to tell a stale bench build. */
async function currentBuildId(): Promise<string> {
  const saved = { ...process.env };
  Object.assign(process.env, BENCH_BUILD_ENV);
  try {
    const config = createRequire(__filename)(path.join(root, 'next.config.js')) as { generateBuildId: () => Promise<string> };
    return await config.generateBuildId();
  } finally {
    for (const key of Object.keys(BENCH_BUILD_ENV)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

async function ensureBenchBuild(): Promise<void> {
  const idFile = path.join(root, BENCH_DIST_DIR, 'BUILD_ID');
  const built = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : null;
  if (built === (await currentBuildId())) return;
  console.log(built === null ? `bench: building the bench build into ${BENCH_DIST_DIR}…` : 'bench: sources changed, building the bench build again…');
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...BENCH_BUILD_ENV } });
  if (build.status !== 0) process.exit(1);
}

async function main() {
  await ensureBenchBuild();

  const sim = await startSimulator({ token: TOKEN, live: true, tickMs: 5000 });
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      WAMM_TOKEN: TOKEN,
      WAMM_API_URL: sim.url,
      REFRESH_SECONDS: String(REFRESH_SECONDS),
      ...BENCH_BUILD_ENV,
      // Viewers are signed in, as in production: every request pays for its session check.
      VIEWER_PASSWORD: 'bench-viewer-password',
      DATA_DIR: path.join(root, 'bench-results', 'data'),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 150) throw new Error('the server did not start');
      }
      await sleep(200);
    }
    // A browser stores the renewed cookie the server sends once a minute; autocannon cannot, so each
    // run signs in afresh and stays within the minute, as a browser's requests would.
    const signIn = async () => {
      const response = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'bench-viewer-password' }),
      });
      return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
    };
    let session = await signIn();
    const bytes = (await (await fetch(`${base}/api/load`, { headers: session })).text()).length;
    const baselineUrl = `${base}/api/bench/baseline?bytes=${bytes}`;
    const probe = await fetch(baselineUrl, { headers: session });
    if (probe.status !== 200) throw new Error(`the baseline route answered ${probe.status}: is ${BENCH_DIST_DIR} a bench build?`);
    console.log(`bench: /api/load body ${bytes} bytes (${sim.control.snapshot().chats.length} open chats); ${SECONDS} s per run\n`);

    const http: Array<{ viewers: number; ours: HttpFigures; baseline: HttpFigures; upstreamCalls: number; minGapSeconds: number | null }> = [];
    for (const viewers of VIEWERS) {
      // Warm both routes, then measure ours with an upstream call log, then the baseline.
      await load(`${base}/api/load`, viewers, 2, session);
      await load(baselineUrl, viewers, 2, session);
      sim.control.resetStats();
      const calls: number[] = [];
      let seen = 0;
      const watcher = setInterval(() => {
        const now = sim.control.stats().user_chats_all;
        for (; seen < now; seen++) calls.push(Date.now());
      }, 100);
      session = await signIn();
      const ours = await load(`${base}/api/load`, viewers, SECONDS, session);
      clearInterval(watcher);
      const gaps = calls.slice(1).map((t, i) => (t - calls[i]!) / 1000);
      const baseline = await load(baselineUrl, viewers, SECONDS, session);
      http.push({ viewers, ours, baseline, upstreamCalls: calls.length, minGapSeconds: gaps.length ? Math.min(...gaps) : null });
      console.log(
        `${String(viewers).padStart(3)} viewers: /api/load ${ours.requestsPerSecond} req/s (p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms) · ` +
          `baseline ${baseline.requestsPerSecond} req/s (p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms) · ` +
          `ratio ${(ours.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} · upstream user_chats ${calls.length} in ${SECONDS} s` +
          (gaps.length ? `, closest two ${Math.min(...gaps).toFixed(1)} s apart` : ''),
      );
    }

    console.log('\naggregation (median of runs):');
    const aggregation = benchAggregate();
    for (const row of aggregation) {
      console.log(
        `${String(row.chats).padStart(7)} chats: refresh (date, sort, aggregate) ${row.refreshMs.toFixed(2)} ms · ` +
          `aggregate ${row.aggregateMs.toFixed(2)} ms · filtered view ${row.filteredMs.toFixed(2)} ms · ` +
          `${((row.refreshMs / row.chats) * 1000).toFixed(2)} µs per chat`,
      );
    }

    const bundle = firstLoadJs(root, '/', BENCH_DIST_DIR);
    console.log(`\nFirst Load JS of /: ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip (${(bundle.rawBytes / 1024).toFixed(1)} KB raw, ${bundle.files.length} files)`);
    if (bundle.suspicious.length > 0) console.log(`  server-side code in the browser bundle: ${bundle.suspicious.join(', ')}`);

    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    const file = path.join(root, 'bench-results', 'latest.json');
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, refreshSeconds: REFRESH_SECONDS, bytes, http, aggregation, bundle: { ...bundle, files: bundle.files } }, null, 2));
    console.log(`\nbench: figures written to ${path.relative(root, file)}`);
  } finally {
    server.kill('SIGTERM');
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
