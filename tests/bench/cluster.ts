// npm run bench:cluster: chatload as 1, 2 and 3 instances sharing one PostgreSQL database and one Redis
// (the topology of docker-compose.yml, as local processes), 200 signed-in viewers polling /api/load
// spread over the instances; then failover: the refreshing instance killed (kill -9) five times and
// the time until the others show data fetched after the kill. Not a test: it prints figures, as
// ratios to the single instance run side by side; nothing passes or fails on timing.
//   BENCH_SECONDS (20)  BENCH_VIEWERS (200)  TEST_DATABASE_URL  TEST_REDIS_URL  (needs a build: npm run build)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startSimulator } from '@/lib/simulator';
import { load, type HttpFigures } from './http';

const root = path.resolve(__dirname, '../..');
const TOKEN = 'bench-cluster-token';
const PASSWORD = 'bench-cluster-viewer';
const REFRESH_SECONDS = 5;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 200);
const KILLS = 5;
const DATABASE = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Instance {
  port: number;
  url: string;
  child: ChildProcess;
}

async function start(port: number, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).status < 500 || i > 10) break;
    } catch {
      if (i > 150) throw new Error(`instance on ${port} did not start`);
    }
    await sleep(200);
  }
  return { port, url, child };
}

async function stop(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill(signal);
  });
}

async function cookieFor(instance: Instance): Promise<string> {
  const response = await fetch(`${instance.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: PASSWORD }) });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function role(instance: Instance): Promise<string | null> {
  try {
    return ((await (await fetch(`${instance.url}/api/health`)).json()) as { cluster: { role: string } }).cluster.role;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('bench:cluster needs a build: run npm run build first');
    process.exit(1);
  }
  const sim = await startSimulator({ token: TOKEN, live: true, tickMs: 5000, timezone: 'Europe/Moscow' });
  const database = `chatload_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `chatload-bench:${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(DATABASE);
  databaseUrl.pathname = `/${database}`;
  const env = {
    WAMM_TOKEN: TOKEN,
    WAMM_API_URL: sim.url,
    REFRESH_SECONDS: String(REFRESH_SECONDS),
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: REDIS,
    REDIS_PREFIX: prefix,
    VIEWER_PASSWORD: PASSWORD,
    SESSION_SECRET: 'bench-cluster-session-secret-0123456789',
    DATA_DIR: path.join(root, 'bench-results', 'cluster-data'),
  };
  const instances: Instance[] = [];
  try {
    const rows: Array<{ count: number; total: number; perInstance: number[]; p99: number; callsPerWindow: number }> = [];
    for (const count of [1, 2, 3]) {
      while (instances.length < count) instances.push(await start(3451 + instances.length, env));
      const cookies = await Promise.all(instances.map(cookieFor));
      await Promise.all(instances.map((instance, i) => fetch(`${instance.url}/api/load`, { headers: { cookie: cookies[i]! } })));
      sim.control.resetStats();
      const share = Math.floor(VIEWERS / count);
      const figures: HttpFigures[] = await Promise.all(
        instances.map((instance, i) => load(`${instance.url}/api/load`, i === 0 ? VIEWERS - share * (count - 1) : share, SECONDS, { cookie: cookies[i]! })),
      );
      const calls = sim.control.stats().user_chats_all;
      const row = {
        count,
        total: figures.reduce((sum, entry) => sum + entry.requestsPerSecond, 0),
        perInstance: figures.map((entry) => entry.requestsPerSecond),
        p99: Math.max(...figures.map((entry) => entry.p99Ms)),
        callsPerWindow: calls / (SECONDS / REFRESH_SECONDS),
      };
      rows.push(row);
      const errors = figures.reduce((sum, entry) => sum + entry.errors + entry.non2xx, 0);
      console.log(
        `${count} instance(s), ${VIEWERS} viewers: ${row.total} req/s in total (${row.perInstance.join(' + ')}), ratio ${(row.total / rows[0]!.total).toFixed(2)} to one · ` +
          `p99 ${row.p99} ms · upstream user_chats ${calls} in ${SECONDS} s = ${row.callsPerWindow.toFixed(2)} per ${REFRESH_SECONDS} s window${errors ? ` · ${errors} errors` : ''}`,
      );
    }

    // Failover: kill the refreshing instance, time fresh data on another, start it again.
    const times: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const cookies = await Promise.all(instances.map(cookieFor));
      let leader = -1;
      for (let tries = 0; tries < 60 && leader < 0; tries++) {
        await Promise.all(instances.map((instance, i) => fetch(`${instance.url}/api/load`, { headers: { cookie: cookies[i]! } }).catch(() => null)));
        const roles = await Promise.all(instances.map(role));
        leader = roles.indexOf('refreshing');
        if (leader < 0) await sleep(250);
      }
      if (leader < 0) throw new Error('no instance says it is refreshing');
      const survivor = instances.find((_, i) => i !== leader)!;
      const survivorCookie = cookies[instances.indexOf(survivor)]!;
      await stop(instances[leader]!, 'SIGKILL');
      const killedAt = Date.now();
      for (;;) {
        const body = (await (await fetch(`${survivor.url}/api/load`, { headers: { cookie: survivorCookie } })).json()) as { asOf: string };
        if (Date.parse(body.asOf) > killedAt) break;
        if (Date.now() - killedAt > 60_000) throw new Error('no fresh data a minute after the kill');
        await sleep(100);
      }
      times.push((Date.now() - killedAt) / 1000);
      console.log(`failover ${kill + 1}: fresh data ${times.at(-1)!.toFixed(1)} s after the kill`);
      instances[leader] = await start(instances[leader]!.port, env);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`failover: median ${sorted[sorted.length >> 1]!.toFixed(1)} s over ${KILLS} kills (bound: one ${REFRESH_SECONDS} s window plus the lease's ${REFRESH_SECONDS} s)`);
  } finally {
    await Promise.all(instances.map((instance) => stop(instance)));
    await sim.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
