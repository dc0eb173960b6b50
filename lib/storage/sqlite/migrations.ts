// The SQLite schema, one step per version. PRAGMA user_version holds the number of steps applied; a
// step and its version bump commit together, so a crash mid-migration leaves the previous version
// whole. Append only: steps 1–3 shipped in files people keep, so never edit a step that has shipped.
import type Database from 'better-sqlite3';
import { StorageSchemaError } from '../errors';
import { retryWhileLocked } from './database';

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

  // 4: teams, sessions kept by the server, folded audit entries and named documents (settings).
  // An audit row's repeats are counted in place; rows written before count once, last at their time.
  // History scope 3 = team needs no change: scope is a plain integer.
  `ALTER TABLE snapshots ADD COLUMN filter_team TEXT;
   CREATE TABLE sessions (
     id             TEXT    NOT NULL PRIMARY KEY,
     account        TEXT    NOT NULL,
     role           TEXT    NOT NULL CHECK (role IN ('viewer', 'manager', 'display')),
     display_key_id TEXT,
     credential     TEXT    NOT NULL,
     created_at_ms  INTEGER NOT NULL,
     seen_at_ms     INTEGER NOT NULL,
     expires_at_ms  INTEGER,
     revoked_at_ms  INTEGER,
     address        TEXT,
     user_agent     TEXT
   );
   CREATE INDEX sessions_by_account ON sessions (account);
   CREATE INDEX sessions_by_created ON sessions (created_at_ms);
   ALTER TABLE audit_log ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE audit_log ADD COLUMN last_at_ms INTEGER NOT NULL DEFAULT 0;
   UPDATE audit_log SET last_at_ms = at_ms;
   CREATE INDEX audit_log_by_last ON audit_log (last_at_ms);
   CREATE TABLE documents (
     name          TEXT    NOT NULL PRIMARY KEY,
     json          TEXT    NOT NULL,
     revision      INTEGER NOT NULL,
     updated_at_ms INTEGER NOT NULL,
     updated_by    TEXT
   );`,

  // 5: history added up per 5 and 30 minutes as minutes are written (see ROLLUP_WIDTHS), so trends
  // of every operator over a day or a week read a few thousand rows. A minute is written once and
  // never replaced, so the sums stay exact. Filled here from the minutes already kept.
  `CREATE TABLE history_rollup (
     width      INTEGER NOT NULL,
     scope      INTEGER NOT NULL,
     scope_id   TEXT    NOT NULL,
     slot       INTEGER NOT NULL,
     open_sum   INTEGER NOT NULL,
     open_max   INTEGER NOT NULL,
     oldest_max INTEGER,
     samples    INTEGER NOT NULL,
     PRIMARY KEY (width, scope, scope_id, slot)
   ) WITHOUT ROWID;
   INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
     SELECT 30, scope, scope_id, at - at % 30, sum(open), max(open), max(oldest), count(*)
     FROM history GROUP BY scope, scope_id, at - at % 30;
   INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
     SELECT 5, scope, scope_id, at - at % 5, sum(open), max(open), max(oldest), count(*)
     FROM history GROUP BY scope, scope_id, at - at % 5;`,

  // 6: the moves log: every reassignment chatload asked wamm.chat for, by hand or automatically,
  // and what came of it. Read newest first, and by time for the limits per hour.
  `CREATE TABLE moves (
     id               TEXT    NOT NULL PRIMARY KEY,
     at_ms            INTEGER NOT NULL,
     trigger_kind     TEXT    NOT NULL CHECK (trigger_kind IN ('manual', 'auto', 'undo')),
     actor            TEXT,
     chat_id          TEXT    NOT NULL,
     from_operator_id TEXT,
     to_operator_id   TEXT,
     reason           TEXT,
     status           TEXT    NOT NULL CHECK (status IN ('moved', 'skipped', 'failed', 'unknown')),
     outcome          TEXT    NOT NULL,
     undo_of          TEXT,
     undone_at_ms     INTEGER
   );
   CREATE INDEX moves_by_time ON moves (at_ms);`,

  // 7: alerts. The state of each watched condition (what is pending or firing, so a restart goes on
  // where it was), the events that fired, and the delivery queue: one row per event, message and
  // channel, unique, so a message is never queued twice; claimed_until lets one process at a time send it.
  `CREATE TABLE alert_states (
     key           TEXT    NOT NULL PRIMARY KEY,
     rule_id       TEXT    NOT NULL,
     json          TEXT    NOT NULL,
     updated_at_ms INTEGER NOT NULL
   );
   CREATE TABLE alert_events (
     id             TEXT    NOT NULL PRIMARY KEY,
     rule_id        TEXT    NOT NULL,
     kind           TEXT    NOT NULL,
     key            TEXT    NOT NULL,
     team_id        TEXT,
     subject        TEXT,
     started_at_ms  INTEGER NOT NULL,
     fired_at_ms    INTEGER NOT NULL,
     resolved_at_ms INTEGER,
     value          REAL    NOT NULL,
     threshold      REAL    NOT NULL
   );
   CREATE INDEX alert_events_by_fired ON alert_events (fired_at_ms);
   CREATE TABLE alert_deliveries (
     id               TEXT    NOT NULL PRIMARY KEY,
     event_id         TEXT    NOT NULL,
     message          TEXT    NOT NULL,
     channel          TEXT    NOT NULL CHECK (channel IN ('webhook', 'telegram', 'email')),
     payload          TEXT    NOT NULL,
     status           TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
     attempts         INTEGER NOT NULL,
     next_at_ms       INTEGER NOT NULL,
     claimed_until_ms INTEGER,
     last_error       TEXT,
     created_at_ms    INTEGER NOT NULL,
     attempted_at_ms  INTEGER,
     UNIQUE (event_id, message, channel)
   );
   CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_at_ms);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const MIGRATION_PATIENCE_MS = 60_000;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(version: number, name: string): void {
  if (version > SCHEMA_VERSION) {
    throw new StorageSchemaError(
      `chatload cannot open ${name}: its schema version is ${version}, but this chatload knows versions up to ` +
        `${SCHEMA_VERSION}. It was written by a newer chatload; run that version or point chatload at another data directory.`,
    );
  }
}

/**
 * Brings the database up to `target` (all steps by default; tests stop earlier to build an old
 * file). Refuses a database written by a newer chatload rather than guess at its schema. A file
 * already up to date is only read, so a start never waits for another process's write lock.
 */
export async function migrate(db: Database.Database, name: string, target: number = SCHEMA_VERSION): Promise<void> {
  const version = await retryWhileLocked(() => schemaVersion(db));
  refuseNewer(version, name);
  if (version >= target) return;
  const step = db.transaction(() => {
    const current = schemaVersion(db);
    refuseNewer(current, name);
    if (current >= target) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  // IMMEDIATE takes the write lock before reading the version, so two processes starting at once
  // cannot both apply the same step; the other one may be filling a table for a while, hence the
  // longer patience than a request's.
  let applied = true;
  while (applied) applied = await retryWhileLocked(() => step.immediate(), MIGRATION_PATIENCE_MS);
}
