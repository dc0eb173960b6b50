// Whether the database has been answering, for /api/health: kept from the outcome of real calls,
// so asking costs nothing and never touches the database.
import { StorageUnavailableError } from './errors';
import type { StorageHealth } from './types';

export interface StorageLog {
  info(message: string): void;
  warn(message: string): void;
}

export class HealthTracker {
  private problem: string | null = null;
  private failingSinceMs: number | null = null;

  constructor(
    /** "SQLite file data/chatload.db", "PostgreSQL 127.0.0.1:5432/chatload". */
    readonly database: string,
    private readonly log: StorageLog | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The database answered. */
  succeeded(): void {
    if (this.problem === null) return;
    this.log?.info(`storage: ${this.database} works again`);
    this.problem = null;
    this.failingSinceMs = null;
  }

  failed(error: StorageUnavailableError): void {
    // One line per change of reason, not one per failing call: a recorder retrying every minute
    // against a stopped server would otherwise fill the log.
    if (this.problem !== error.reason) this.log?.warn(`storage: ${this.database}: ${error.reason}`);
    this.failingSinceMs ??= this.now();
    this.problem = error.reason;
  }

  /** Runs a call and books its outcome; the error goes on to the caller unchanged. */
  async track<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      // Anything else (a bad argument, a duplicate id) says nothing new about the database.
      if (StorageUnavailableError.is(error)) this.failed(error);
      throw error;
    }
  }

  health(): StorageHealth {
    return { ok: this.problem === null, database: this.database, problem: this.problem, failingSinceMs: this.failingSinceMs };
  }
}
