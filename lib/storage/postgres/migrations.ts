// The PostgreSQL schema, one step per version, recorded in chatload_schema. Each step runs in its
// own transaction under a transaction-level advisory lock, so servers starting at once apply each
// step exactly once and a crash mid-step leaves the previous version whole. Append only: never edit
// a step that has shipped.
import type pg from 'pg';
import { StorageSchemaError } from '../errors';

export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: everything SQLite reached in its five steps. Epoch milliseconds are bigint; history minutes
  // (minutes since the epoch) fit an integer until the year 6053. History ids compare in "C" order:
  // faster than a language's collation, and the same order as SQLite's.
  `CREATE TABLE snapshots (
     id                 text     NOT NULL PRIMARY KEY,
     created_at_ms      bigint   NOT NULL,
     as_of_ms           bigint   NOT NULL,
     label              text,
     saved_by           text,
     trigger_kind       text     NOT NULL CHECK (trigger_kind IN ('manual', 'scheduled')),
     filter_channel     text,
     filter_user        text,
     filter_team        text,
     open_chats         integer  NOT NULL,
     operators          integer  NOT NULL,
     oldest_age_seconds integer,
     complete           boolean  NOT NULL,
     data               text     NOT NULL
   );
   CREATE INDEX snapshots_by_created ON snapshots (created_at_ms);
   CREATE INDEX snapshots_by_trigger ON snapshots (trigger_kind, created_at_ms);

   CREATE TABLE history (
     scope    smallint NOT NULL,
     scope_id text COLLATE "C" NOT NULL,
     at       integer  NOT NULL,
     open     integer  NOT NULL,
     oldest   integer,
     b0 integer NOT NULL, b1 integer NOT NULL, b2 integer NOT NULL,
     b3 integer NOT NULL, b4 integer NOT NULL, b5 integer NOT NULL,
     PRIMARY KEY (scope, scope_id, at)
   );
   CREATE TABLE history_ids (
     scope    smallint NOT NULL,
     scope_id text COLLATE "C" NOT NULL,
     first_at integer  NOT NULL,
     last_at  integer  NOT NULL,
     PRIMARY KEY (scope, scope_id)
   );
   CREATE TABLE history_rollup (
     width      smallint NOT NULL,
     scope      smallint NOT NULL,
     scope_id   text COLLATE "C" NOT NULL,
     slot       integer  NOT NULL,
     open_sum   integer  NOT NULL,
     open_max   integer  NOT NULL,
     oldest_max integer,
     samples    integer  NOT NULL,
     PRIMARY KEY (width, scope, scope_id, slot)
   );

   CREATE TABLE display_keys (
     id            text   NOT NULL PRIMARY KEY,
     label         text   NOT NULL,
     key_hash      text   NOT NULL UNIQUE,
     ip_allowlist  text[] NOT NULL,
     created_at_ms bigint NOT NULL,
     created_by    text,
     revoked_at_ms bigint,
     last_seen_ms  bigint
   );

   CREATE TABLE sessions (
     id             text   NOT NULL PRIMARY KEY,
     account        text   NOT NULL,
     role           text   NOT NULL CHECK (role IN ('viewer', 'manager', 'display')),
     display_key_id text,
     credential     text   NOT NULL,
     created_at_ms  bigint NOT NULL,
     seen_at_ms     bigint NOT NULL,
     expires_at_ms  bigint,
     revoked_at_ms  bigint,
     address        text,
     user_agent     text
   );
   CREATE INDEX sessions_by_account ON sessions (account);
   CREATE INDEX sessions_by_created ON sessions (created_at_ms);

   CREATE TABLE audit_log (
     seq        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at_ms      bigint  NOT NULL,
     actor      text,
     role       text,
     action     text    NOT NULL,
     detail     text,
     address    text,
     count      integer NOT NULL DEFAULT 1,
     last_at_ms bigint  NOT NULL
   );
   CREATE INDEX audit_log_by_last ON audit_log (last_at_ms);

   CREATE TABLE documents (
     name          text    NOT NULL PRIMARY KEY,
     json          text    NOT NULL,
     revision      integer NOT NULL,
     updated_at_ms bigint  NOT NULL,
     updated_by    text
   );`,

  // 2: every operator's sums of a range, read by time rather than id by id, from the index alone
  // (INCLUDE): a week of 30-minute sums is 20,000 rows, and without it each is fetched from a
  // heap page of its own. For a while step 1 carried a plain index of this name; databases made
  // then get this one too, hence IF EXISTS.
  `DROP INDEX IF EXISTS history_rollup_by_slot;
   CREATE INDEX history_rollup_by_slot ON history_rollup (width, scope, slot)
     INCLUDE (scope_id, open_sum, open_max, oldest_max, samples);`,

  // 3: the moves log: every reassignment chatload asked wamm.chat for, and what came of it.
  `CREATE TABLE moves (
     id               text   NOT NULL PRIMARY KEY,
     at_ms            bigint NOT NULL,
     trigger_kind     text   NOT NULL CHECK (trigger_kind IN ('manual', 'auto', 'undo')),
     actor            text,
     chat_id          text   NOT NULL,
     from_operator_id text,
     to_operator_id   text,
     reason           text,
     status           text   NOT NULL CHECK (status IN ('moved', 'skipped', 'failed', 'unknown')),
     outcome          text   NOT NULL,
     undo_of          text,
     undone_at_ms     bigint
   );
   CREATE INDEX moves_by_time ON moves (at_ms);`,

  // 4: alerts (SQLite's step 7): condition states, events, and the delivery queue, unique per
  // event, message and channel; claims are taken with FOR UPDATE SKIP LOCKED.
  `CREATE TABLE alert_states (
     key           text   NOT NULL PRIMARY KEY,
     rule_id       text   NOT NULL,
     json          text   NOT NULL,
     updated_at_ms bigint NOT NULL
   );
   CREATE TABLE alert_events (
     id             text   NOT NULL PRIMARY KEY,
     rule_id        text   NOT NULL,
     kind           text   NOT NULL,
     key            text   NOT NULL,
     team_id        text,
     subject        text,
     started_at_ms  bigint NOT NULL,
     fired_at_ms    bigint NOT NULL,
     resolved_at_ms bigint,
     value          double precision NOT NULL,
     threshold      double precision NOT NULL
   );
   CREATE INDEX alert_events_by_fired ON alert_events (fired_at_ms);
   CREATE TABLE alert_deliveries (
     id               text    NOT NULL PRIMARY KEY,
     event_id         text    NOT NULL,
     message          text    NOT NULL,
     channel          text    NOT NULL CHECK (channel IN ('webhook', 'telegram', 'email')),
     payload          text    NOT NULL,
     status           text    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
     attempts         integer NOT NULL,
     next_at_ms       bigint  NOT NULL,
     claimed_until_ms bigint,
     last_error       text,
     created_at_ms    bigint  NOT NULL,
     attempted_at_ms  bigint,
     UNIQUE (event_id, message, channel)
   );
   CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_at_ms);`,
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/** Any constant of our own: the advisory lock that serializes chatload's migrations on one database. */
const MIGRATION_LOCK = 7_305_118_911;

