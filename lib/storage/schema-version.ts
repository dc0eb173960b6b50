// Which schema version a database is at, read without changing it: what npm run db:migrate says
// before and after.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StorageLocation } from './config';
import { unavailableFrom } from './postgres/errors';
import { POSTGRES_SCHEMA_VERSION, postgresSchemaVersion } from './postgres/migrations';
import { describeDatabaseUrl, withoutPassword } from './postgres/url';
import { SCHEMA_VERSION, schemaVersion } from './sqlite/migrations';
import { describeSqliteFile } from './sqlite/storage';

export interface SchemaState {
  /** "SQLite file data/chatload.db", "PostgreSQL db:5432/chatload" */
  database: string;
  /** null: there is no database yet (no file; PostgreSQL counts an empty database as 0). */
  version: number | null;
  /** The newest version this chatload knows. */
  latest: number;
}

export async function readSchemaVersion(location: StorageLocation): Promise<SchemaState> {
  const { databaseUrl, sqliteFile } = location;
  if (databaseUrl === null) {
    const database = `SQLite file ${describeSqliteFile(sqliteFile)}`;
    if (!existsSync(sqliteFile)) return { database, version: null, latest: SCHEMA_VERSION };
    // Not read-only: a read-only connection leaves the -wal and -shm files behind when it closes.
    const db = new Database(sqliteFile, { fileMustExist: true });
    try {
      return { database, version: schemaVersion(db), latest: SCHEMA_VERSION };
    } finally {
      db.close();
    }
  }
  const where = { database: describeDatabaseUrl(databaseUrl), statementTimeoutMs: 30_000 };
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 5000, max: 1 });
  pool.on('error', () => undefined);
  try {
    return { database: `PostgreSQL ${where.database}`, version: await postgresSchemaVersion(pool), latest: POSTGRES_SCHEMA_VERSION };
  } catch (error) {
    const mapped = unavailableFrom(error, where);
    if (mapped instanceof Error) mapped.message = withoutPassword(mapped.message, databaseUrl);
    throw mapped;
  } finally {
    await pool.end();
  }
}
