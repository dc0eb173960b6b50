// Where chatload keeps its data, read from the environment: the one reading of it for the scripts
// (db:migrate, db:copy), with the same rules as the server's start.
import path from 'node:path';

export interface StorageLocation {
  /** A postgres:// URL, or null for the SQLite file. */
  databaseUrl: string | null;
  /** Used when databaseUrl is null, and as the source of db:copy. */
  sqliteFile: string;
}

/** The demo team's data goes to a file of its own, never mixed with a real team's. */
export const SQLITE_FILE = 'chatload.db';
export const DEMO_SQLITE_FILE = 'chatload-demo.db';

function given(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

/** DATABASE_URL; else DATA_DIR (./data) and chatload.db, or chatload-demo.db when WAMM_TOKEN is unset (demo mode). */
export function storageOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): StorageLocation {
  const dataDir = given(env.DATA_DIR) ?? './data';
  return {
    databaseUrl: given(env.DATABASE_URL),
    sqliteFile: path.join(dataDir, given(env.WAMM_TOKEN) === null ? DEMO_SQLITE_FILE : SQLITE_FILE),
  };
}