// Startups wait for each other's steps, which may take a while on a big history.
const STEP_LOCK_TIMEOUT = '60s';
const STEP_STATEMENT_TIMEOUT = '10min';

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS chatload_schema (
  version    integer     NOT NULL PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

function refuseNewer(version: number, database: string): void {
  if (version > POSTGRES_SCHEMA_VERSION) {
    throw new StorageSchemaError(
      `chatload cannot use the PostgreSQL database ${database}: its schema version is ${version}, but this chatload knows ` +
        `versions up to ${POSTGRES_SCHEMA_VERSION}. It was written by a newer chatload; run that version or point DATABASE_URL at another database.`,
    );
  }
}

async function currentVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ found: string | null }>(`SELECT to_regclass('chatload_schema')::text AS found`);
  if (exists.rows[0]?.found == null) return 0;
  const result = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM chatload_schema');
  return result.rows[0]!.version;
}

/** The schema version without changing anything (0 for an empty database). */
export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    return await currentVersion(client);
  } finally {
    client.release();
  }
}

/**
 * Brings the database up to `target` (all steps by default; tests stop earlier). Refuses a
 * database written by a newer chatload rather than guess at its schema.
 */
export async function migratePostgres(
  pool: pg.Pool,
  database: string,
  target: number = POSTGRES_SCHEMA_VERSION,
): Promise<{ before: number; after: number }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const before = await currentVersion(client);
    refuseNewer(before, database);
    let version = before;
    while (version < target) {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL lock_timeout = '${STEP_LOCK_TIMEOUT}'`);
        await client.query(`SET LOCAL statement_timeout = '${STEP_STATEMENT_TIMEOUT}'`);
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(VERSION_TABLE);
        // Read again under the lock: another server may have applied steps while we waited.
        version = await currentVersion(client);
        refuseNewer(version, database);
        if (version < target) {
          await client.query(POSTGRES_MIGRATIONS[version]!);
          version += 1;
          await client.query('INSERT INTO chatload_schema (version) VALUES ($1)', [version]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      }
    }
    return { before, after: version };
  } finally {
    client.release(broken);
  }
}
