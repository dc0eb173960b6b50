// `npm run cluster:local`: the topology of docker-compose.yml as local processes, for trying several
// instances on a machine without images. N built instances of chatload (scripts/serve.mjs) on ports
// BASE_PORT, BASE_PORT+1, …, sharing one PostgreSQL database (created when missing) and one Redis,
// behind a small round-robin reverse proxy on PROXY_PORT. Ctrl-C stops everything (SIGTERM to each
// instance: they drain).
//
// Without WAMM_TOKEN a simulated wamm.chat is started for all of them (one team, not one per
// instance), with sign-in off unless MANAGER_PASSWORD / VIEWER_PASSWORD are given.
//
//   INSTANCES (2)   BASE_PORT (3101)   PROXY_PORT (8080)   SIM_PORT (4099, demo only)
//   POSTGRES_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres)   DATABASE_NAME (chatload_local)
//   REDIS_URL (redis://127.0.0.1:6379)   REDIS_PREFIX (chatload-local)
//   Any other setting (WAMM_TOKEN, MANAGER_PASSWORD, SESSION_SECRET, METRICS_TOKEN, …) is passed on.
//   --drop-database   drops DATABASE_NAME and deletes the REDIS_PREFIX keys when stopping.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import buildSources from './build-sources.cjs';

const root = path.resolve(import.meta.dirname, '..');
const env = process.env;
const instances = Number(env.INSTANCES || 2);
const basePort = Number(env.BASE_PORT || 3101);
const proxyPort = Number(env.PROXY_PORT || 8080);
const simPort = Number(env.SIM_PORT || 4099);
const adminUrl = env.POSTGRES_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = env.DATABASE_NAME || 'chatload_local';
const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisPrefix = env.REDIS_PREFIX || 'chatload-local';
const dropDatabase = process.argv.includes('--drop-database');

if (!Number.isInteger(instances) || instances < 1 || instances > 9) fail('INSTANCES must be 1 to 9');
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) fail('DATABASE_NAME must be a plain PostgreSQL name (a-z, 0-9, _)');

function fail(message) {
  console.error(`cluster-local: ${message}`);
  process.exit(1);
}
const say = (message) => console.log(`cluster-local: ${message}`);

/** The database URL of `name` on the server of POSTGRES_ADMIN_URL. */
function databaseUrl(name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    fail(`PostgreSQL is not reachable at POSTGRES_ADMIN_URL (${error instanceof Error ? error.message : error})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase() {
  await withAdmin(async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${databaseName}"`);
      say(`created database ${databaseName}`);
    } else say(`using database ${databaseName}`);
  });
}

function buildIfNeeded() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt >= buildSources.newestSourceChange(root)) return;
  say(builtAt === 0 ? 'building (first start)…' : 'sources changed, building again…');
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const build = spawnSync(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

async function waitFor(url, what, child) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) fail(`${what} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Round robin over the instances; a connection refused (an instance stopping) tries the next one. */
function startProxy(ports) {
  let next = 0;
  const server = http.createServer((request, response) => {
    // Prometheus scrapes each instance itself: its counters are per instance.
    if (request.url === '/metrics' || request.url?.startsWith('/metrics?')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Scrape each instance: /metrics is not served through the proxy.\n');
      return;
    }
    const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
    // A body can be sent once only: a request with one is never tried on a second instance.
    const retryable = request.method === 'GET' || request.method === 'HEAD';
    const attempt = (triesLeft) => {
      const port = ports[next++ % ports.length];
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-host': request.headers.host ?? '', 'x-forwarded-proto': 'http' },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', (error) => {
        if (!response.headersSent && retryable && triesLeft > 1 && error.code === 'ECONNREFUSED') return attempt(triesLeft - 1);
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('No chatload instance answered.\n');
      });
      if (retryable) upstream.end();
      else request.pipe(upstream);
    };
    attempt(ports.length);
  });
  server.listen(proxyPort, '127.0.0.1');
  return server;
}

async function main() {
  buildIfNeeded();
  await createDatabase();

  const children = [];
  const shared = {
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    TRUST_PROXY: '1',
    HOST: '127.0.0.1',
    // One secret for all, or a session made on one instance is refused by the others.
    SESSION_SECRET: env.SESSION_SECRET || randomBytes(32).toString('hex'),
  };
  if (!env.WAMM_TOKEN) {
    // One simulated team for all the instances (each would otherwise start a simulator of its own).
    const token = `local-${randomBytes(8).toString('hex')}`;
    const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const sim = spawn(process.execPath, [tsx, 'lib/simulator/cli.ts'], {
      cwd: root,
      env: { ...env, SIM_PORT: String(simPort), SIM_TOKEN: token },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(sim);
    await waitFor(`http://127.0.0.1:${simPort}/__sim/health`, 'the simulator', sim);
    Object.assign(shared, { WAMM_TOKEN: token, WAMM_API_URL: `http://127.0.0.1:${simPort}/api2` });
    if (!env.MANAGER_PASSWORD && !env.VIEWER_PASSWORD && !env.USERS_FILE) shared.AUTH_DISABLED = '1';
    say(`a simulated wamm.chat on port ${simPort}${shared.AUTH_DISABLED ? ', sign-in off' : ''}`);
  }

  const ports = Array.from({ length: instances }, (_, index) => basePort + index);
  const apps = [];
  // One after the other: the first applies the migrations; the others find the database ready.
  for (const [index, port] of ports.entries()) {
    const dataDir = path.join(root, 'data', `cluster-${index + 1}`);
    mkdirSync(dataDir, { recursive: true });
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs')], {
      cwd: root,
      env: { ...env, ...shared, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`[${port}] ${line}\n`);
      });
    }
    children.push(child);
    apps.push(child);
    await waitFor(`http://127.0.0.1:${port}/api/health`, `the instance on port ${port}`, child);
  }
  const proxy = startProxy(ports);
  say(`${instances} instance(s) on ports ${ports.join(', ')}; open http://127.0.0.1:${proxyPort}/ (Ctrl-C stops all)`);
  if (env.METRICS_TOKEN) say(`metrics: curl -H "Authorization: Bearer $METRICS_TOKEN" http://127.0.0.1:${basePort}/metrics`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    proxy.close();
    const exited = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
    for (const app of apps) app.kill('SIGTERM');
    await Promise.all(apps.map(exited));
    for (const child of children.filter((candidate) => !apps.includes(candidate))) {
      child.kill('SIGTERM');
      await exited(child);
    }
    if (dropDatabase) {
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
      say(`dropped database ${databaseName}`);
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        let removed = 0;
        for await (const keys of redis.scanStream({ match: `${redisPrefix}:*`, count: 200 })) {
          if (keys.length > 0) removed += await redis.del(...keys);
        }
        say(`deleted ${removed} Redis key(s) under ${redisPrefix}:`);
      } finally {
        redis.disconnect();
      }
    }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const app of apps) app.on('exit', (code) => !stopping && (say(`an instance exited (${code}); stopping the others`), void stop()));
}

await main();
