// PostgreSQL for tests: each test file gets databases of its own (chatload_test_<random>), dropped
// after it. Without a server the PostgreSQL suites are skipped with a line saying which and why —
// unless CHATLOAD_REQUIRE_SERVICES=1 (CI), where a missing server fails them.
//   TEST_DATABASE_URL  a database to connect to for making others (postgres://postgres@127.0.0.1:5432/test)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, it } from 'vitest';
import { describeDatabaseUrl } from '@/lib/storage/postgres/url';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestPostgres {
  /** A database of this test file's own, made at first use and dropped after the file. */
  url: string;
  /** Empties every table of `url`, keeping its schema (between the tests of one file). */
  truncate(): Promise<void>;
  /** Another new database, dropped after the file. */
  newDatabase(): Promise<string>;
  /** A client on `url` (or another of the file's databases) for looking behind the repositories; closed after the file. */
  client(database?: string): Promise<pg.Client>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Call at the top of a test file: the file's PostgreSQL, or null when there is none (the suite
 * then registers nothing, or one failing test when services are required).
 */
export async function postgresForTests(suite: string): Promise<TestPostgres | null> {
  const problem = await reachable();
  if (problem !== null) {
    const why = `PostgreSQL at ${describeDatabaseUrl(TEST_DATABASE_URL)} is not reachable (${problem}); set TEST_DATABASE_URL or start the server`;
    if (process.env.CHATLOAD_REQUIRE_SERVICES === '1') {
      it(`${suite} needs PostgreSQL (CHATLOAD_REQUIRE_SERVICES=1)`, () => {
        throw new Error(why);
      });
    } else {
      console.log(`skipped: ${suite}: ${why}`);
      // A file without a single test counts as failed in vitest; a skipped one is what this is.
      it.skip(`${suite} (no PostgreSQL)`, () => undefined);
    }
    return null;
  }

  const made: string[] = [];
  const clients: pg.Client[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const newDatabase = async () => {
    const name = `chatload_test_${randomBytes(6).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    made.push(name);
    return withDatabase(TEST_DATABASE_URL, name);
  };
  const url = await newDatabase();

  afterAll(async () => {
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    // FORCE: a pool a failed test left open must not keep the database alive.
    await admin(async (client) => {
      for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  const client = async (database: string = url) => {
    const opened = new pg.Client({ connectionString: database });
    await opened.connect();
    clients.push(opened);
    return opened;
  };

  return {
    url,
    newDatabase,
    client,
    async truncate() {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const tables = await db.query<{ name: string }>(
          `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'chatload_schema'`,
        );
        if (tables.rows.length > 0) await db.query(`TRUNCATE ${tables.rows.map((t) => t.name).join(', ')} RESTART IDENTITY`);
      } finally {
        await db.end();
      }
    },
  };
}
