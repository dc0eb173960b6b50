import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startSimulator, type SimulatorHandle } from '@/lib/simulator';
import { E2E_TOKEN, extraPort } from './support/env';
import { startExtraApp, type ExtraApp } from './support/extra-app';

// Three built instances of chatload behind no balancer at all (every test spreads its requests over
// them itself), sharing one PostgreSQL database and one Redis, against a simulator of their own: the
// topology of docker-compose.yml, as local processes. Without PostgreSQL or Redis the spec is
// skipped, saying so, unless CHATLOAD_REQUIRE_SERVICES=1.

const DATABASE = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const PORTS = [extraPort(31), extraPort(32), extraPort(33)];
const REFRESH_SECONDS = 5;
const PASSWORD = 'cluster-manager-password';

interface Health {
  status: string;
  cluster: { mode: string; ok: boolean; role: 'refreshing' | 'following' | 'alone' };
  asOf: string | null;
}

async function servicesMissing(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL is not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis is not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    redis.disconnect();
  }
  return null;
}

test.describe.configure({ mode: 'serial' });

test.describe('several instances acting as one', () => {
  const database = `chatload_cluster_${randomBytes(4).toString('hex')}`;
  const prefix = `chatload-e2e:${randomBytes(4).toString('hex')}`;
  let apps: ExtraApp[] = [];
  let missing: string | null = null;
  /** Signed in on every instance once: the sign-in limit test, last, makes this address wait. */
  let request: APIRequestContext;
  /** Their own upstream: the main e2e server's refreshes must not count as theirs. */
  let upstream: SimulatorHandle;

  const env = () => {
    const url = new URL(DATABASE);
    url.pathname = `/${database}`;
    return {
      WAMM_TOKEN: E2E_TOKEN,
      WAMM_API_URL: upstream.url,
      WAMM_TIMEOUT_MS: '3000',
      REFRESH_SECONDS: String(REFRESH_SECONDS),
      DATABASE_URL: url.toString(),
      REDIS_URL: REDIS,
      REDIS_PREFIX: prefix,
      MANAGER_PASSWORD: PASSWORD,
      SESSION_SECRET: 'cluster-e2e-session-secret-0123456789',
      SNAPSHOT_EVERY: '10s',
    };
  };
  const health = async (app: ExtraApp): Promise<Health> => (await (await request.get(`${app.url}/api/health`)).json()) as Health;
  const signIn = async (context: APIRequestContext, app: ExtraApp) => expect((await context.post(`${app.url}/api/session`, { data: { password: PASSWORD } })).status()).toBe(200);
  const userChatsAll = async () => upstream.control.stats().user_chats_all;

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(120_000);
    missing = await servicesMissing();
    if (missing) {
      if (process.env.CHATLOAD_REQUIRE_SERVICES === '1') throw new Error(`the cluster spec needs PostgreSQL and Redis: ${missing}`);
      console.log(`skipped: several instances acting as one: ${missing}`);
      return;
    }
    const admin = new pg.Client({ connectionString: DATABASE });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    upstream = await startSimulator({ token: E2E_TOKEN, live: true, tickMs: 5000, timezone: 'Europe/Moscow' });
    // One at a time: the first migrates the shared database, the others find it ready.
    for (const port of PORTS) apps.push(await startExtraApp(port, env()));
    request = await playwright.request.newContext();
    for (const app of apps) await signIn(request, app);
  });

  test.afterAll(async () => {
    await request?.dispose();
    await Promise.all(apps.map((app) => app.stop()));
    apps = [];
    if (missing) return;
    await upstream.close();
    const admin = new pg.Client({ connectionString: DATABASE });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('viewers spread over three instances cost wamm.chat one user_chats call per window, and all show the same data', async () => {
    test.skip(missing !== null, missing ?? '');
    test.setTimeout(90_000);
    const before = await userChatsAll();
    const started = Date.now();
    const asOfs = new Set<string>();
    // Three windows of viewers polling every instance, 20 requests a round.
    while (Date.now() - started < 3 * REFRESH_SECONDS * 1000) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => request.get(`${apps[i % apps.length]!.url}/api/load`)));
      for (const answer of answers) expect(answer.status()).toBe(200);
      const round = await Promise.all(apps.map(async (app) => ((await (await request.get(`${app.url}/api/load`)).json()) as { asOf: string }).asOf));
      for (const asOf of round) asOfs.add(asOf);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const calls = (await userChatsAll()) - before;
    // Three windows (and the one under way when it started): never one per instance per window.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(4);
    const clusters = await Promise.all(apps.map(async (app) => (await health(app)).cluster));
    expect(clusters.every((cluster) => cluster.mode === 'redis' && cluster.ok)).toBe(true);
    expect(clusters.filter((cluster) => cluster.role === 'refreshing').length).toBeLessThanOrEqual(1);
    // Every instance showed the data of the same refreshes, not each its own.
    expect(asOfs.size).toBeLessThanOrEqual(calls + 1);
  });

  test('a snapshot saved on one instance is listed on the others', async () => {
    test.skip(missing !== null, missing ?? '');
    const saved = (await (await request.post(`${apps[0]!.url}/api/snapshots`, { data: { label: 'seen everywhere' }, headers: { origin: apps[0]!.url } })).json()) as { id: string };
    for (const app of apps.slice(1)) {
      const list = (await (await request.get(`${app.url}/api/snapshots`)).json()) as { snapshots: Array<{ id: string }> };
      expect(list.snapshots.map((snapshot) => snapshot.id)).toContain(saved.id);
    }
  });

  test('a scheduled snapshot is taken once, not once per instance', async () => {
    test.skip(missing !== null, missing ?? '');
    test.setTimeout(60_000);
    await new Promise((resolve) => setTimeout(resolve, 22_000));
    const list = (await (await request.get(`${apps[1]!.url}/api/snapshots`)).json()) as { snapshots: Array<{ trigger: string; createdAt: string }> };
    const scheduled = list.snapshots.filter((snapshot) => snapshot.trigger === 'scheduled');
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    // One per 10-second slot.
    const slots = scheduled.map((snapshot) => Math.floor(Date.parse(snapshot.createdAt) / 10_000));
    expect(new Set(slots).size).toBe(slots.length);
  });

  test('when the refreshing instance is killed, the others have fresh data within a window and the lease', async () => {
    test.skip(missing !== null, missing ?? '');
    test.setTimeout(60_000);
    let leader: ExtraApp | undefined;
    for (let tries = 0; tries < 40 && !leader; tries++) {
      for (const app of apps) if ((await health(app)).cluster.role === 'refreshing') leader = app;
      if (!leader) {
        await Promise.all(apps.map((app) => request.get(`${app.url}/api/load`)));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(leader).toBeDefined();
    const others = apps.filter((app) => app !== leader);
    await leader!.kill();
    const killedAt = Date.now();
    let fresh = false;
    while (!fresh && Date.now() - killedAt < 4 * REFRESH_SECONDS * 1000) {
      const asOf = ((await (await request.get(`${others[0]!.url}/api/load`)).json()) as { asOf: string }).asOf;
      fresh = Date.parse(asOf) > killedAt;
      if (!fresh) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const tookMs = Date.now() - killedAt;
    console.log(`failover: fresh data ${Math.round(tookMs / 100) / 10} s after the refreshing instance was killed`);
    expect(fresh).toBe(true);
    // One window plus the lease's time to live (a window), and a fetch.
    expect(tookMs).toBeLessThan(2 * REFRESH_SECONDS * 1000 + 3000);
    apps = [...others, leader!];
  });

  test('sign-in failures count on every instance: five wrong anywhere, and the sixth waits everywhere', async ({ playwright }) => {
    test.skip(missing !== null, missing ?? '');
    const alive = apps.slice(0, 2);
    const guesser = await playwright.request.newContext();
    for (let i = 0; i < 5; i++) expect((await guesser.post(`${alive[i % alive.length]!.url}/api/session`, { data: { password: `wrong-${i}` } })).status()).toBe(401);
    for (const app of alive) expect((await guesser.post(`${app.url}/api/session`, { data: { password: PASSWORD } })).status()).toBe(429);
    await guesser.dispose();
  });
});
