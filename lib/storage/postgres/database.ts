// The PostgreSQL connection pool, made ready lazily: the schema is brought up to date before the
// first call, and while the server cannot be reached every call fails at once with the reason
// while a timer keeps trying again, so a stopped server neither stops chatload nor makes a request
// wait; when it is back, chatload migrates and carries on by itself.
import pg from 'pg';
import { StorageSchemaError, StorageUnavailableError } from '../errors';
import type { HealthTracker, StorageLog } from '../health';
import { unavailableFrom, type Where } from './errors';
import { migratePostgres } from './migrations';
import { describeDatabaseUrl, withoutPassword } from './url';

export interface PostgresTimeouts {
  /** Giving up on a connection attempt: a server that does not answer fails a call this fast. */
  connectMs: number;
  /** Giving up on a lock held by another connection (a table locked by a maintenance job). */
  lockMs: number;
  statementMs: number;
}

export const DEFAULT_TIMEOUTS: PostgresTimeouts = { connectMs: 2000, lockMs: 1000, statementMs: 30_000 };

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 10_000;

// Epoch milliseconds are bigint columns; pg hands those over as strings unless told otherwise. They
// stay far below 2^53, so a number is exact. Per pool, not pg.types.setTypeParser: that is global.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** What repositories run queries on: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  query<R extends unknown[]>(config: pg.QueryArrayConfig): Promise<pg.QueryArrayResult<R>>;
}

export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly where: Where;
  private migrated = false;
  private closed = false;
  private attempt: Promise<void> | null = null;
  private failure: StorageUnavailableError | null = null;
  private schemaProblem: StorageSchemaError | null = null;
  private retryAtMs = 0;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly tracker: HealthTracker,
    private readonly log: StorageLog | undefined,
    readonly timeouts: PostgresTimeouts = DEFAULT_TIMEOUTS,
  ) {
    this.where = { database: describeDatabaseUrl(url), statementTimeoutMs: timeouts.statementMs };
    this.pool = new pg.Pool({
      connectionString: url,
      application_name: 'chatload',
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      // A client that died inside a transaction must not hold its locks for ever.
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      max: 10,
      types,
    });
    // An idle connection dropped by the server (a restart) is reported here; unheard, it would
    // crash the process. The pool replaces it at the next call.
    this.pool.on('error', (error) => {
      const mapped = this.unavailable(error);
      if (StorageUnavailableError.is(mapped)) this.tracker.failed(mapped);
    });
  }

  /** The driver's error as the storage boundary's, with no trace of the password. */
  unavailable(error: unknown): unknown {
    const mapped = unavailableFrom(error, this.where);
    if (mapped instanceof Error) mapped.message = withoutPassword(mapped.message, this.url);
    return mapped;
  }

  /** Migrates before the first call; fails fast with the last reason until the next retry is due. */
  ready(): Promise<void> {
    if (this.migrated) return Promise.resolve();
    if (this.closed) return Promise.reject(this.closedError());
    if (this.attempt !== null) return this.attempt;
    if (this.failure !== null && Date.now() < this.retryAtMs) {
      return Promise.reject(new StorageUnavailableError(this.failure.reason, { cause: this.failure.cause }));
    }
    this.attempt = this.connectAndMigrate().finally(() => {
      this.attempt = null;
    });
    return this.attempt;
  }

  /**
   * The first try at start: resolves even when the server cannot be reached (health says why);
   * throws only a StorageSchemaError, for a server that answers with a schema we cannot use.
   */
  async start(): Promise<void> {
    try {
      await this.ready();
    } catch (error) {
      if (this.schemaProblem !== null) throw this.schemaProblem;
      if (!StorageUnavailableError.is(error)) throw error;
    }
  }

  private async connectAndMigrate(): Promise<void> {
    try {
      const { before, after } = await migratePostgres(this.pool, this.where.database);
      if (after !== before) this.log?.info(`storage: PostgreSQL ${this.where.database} schema brought from version ${before} to ${after}`);
      this.migrated = true;
      this.failure = null;
      this.schemaProblem = null;
      this.retryMs = FIRST_RETRY_MS;
      this.tracker.succeeded();
    } catch (error) {
      const mapped = this.unavailable(error);
      let failure: StorageUnavailableError;
      if (StorageUnavailableError.is(mapped)) {
        failure = mapped;
      } else {
        // Reachable, but the schema is newer or a step failed: nothing a retry within seconds fixes,
        // but a DBA may fix it, so keep trying slowly rather than give up.
        const message = error instanceof StorageSchemaError ? error.message : `cannot bring the schema of PostgreSQL ${this.where.database} up to date: ${mapped instanceof Error ? mapped.message : String(mapped)}`;
        this.schemaProblem = new StorageSchemaError(withoutPassword(message, this.url));
        failure = new StorageUnavailableError(this.schemaProblem.message, { cause: this.schemaProblem });
      }
      this.failure = failure;
      this.tracker.failed(failure);
      this.scheduleRetry();
      throw failure;
    }
  }

  private scheduleRetry(): void {
    this.retryAtMs = Date.now() + this.retryMs;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    // Health recovers by itself even when nothing calls; unref: this timer alone keeps no process alive.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // Due now, whatever Date.now() says: a timer may fire a millisecond before the wall clock
      // reaches retryAtMs, and a refused retry here would schedule no further one.
      this.retryAtMs = 0;
      this.ready().catch(() => undefined);
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
  }

  private closedError(): StorageUnavailableError {
    return new StorageUnavailableError('the database connection was closed (chatload is stopping)');
  }

  /** One repository call on the pool: ready first, errors mapped, outcome booked for health(). */
  call<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.tracker.track(async () => {
      await this.ready();
      try {
        return await work(this.pool);
      } catch (error) {
        throw this.closed ? this.closedError() : this.unavailable(error);
      }
    });
  }

  /** `work` in one transaction on one client; rolled back when it throws. */
  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.call(async () => {
      const client = await this.pool.connect();
      let broken: unknown = undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: close it rather than reuse it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    await this.attempt?.catch(() => undefined);
    await this.pool.end();
  }
}
