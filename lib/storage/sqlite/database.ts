// The SQLite connection: opened once with its pragmas, and every call run through `call`, which
// waits out another process's write lock without blocking the event loop and turns the driver's
// error codes into a StorageUnavailableError a supervisor can read.
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { StorageUnavailableError } from '../errors';
import type { HealthTracker } from '../health';

/** How long a call keeps retrying while another process holds the write lock. */
export const LOCK_PATIENCE_MS = 2000;
const FIRST_RETRY_MS = 2;
const LONGEST_RETRY_MS = 100;

// Extended codes start with their primary one (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT), so a
// prefix names the family.
const REASONS: ReadonlyArray<readonly [string, string]> = [
  ['SQLITE_BUSY', 'the database file is locked by another process'],
  ['SQLITE_LOCKED', 'the database file is locked by another process'],
  ['SQLITE_PROTOCOL', 'the database file is locked by another process'],
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY', 'the database file is read-only (check the permissions of the file and its folder)'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened (check that its folder exists and may be written)'],
  ['SQLITE_PERM', 'chatload is not allowed to use the database file'],
  ['SQLITE_IOERR', 'the disk failed while reading or writing the database file'],
  ['SQLITE_CORRUPT', 'the database file is damaged'],
  ['SQLITE_NOTADB', 'the file is not a SQLite database'],
  ['SQLITE_NOMEM', 'the server ran out of memory'],
];

function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function isBusy(code: string | null): boolean {
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'SQLITE_PROTOCOL');
}

/** The unavailable-database form of a driver error, or the error itself when it is a programming error (a constraint, bad SQL). */
export function unavailableFrom(error: unknown): unknown {
  if (StorageUnavailableError.is(error)) return error;
  const code = sqliteCode(error);
  if (code === null) return error;
  const reason = REASONS.find(([prefix]) => code.startsWith(prefix))?.[1];
  return reason === undefined ? error : new StorageUnavailableError(reason, { cause: error });
}

/**
 * Runs `work` (synchronous driver calls), again after a short pause while the database is locked
 * by another process, up to LOCK_PATIENCE_MS in all. The pauses are timers, so the process keeps
 * serving in the meantime; each attempt fails at once (busy_timeout is 0).
 */
export async function retryWhileLocked<T>(work: () => T, patienceMs: number = LOCK_PATIENCE_MS): Promise<T> {
  const start = Date.now();
  let pause = FIRST_RETRY_MS;
  for (;;) {
    try {
      return work();
    } catch (error) {
      const waited = Date.now() - start;
      if (!isBusy(sqliteCode(error)) || waited + pause > patienceMs) throw unavailableFrom(error);
      await sleep(pause);
      pause = Math.min(pause * 2, LONGEST_RETRY_MS);
    }
  }
}

export class SqliteDatabase {
  constructor(
    readonly db: Database.Database,
    private readonly tracker: HealthTracker,
  ) {}

  /** One repository call: retried while locked, its outcome booked for health(). */
  call<T>(work: () => T): Promise<T> {
    return this.tracker.track(() => {
      if (!this.db.open) throw new StorageUnavailableError('the database was closed (chatload is stopping)');
      return retryWhileLocked(work);
    });
  }

  /** A write transaction that takes the write lock first, so it cannot fail half-way for a lock. */
  transaction<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => R {
    const tx = this.db.transaction(work);
    return (...args: A) => tx.immediate(...args);
  }
}

/** Opens the file and sets the pragmas every connection needs. */
export function connect(file: string): Database.Database {
  const db = new Database(file);
  try {
    // No waiting inside the driver: a lock wait there blocks the whole process (retryWhileLocked
    // waits with timers instead).
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    // FULL: each commit fsyncs the WAL. A killed process loses nothing committed under NORMAL either
    // (the WAL is written before commit returns); FULL also keeps the last commits through a power
    // cut or an OS crash. We commit a history tick a minute and a snapshot now and then, so one fsync
    // each costs nothing anyone would notice.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
