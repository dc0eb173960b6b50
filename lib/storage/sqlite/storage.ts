// Storage in one embedded SQLite file: opened and migrated at start, every statement prepared once.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StorageUnavailableError } from '../errors';
import { HealthTracker, type StorageLog } from '../health';
import type { Storage } from '../types';
import { SqliteDatabase, connect, retryWhileLocked } from './database';
import { sqliteHistory } from './history';
import { migrate } from './migrations';
import { sqliteAlertEvents, sqliteAlertStates, sqliteDeliveries } from './alerts';
import { sqliteAudit, sqliteDisplayKeys, sqliteDocuments, sqliteMoves, sqliteSessions, sqliteSnapshots } from './records';

/** How the file is named in messages: relative to the working directory when it is inside it. */
export function describeSqliteFile(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * Opens (creating its folder and the file when needed) and migrates. A file that cannot be opened
 * or migrated stops the start with a StorageUnavailableError naming the file: unlike a server, a
 * local file does not come back by itself. A file already up to date opens even while another
 * process holds its write lock.
 */
export async function openSqliteStorage(file: string, options: { log?: StorageLog } = {}): Promise<Storage> {
  const name = describeSqliteFile(file);
  const tracker = new HealthTracker(`SQLite file ${name}`, options.log);
  const cannotOpen = (error: unknown) => {
    if (!StorageUnavailableError.is(error)) return error;
    return new StorageUnavailableError(`cannot open the SQLite file ${name}: ${error.reason}`, { cause: error });
  };
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new StorageUnavailableError(`cannot create the folder of the SQLite file ${name} (${code})`, { cause: error });
  }
  const db = await retryWhileLocked(() => connect(file)).catch((error: unknown) => {
    throw cannotOpen(error);
  });
  try {
    await migrate(db, name);
  } catch (error) {
    db.close();
    throw cannotOpen(error);
  }

  const database = new SqliteDatabase(db, tracker);
  return {
    kind: 'sqlite',
    snapshots: sqliteSnapshots(database),
    history: sqliteHistory(database),
    displayKeys: sqliteDisplayKeys(database),
    sessions: sqliteSessions(database),
    audit: sqliteAudit(database),
    documents: sqliteDocuments(database),
    moves: sqliteMoves(database),
    alertStates: sqliteAlertStates(database),
    alertEvents: sqliteAlertEvents(database),
    deliveries: sqliteDeliveries(database),
    health: () => tracker.health(),
    async close() {
      if (!db.open) return;
      try {
        db.pragma('optimize');
      } catch {
        // Only a hint for the query planner; another process holding the lock is no reason to fail closing.
      }
      db.close();
    },
  };
}
