// What only the SQLite file does: its folder, WAL, its migrations from files written by earlier
// versions, and the driver's errors in words.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StorageSchemaError, StorageUnavailableError } from '../errors';
import { openStorage } from '../open';
import { MINUTE, T0, snapshotRecord, useTempDirs } from '../test-support';
import type { Storage } from '../types';
import { unavailableFrom } from './database';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { describeSqliteFile } from './storage';

const tempDir = useTempDirs();

function openFile(file: string): Promise<Storage> {
  return openStorage({ databaseUrl: null, sqliteFile: file });
}

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

function errorOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the SQLite file', () => {
  it('is made with its folders, in WAL mode, and named in health() relative to the working directory', async () => {
    const file = path.join(tempDir(), 'nested', 'data', 'chatload.db');
    const storage = await openFile(file);
    expect(storage.kind).toBe('sqlite');
    // Outside the working directory: the whole path.
    expect(storage.health().database).toBe(`SQLite file ${file}`);
    await storage.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('is named relative to the working directory when it is inside it', () => {
    expect(describeSqliteFile(path.join(process.cwd(), 'data', 'chatload.db'))).toBe(path.join('data', 'chatload.db'));
    expect(describeSqliteFile('./data/chatload-demo.db')).toBe(path.join('data', 'chatload-demo.db'));
  });

  it('that cannot be opened stops the start with the file and the reason in words', async () => {
    const folder = path.join(tempDir(), 'chatload.db');
    mkdirSync(folder);
    const error = await openFile(folder).then(() => null, (caught: unknown) => caught);
    expect(StorageUnavailableError.is(error)).toBe(true);
    expect((error as StorageUnavailableError).reason).toMatch(/^cannot open the SQLite file .*chatload\.db: the database file cannot be opened/);
  });
});

