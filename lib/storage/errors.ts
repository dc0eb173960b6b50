// The errors of the storage boundary. Next bundles each route separately, so an error made in one
// bundle is another class in the next: each carries a brand that every copy of the class knows.

const UNAVAILABLE = Symbol.for('chatload.StorageUnavailableError');

/**
 * The database could not do what was asked: unreachable, locked by another process, full, or
 * failing. `reason` is a sentence for a supervisor ("the database file is locked by another
 * process"); it never carries a password or a connection string.
 */
export class StorageUnavailableError extends Error {
  readonly [UNAVAILABLE] = true;

  constructor(
    /** A short sentence without credentials: what is wrong with the database. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'StorageUnavailableError';
  }

  static is(error: unknown): error is StorageUnavailableError {
    return typeof error === 'object' && error !== null && (error as { [UNAVAILABLE]?: boolean })[UNAVAILABLE] === true;
  }
}

/** The database was written by a newer chatload, or its schema cannot be brought up to date. */
export class StorageSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageSchemaError';
  }
}
