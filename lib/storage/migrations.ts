import type Database from 'better-sqlite3';

// The schema, one step per version. PRAGMA user_version holds the number of steps applied; a step
// and its version bump commit together, so a crash mid-migration leaves the previous version whole.
// Append only: never edit a step that has shipped.

export const MIGRATIONS: readonly string[] = [
  // 1: saved snapshots. `data` is last so listing (every column but data) does not read its
  // overflow pages.
  `CREATE TABLE snapshots (
     id                 TEXT    NOT NULL PRIMARY KEY,
     created_at_ms      INTEGER NOT NULL,
     as_of_ms           INTEGER NOT NULL,
     label              TEXT,
     saved_by           TEXT,
     trigger_kind       TEXT    NOT NULL CHECK (trigger_kind IN ('manual', 'scheduled')),
     filter_channel     TEXT,
     filter_user        TEXT,
     open_chats         INTEGER NOT NULL,
     operators          INTEGER NOT NULL,
     oldest_age_seconds INTEGER,
     complete           INTEGER NOT NULL CHECK (complete IN (0, 1)),
     data               TEXT    NOT NULL
   );
   CREATE INDEX snapshots_by_created ON snapshots (created_at_ms);
   CREATE INDEX snapshots_by_trigger ON snapshots (trigger_kind, created_at_ms);`,

  // 2: one row per scope id and minute. scope 0 = total, 1 = operator, 2 = channel; at = minutes
  // since the epoch. Keyed scope → id → time, WITHOUT ROWID, so one id's trend is one contiguous
  // range read and the key is not stored twice. history_ids lists every id once, so "every
  // operator" walks that short list into the same ranges instead of scanning the whole scope.
  `CREATE TABLE history (
     scope    INTEGER NOT NULL,
     scope_id TEXT    NOT NULL,
     at       INTEGER NOT NULL,
     open     INTEGER NOT NULL,
     oldest   INTEGER,
     b0 INTEGER NOT NULL, b1 INTEGER NOT NULL, b2 INTEGER NOT NULL,
     b3 INTEGER NOT NULL, b4 INTEGER NOT NULL, b5 INTEGER NOT NULL,
     PRIMARY KEY (scope, scope_id, at)
   ) WITHOUT ROWID;
   CREATE TABLE history_ids (
     scope    INTEGER NOT NULL,
     scope_id TEXT    NOT NULL,
     first_at INTEGER NOT NULL,
     last_at  INTEGER NOT NULL,
     PRIMARY KEY (scope, scope_id)
   ) WITHOUT ROWID;`,

  // 3: access control. Display keys are stored only as a SHA-256 of the key (the key itself is shown
  // once, to the manager who made it); the audit log is append-only, newest read first.
  `CREATE TABLE display_keys (
     id             TEXT    NOT NULL PRIMARY KEY,
     label          TEXT    NOT NULL,
     key_hash       TEXT    NOT NULL UNIQUE,
     ip_allowlist   TEXT    NOT NULL,
     created_at_ms  INTEGER NOT NULL,
     created_by     TEXT,
     revoked_at_ms  INTEGER,
     last_seen_ms   INTEGER
   );
   CREATE TABLE audit_log (
     seq     INTEGER PRIMARY KEY AUTOINCREMENT,
     at_ms   INTEGER NOT NULL,
     actor   TEXT,
     role    TEXT,
     action  TEXT    NOT NULL,
     detail  TEXT,
     address TEXT
   );
   CREATE INDEX audit_log_by_time ON audit_log (at_ms);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class StorageSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageSchemaError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (all steps by default; tests stop earlier to build an old file).
 * Refuses a database written by a newer chatload rather than guess at its schema.
 */
export function migrate(db: Database.Database, file: string, target: number = SCHEMA_VERSION): void {
  const check = (version: number) => {
    if (version > SCHEMA_VERSION) {
      throw new StorageSchemaError(
        `chatload cannot open ${file}: its schema version is ${version}, but this chatload knows versions up to ` +
          `${SCHEMA_VERSION}. It was written by a newer chatload; run that version or point chatload at another data directory.`,
      );
    }
  };
  check(schemaVersion(db));
  for (;;) {
    // IMMEDIATE takes the write lock before reading the version, so two processes starting at
    // once cannot both apply the same step.
    const applied = db
      .transaction(() => {
        const version = schemaVersion(db);
        check(version);
        if (version >= target) return false;
        db.exec(MIGRATIONS[version]!);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}
