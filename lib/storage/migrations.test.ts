import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, StorageSchemaError, migrate, schemaVersion } from './migrations';
import { openSqliteStorage } from './sqlite';
import { snapshotRecord, useTempDirs } from './test-support';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

function versionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('build the whole schema in an empty file', () => {
    const file = path.join(tempDir(), 'chatload.db');
    const storage = openSqliteStorage(file);
    storage.insertHistory([{ atMs: T0, scope: 'total', scopeId: '', openChats: 1, oldestAgeSeconds: 5, buckets: [1, 0, 0, 0, 0, 0] }]);
    storage.close();
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a version 1 file up to date, keeping its snapshots', () => {
    const file = path.join(tempDir(), 'chatload.db');
    const v1 = new Database(file);
    migrate(v1, file, 1);
    const record = snapshotRecord();
    v1.prepare(
      `INSERT INTO snapshots (id, created_at_ms, as_of_ms, label, saved_by, trigger_kind, filter_channel, filter_user,
         open_chats, operators, oldest_age_seconds, complete, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.id, record.createdAtMs, record.asOfMs, record.label, record.savedBy, record.trigger,
      record.filterChannel, record.filterUser, record.openChats, record.operators, record.oldestAgeSeconds, 1, record.data,
    );
    expect(schemaVersion(v1)).toBe(1);
    expect(v1.prepare(`SELECT name FROM sqlite_master WHERE name = 'history'`).get()).toBeUndefined();
    v1.close();

    const storage = openSqliteStorage(file);
    expect(storage.getSnapshot(record.id)).toEqual(record);
    storage.insertHistory([{ atMs: T0, scope: 'operator', scopeId: '1', openChats: 4, oldestAgeSeconds: 60, buckets: [4, 0, 0, 0, 0, 0] }]);
    expect(storage.queryHistory({ scope: 'operator', fromMs: T0, toMs: T0 + 60_000, stepMs: 60_000 })[0]!.points[0]!.openChats).toBe(4);
    storage.close();
    expect(versionOf(file)).toBe(SCHEMA_VERSION);
  });

  it('refuse a file written by a newer chatload, and leave it untouched', () => {
    const file = path.join(tempDir(), 'chatload.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    let error: unknown;
    try {
      openSqliteStorage(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageSchemaError);
    expect((error as Error).message).toContain(`schema version is ${SCHEMA_VERSION + 1}`);
    expect((error as Error).message).toContain(`knows versions up to ${SCHEMA_VERSION}`);
    expect((error as Error).message).toContain(file);
    expect(versionOf(file)).toBe(SCHEMA_VERSION + 1);
  });

  it('roll back a step that fails, leaving the previous version', () => {
    const file = path.join(tempDir(), 'chatload.db');
    const db = new Database(file);
    migrate(db, file, 1);
    // A table the second step wants to create already exists: the step fails as a whole.
    db.exec('CREATE TABLE history_ids (x INTEGER)');
    expect(() => migrate(db, file)).toThrow(/history_ids/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'history'`).get()).toBeUndefined();
    db.close();
  });
});