describe('SQLite errors', () => {
  it('say the disk is full, the file read-only or locked, and leave programming errors alone', () => {
    const file = path.join(tempDir(), 'x.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = unavailableFrom(errorOf(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('x'.repeat(100_000))));
    expect(StorageUnavailableError.is(full) && full.reason).toBe('the disk is full');

    db.pragma('max_page_count = 100000');
    db.prepare('INSERT INTO t (id, v) VALUES (1, ?)').run('a');
    const duplicate = unavailableFrom(errorOf(() => db.prepare('INSERT INTO t (id, v) VALUES (1, ?)').run('b')));
    expect(StorageUnavailableError.is(duplicate)).toBe(false);
    expect((duplicate as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    db.close();

    const readonly = new Database(file, { readonly: true });
    const refused = unavailableFrom(errorOf(() => readonly.prepare('INSERT INTO t (v) VALUES (?)').run('c')));
    expect(StorageUnavailableError.is(refused) && refused.reason).toMatch(/^the database file is read-only/);
    readonly.close();

    const locker = new Database(file);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    locker.exec('BEGIN EXCLUSIVE');
    const busy = unavailableFrom(errorOf(() => other.exec('BEGIN IMMEDIATE')));
    expect(StorageUnavailableError.is(busy) && busy.reason).toBe('the database file is locked by another process');
    locker.exec('COMMIT');
    locker.close();
    other.close();
  });
});

describe('SQLite migrations', () => {
  it('build the whole schema in an empty file', async () => {
    const file = path.join(tempDir(), 'chatload.db');
    const storage = await openFile(file);
    await storage.history.insert([{ atMs: T0, scope: 'team', scopeId: '1', openChats: 1, oldestAgeSeconds: 5, buckets: [1, 0, 0, 0, 0, 0] }]);
    await storage.close();
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a file written by the last release (schema 3) up to date, keeping everything in it', async () => {
    const file = path.join(tempDir(), 'chatload.db');
    const v3 = new Database(file);
    await migrate(v3, file, 3);
    expect(schemaVersion(v3)).toBe(3);
    const { filterTeam: _team, ...record } = snapshotRecord({ filterChannel: '10' });
    v3.prepare(
      `INSERT INTO snapshots (id, created_at_ms, as_of_ms, label, saved_by, trigger_kind, filter_channel, filter_user,
         open_chats, operators, oldest_age_seconds, complete, data)
       VALUES (@id, @createdAtMs, @asOfMs, @label, @savedBy, @trigger, @filterChannel, @filterUser, @openChats, @operators, @oldestAgeSeconds, 1, @data)`,
    ).run(record);
    // 90 minutes of one operator as schema 3 wrote them (the recorder replaced a minute then; no sums yet).
    const minute0 = Math.floor(T0 / MINUTE);
    const insertMinute = v3.prepare('INSERT INTO history (scope, scope_id, at, open, oldest, b0, b1, b2, b3, b4, b5) VALUES (1, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)');
    for (let m = 0; m < 90; m++) insertMinute.run('17', minute0 + m, m % 9, m % 4 === 0 ? null : m * 60, m % 9);
    v3.prepare('INSERT INTO history_ids (scope, scope_id, first_at, last_at) VALUES (1, ?, ?, ?)').run('17', minute0, minute0 + 89);
    v3.prepare(
      `INSERT INTO display_keys (id, label, key_hash, ip_allowlist, created_at_ms, created_by, revoked_at_ms, last_seen_ms)
       VALUES ('key-1', 'TV', ?, '["192.0.2.1"]', ?, 'Анна', NULL, ?)`,
    ).run('ab'.repeat(32), T0, T0 + MINUTE);
    v3.prepare(`INSERT INTO audit_log (at_ms, actor, role, action, detail, address) VALUES (?, 'Анна', 'manager', 'sign_in', NULL, '192.0.2.10')`).run(T0);
    v3.prepare(`INSERT INTO audit_log (at_ms, actor, role, action, detail, address) VALUES (?, NULL, NULL, 'display_refused', 'x', NULL)`).run(T0 + MINUTE);
    v3.close();

    const storage = await openFile(file);
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
    expect(await storage.snapshots.get(record.id)).toEqual({ ...record, filterTeam: null });
    expect(await storage.displayKeys.findByHash('ab'.repeat(32))).toMatchObject({ id: 'key-1', ipAllowlist: ['192.0.2.1'], lastSeenMs: T0 + MINUTE });
    expect(await storage.audit.list()).toEqual([
      { atMs: T0 + MINUTE, actor: null, role: null, action: 'display_refused', detail: 'x', address: null, count: 1, lastAtMs: T0 + MINUTE },
      { atMs: T0, actor: 'Анна', role: 'manager', action: 'sign_in', detail: null, address: '192.0.2.10', count: 1, lastAtMs: T0 },
    ]);
    // The old minutes answer the same through their new 30-minute sums as one by one.
    const range = { scope: 'operator' as const, fromMs: T0, toMs: T0 + 90 * MINUTE };
    const [byMinute] = await storage.history.query({ ...range, scopeId: '17', stepMs: MINUTE });
    expect(byMinute!.points).toHaveLength(90);
    const [byHalfHour] = await storage.history.query({ ...range, scopeId: '17', stepMs: 30 * MINUTE });
    const expected = [0, 30, 60].map((start) => {
      const points = byMinute!.points.slice(start, start + 30);
      const oldest = points.map((p) => p.oldestAgeSeconds).filter((v): v is number => v !== null);
      return {
        atMs: T0 + start * MINUTE,
        openChats: Math.round((points.reduce((sum, p) => sum + p.openChats, 0) * 10) / 30) / 10,
        openChatsMax: Math.max(...points.map((p) => p.openChatsMax)),
        oldestAgeSeconds: Math.max(...oldest),
        samples: 30,
      };
    });
    expect(byHalfHour!.points).toEqual(expected);
    expect(await storage.history.query({ ...range, stepMs: 30 * MINUTE })).toEqual([byHalfHour]);
    // The new repositories work in the old file.
    expect((await storage.documents.put('settings', '{}', { atMs: T0, by: null }))?.revision).toBe(1);
    await storage.close();
  });

  it('refuse a file written by a newer chatload, and leave it untouched', async () => {
    const file = path.join(tempDir(), 'chatload.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    const error = await openFile(file).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageSchemaError);
    expect((error as Error).message).toContain(`schema version is ${SCHEMA_VERSION + 1}`);
    expect((error as Error).message).toContain(`knows versions up to ${SCHEMA_VERSION}`);
    expect((error as Error).message).toContain('chatload.db');
    expect(versionOf(file)).toBe(SCHEMA_VERSION + 1);
  });

  it('roll back a step that fails, leaving the previous version', async () => {
    const file = path.join(tempDir(), 'chatload.db');
    const db = new Database(file);
    await migrate(db, file, 1);
    // A table the second step wants to create already exists: the step fails as a whole.
    db.exec('CREATE TABLE history_ids (x INTEGER)');
    await expect(migrate(db, file)).rejects.toThrow(/history_ids/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'history'`).get()).toBeUndefined();
    db.close();
  });
});
