// What only PostgreSQL does: a server that is away at start or goes away later, its locks, its
// schema versions, and its password kept out of every message.
import net from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresForTests } from '@/tests/support/postgres';
import { StorageSchemaError, StorageUnavailableError } from '../errors';
import { openStorage } from '../open';
import { sample, snapshotRecord } from '../test-support';
import type { Storage } from '../types';
import { POSTGRES_SCHEMA_VERSION } from './migrations';
import { describeDatabaseUrl } from './url';

const postgres = await postgresForTests('PostgreSQL storage');

const opened: Storage[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordingLog(): { lines: string[]; info(m: string): void; warn(m: string): void } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

async function open(url: string, log = recordingLog()): Promise<Storage> {
  const storage = await openStorage({ databaseUrl: url, sqliteFile: 'unused.db', log });
  opened.push(storage);
  return storage;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real server behind a port that can be switched on and off, as a network or a restart would. */
function switchableServer(port: number, target: { host: string; port: number }) {
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  return {
    async on() {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async off() {
      for (const socket of sockets) socket.destroy();
      if (server !== null) await new Promise((resolve) => server!.close(resolve));
      server = null;
    },
  };
}

describe('PostgreSQL that cannot be reached', () => {
  const url = 'postgres://chatload:secretpw@127.0.0.1:1/chatload';

  it('does not stop the start: health says why, calls fail at once, and the password is in no message', async () => {
    const log = recordingLog();
    const storage = await open(url, log);
    expect(storage.kind).toBe('postgres');
    const reason = 'PostgreSQL at 127.0.0.1:1/chatload is not reachable: connection refused';
    expect(storage.health()).toEqual({ ok: false, database: 'PostgreSQL 127.0.0.1:1/chatload', problem: reason, failingSinceMs: expect.any(Number) });

    const texts: string[] = [JSON.stringify(storage.health()), ...log.lines];
    for (const call of [() => storage.snapshots.list(), () => storage.history.insert([sample(0, 'total', '', 1)]), () => storage.documents.get('settings')]) {
      const start = Date.now();
      const error = await failure(call());
      expect(Date.now() - start).toBeLessThan(1000);
      expect(StorageUnavailableError.is(error)).toBe(true);
      expect((error as StorageUnavailableError).reason).toBe(reason);
      texts.push((error as Error).message, String(error), inspect(error, { depth: 10 }), JSON.stringify(error));
    }
    for (const text of texts) expect(text).not.toContain('secretpw');
    expect(log.lines).toContain(`warn storage: PostgreSQL 127.0.0.1:1/chatload: ${reason}`);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL without printing it', async () => {
    for (const bad of ['mysql://root:secretpw@db/chatload', 'postgres://root:secret pw@[bad/chatload']) {
      const error = await failure(openStorage({ databaseUrl: bad, sqliteFile: 'unused.db' }));
      expect((error as Error).message).toMatch(/^DATABASE_URL /);
      expect((error as Error).message).not.toContain('secret');
    }
  });
});

if (postgres !== null) {
  const server = new URL(postgres.url);
  const target = { host: server.hostname, port: Number(server.port || 5432) };
  const viaPort = (port: number, database: string) => {
    const url = new URL(postgres.url);
    url.host = `127.0.0.1:${port}`;
    url.pathname = `/${database}`;
    url.password = 'secretpw';
    return url.toString();
  };

  describe('PostgreSQL that comes and goes', () => {
    it('migrates and works by itself once the server is back, and again after it went away', async () => {
      const database = new URL(await postgres.newDatabase()).pathname.slice(1);
      const port = await freePort();
      const network = switchableServer(port, target);
      cleanups.push(() => network.off());
      const log = recordingLog();
      const storage = await open(viaPort(port, database), log);
      expect(storage.health()).toMatchObject({ ok: false, problem: expect.stringContaining('connection refused') });

      await network.on();
      // Nobody calls: the storage finds the server by itself.
      // Retries back off to 10 s apart; a loaded machine may need two of them.
      await until(() => storage.health().ok, 25_000);
      const record = snapshotRecord();
      await storage.snapshots.save(record);
      expect(log.lines.some((line) => line.includes(`schema brought from version 0 to ${POSTGRES_SCHEMA_VERSION}`))).toBe(true);

      await network.off();
      const error = await failure(storage.snapshots.get(record.id));
      expect(StorageUnavailableError.is(error)).toBe(true);
      expect((error as StorageUnavailableError).reason).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/chatload_test_\w+ is not reachable: /);
      expect(storage.health().ok).toBe(false);

      await network.on();
      expect((await storage.snapshots.get(record.id))?.id).toBe(record.id);
      expect(storage.health()).toMatchObject({ ok: true, problem: null });
      for (const line of log.lines) expect(line).not.toContain('secretpw');
    }, 40_000);
  });

  describe('PostgreSQL locks', () => {
    it('make calls fail within about a second instead of hanging while another connection holds a table', async () => {
      const storage = await open(postgres.url);
      await postgres.truncate();
      const record = snapshotRecord();
      await storage.snapshots.save(record);

      const locker = await postgres.client();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE snapshots, history IN ACCESS EXCLUSIVE MODE');
      for (const call of [() => storage.snapshots.get(record.id), () => storage.snapshots.save(snapshotRecord()), () => storage.history.insert([sample(0, 'total', '', 1)])]) {
        const start = Date.now();
        const error = await failure(call());
        expect(Date.now() - start).toBeLessThan(2500);
        expect(StorageUnavailableError.is(error)).toBe(true);
        expect((error as StorageUnavailableError).reason).toBe('the data is locked by another connection to the database');
      }
      expect(storage.health().ok).toBe(false);
      await locker.query('COMMIT');

      expect((await storage.snapshots.get(record.id))?.id).toBe(record.id);
      expect(storage.health().ok).toBe(true);
    }, 20_000);
  });

  describe('PostgreSQL migrations', () => {
    it('record each version once when several servers start at once', async () => {
      const url = await postgres.newDatabase();
      const storages = await Promise.all(Array.from({ length: 5 }, () => open(url)));
      for (const storage of storages) expect(storage.health().ok).toBe(true);
      await Promise.all(storages.map((storage) => storage.snapshots.save(snapshotRecord())));
      expect(await storages[0]!.snapshots.list()).toHaveLength(5);
      const db = await postgres.client(url);
      const versions = await db.query<{ version: number }>('SELECT version FROM chatload_schema ORDER BY version');
      expect(versions.rows.map((row) => row.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    }, 30_000);

    it('refuse a database written by a newer chatload, and leave it untouched', async () => {
      const url = await postgres.newDatabase();
      const db = await postgres.client(url);
      await db.query('CREATE TABLE chatload_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await db.query('INSERT INTO chatload_schema (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION + 1]);

      const error = await failure(openStorage({ databaseUrl: url, sqliteFile: 'unused.db' }));
      expect(error).toBeInstanceOf(StorageSchemaError);
      expect((error as Error).message).toContain(`PostgreSQL database ${describeDatabaseUrl(url)}`);
      expect((error as Error).message).toContain(`schema version is ${POSTGRES_SCHEMA_VERSION + 1}`);
      expect((error as Error).message).toContain(`knows versions up to ${POSTGRES_SCHEMA_VERSION}`);
      const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.map((row) => row.name)).toEqual(['chatload_schema']);
    });

    it('roll back a step that fails, and stop the start saying why', async () => {
      const url = await postgres.newDatabase();
      const db = await postgres.client(url);
      // A table the first step wants to create already exists: the step fails as a whole.
      await db.query('CREATE TABLE history (x integer)');

      const error = await failure(openStorage({ databaseUrl: url, sqliteFile: 'unused.db' }));
      expect(error).toBeInstanceOf(StorageSchemaError);
      expect((error as Error).message).toMatch(/^cannot bring the schema of PostgreSQL .+ up to date: relation "history" already exists/);
      const left = await db.query<{ snapshots: string | null; schema: string | null }>(
        `SELECT to_regclass('snapshots')::text AS snapshots, to_regclass('chatload_schema')::text AS schema`,
      );
      expect(left.rows).toEqual([{ snapshots: null, schema: null }]);
    });
  });
}
