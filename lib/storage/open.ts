// The one place that picks the backend: PostgreSQL for a postgres:// URL, else the SQLite file.
// Services get a `Storage` and never know which one it is.
import type { StorageLog } from './health';
import { openPostgresStorage } from './postgres/storage';
import { isPostgresUrl } from './postgres/url';
import { openSqliteStorage } from './sqlite/storage';
import type { Storage } from './types';

export { describeDatabaseUrl } from './postgres/url';

export interface StorageOptions {
  /** postgres:// or postgresql://; null for the SQLite file. */
  databaseUrl: string | null;
  sqliteFile: string;
  log?: StorageLog;
}

/**
 * Opens and migrates the database. PostgreSQL that cannot be reached is no reason to stop: the
 * storage comes back failing (see health()) and recovers by itself. It throws for what needs a
 * person: a database URL that is not PostgreSQL's, a schema written by a newer chatload
 * (StorageSchemaError), or an SQLite file that cannot be opened (StorageUnavailableError).
 */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const { databaseUrl, log } = options;
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) {
    // Never the value itself: it may hold a password.
    throw new Error('DATABASE_URL must be a PostgreSQL URL starting with postgres:// or postgresql://');
  }
  if (databaseUrl !== null && !URL.canParse(databaseUrl.trim())) {
    throw new Error('DATABASE_URL is not a valid URL (a password with @, : or / must be percent-encoded)');
  }
  const storage = databaseUrl === null ? await openSqliteStorage(options.sqliteFile, { log }) : await openPostgresStorage(databaseUrl.trim(), { log });
  const health = storage.health();
  log?.info(`storage: ${health.database}${health.ok ? '' : ` (failing: ${health.problem})`}`);
  return storage;
}
