// Storage in a PostgreSQL database. Opening never fails for a server that cannot be reached: the
// storage comes up failing (health says why) and repairs itself when the server answers.
import { HealthTracker, type StorageLog } from '../health';
import type { Storage } from '../types';
import { DEFAULT_TIMEOUTS, PostgresDatabase, type PostgresTimeouts } from './database';
import { postgresHistory } from './history';
import { postgresAlertEvents, postgresAlertStates, postgresDeliveries } from './alerts';
import { postgresAudit, postgresDisplayKeys, postgresDocuments, postgresMoves, postgresSessions, postgresSnapshots } from './records';
import { describeDatabaseUrl } from './url';

export interface PostgresStorageOptions {
  log?: StorageLog;
  /** Tests shorten these to see a lock or a dead server fail fast. */
  timeouts?: Partial<PostgresTimeouts>;
}

/** Throws only StorageSchemaError: the server answered with a schema this chatload cannot use. */
export async function openPostgresStorage(url: string, options: PostgresStorageOptions = {}): Promise<Storage> {
  const tracker = new HealthTracker(`PostgreSQL ${describeDatabaseUrl(url)}`, options.log);
  const database = new PostgresDatabase(url, tracker, options.log, { ...DEFAULT_TIMEOUTS, ...options.timeouts });
  try {
    await database.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    kind: 'postgres',
    snapshots: postgresSnapshots(database),
    history: postgresHistory(database),
    displayKeys: postgresDisplayKeys(database),
    sessions: postgresSessions(database),
    audit: postgresAudit(database),
    documents: postgresDocuments(database),
    moves: postgresMoves(database),
    alertStates: postgresAlertStates(database),
    alertEvents: postgresAlertEvents(database),
    deliveries: postgresDeliveries(database),
    health: () => tracker.health(),
    close: () => database.close(),
  };
}
