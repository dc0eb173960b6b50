// The one place that picks the backend. Services get a `Storage` and never know which one it is.
import type { StorageLog } from './health';
import { openSqliteStorage } from './sqlite/storage';
import type { Storage } from './types';

export interface StorageOptions {
  /** postgres:// or postgresql://; null for the SQLite file. */
  databaseUrl: string | null;
  sqliteFile: string;
  log?: StorageLog;
}

/** Opens and migrates the SQLite file; one that cannot be opened throws a StorageUnavailableError naming it. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const { log } = options;
  if (options.databaseUrl !== null) throw new Error('DATABASE_URL is not supported yet');
  const storage = await openSqliteStorage(options.sqliteFile, { log });
  log?.info(`storage: ${storage.health().database}`);
  return storage;
}
