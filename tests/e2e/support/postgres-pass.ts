// `npm run test:e2e:postgres`: the e2e specs that lean on storage (snapshots, history, sessions,
// display keys, audit, settings) once more, with the app on PostgreSQL instead of its SQLite file.
// A database of its own is made for the run and dropped after it. Without a PostgreSQL server the
// pass is skipped with a line saying so — unless CHATLOAD_REQUIRE_SERVICES=1 (CI), where it fails.
//   TEST_DATABASE_URL  a database to connect to for making others (postgres://postgres@127.0.0.1:5432/test)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(__dirname, '../../..');
const base = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
const SPECS = ['snapshots.spec.ts', 'access.spec.ts', 'settings.spec.ts', 'teams.spec.ts', 'rebalance.spec.ts', 'alerts.spec.ts'];

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const database = `chatload_e2e_${randomBytes(4).toString('hex')}`;
  try {
    await admin((client) => client.query(`CREATE DATABASE ${database}`));
  } catch (error) {
    const why = `PostgreSQL at ${new URL(base).host} is not reachable (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.CHATLOAD_REQUIRE_SERVICES === '1') {
      console.error(`e2e on PostgreSQL: ${why}, and CHATLOAD_REQUIRE_SERVICES=1 requires it`);
      return 1;
    }
    console.log(`skipped: the e2e pass on PostgreSQL: ${why}; set TEST_DATABASE_URL or start the server`);
    return 0;
  }
  try {
    const specs = SPECS.filter((spec) => existsSync(path.join(root, 'tests', 'e2e', spec)));
    console.log(`e2e on PostgreSQL (database ${database}): ${specs.join(', ')}`);
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--project=login', '--project=desktop', ...specs], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_DATABASE_URL: withDatabase(base, database) },
    });
    return run.status ?? 1;
  } finally {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
