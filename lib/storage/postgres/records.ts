// Snapshots, display keys, sessions, the audit log and documents in PostgreSQL: the same questions
// as the SQLite file's, in PostgreSQL's dialect ($n parameters, IS NOT DISTINCT FROM, booleans).
import type {
  AuditAction,
  AuditEntry,
  AuditRepository,
  DisplayKeyRecord,
  DisplayKeyRepository,
  DocumentRepository,
  MoveRecord,
  MoveRepository,
  SessionRecord,
  SessionRepository,
  SessionRole,
  SnapshotRepository,
  SnapshotSummary,
  StoredDocument,
} from '../types';
import type { PostgresDatabase } from './database';

/** null = no limit (LIMIT NULL is PostgreSQL for "all"). */
function limitOf(options: { limit?: number } | undefined): number | null {
  return options?.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
}

// ── Snapshots ──────────────────────────────────────────────────────────────────────────────────

interface SnapshotRow {
  id: string;
  created_at_ms: number;
  as_of_ms: number;
  label: string | null;
  saved_by: string | null;
  trigger_kind: 'manual' | 'scheduled';
  filter_channel: string | null;
  filter_user: string | null;
  filter_team: string | null;
  open_chats: number;
  operators: number;
  oldest_age_seconds: number | null;
  complete: boolean;
  data?: string;
}

const SUMMARY_COLUMNS = `id, created_at_ms, as_of_ms, label, saved_by, trigger_kind, filter_channel, filter_user, filter_team,
  open_chats, operators, oldest_age_seconds, complete`;

function toSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    createdAtMs: row.created_at_ms,
    asOfMs: row.as_of_ms,
    label: row.label,
    savedBy: row.saved_by,
    trigger: row.trigger_kind,
    filterChannel: row.filter_channel,
    filterUser: row.filter_user,
    filterTeam: row.filter_team,
    openChats: row.open_chats,
    operators: row.operators,
    oldestAgeSeconds: row.oldest_age_seconds,
    complete: row.complete,
  };
}

export function postgresSnapshots(database: PostgresDatabase): SnapshotRepository {
  return {
    save: (r) =>
      database.call(async (db) => {
        await db.query(
          `INSERT INTO snapshots (${SUMMARY_COLUMNS}, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [r.id, r.createdAtMs, r.asOfMs, r.label, r.savedBy, r.trigger, r.filterChannel, r.filterUser, r.filterTeam,
            r.openChats, r.operators, r.oldestAgeSeconds, r.complete, r.data],
        );
      }),
    list: (options) =>
      database.call(async (db) => {
        const result = await db.query<SnapshotRow>(`SELECT ${SUMMARY_COLUMNS} FROM snapshots ORDER BY created_at_ms DESC, id LIMIT $1`, [limitOf(options)]);
        return result.rows.map(toSummary);
      }),
    get: (id) =>
      database.call(async (db) => {
        const row = (await db.query<SnapshotRow>(`SELECT ${SUMMARY_COLUMNS}, data FROM snapshots WHERE id = $1`, [id])).rows[0];
        return row === undefined ? null : { ...toSummary(row), data: row.data! };
      }),
    delete: (id) => database.call(async (db) => ((await db.query('DELETE FROM snapshots WHERE id = $1', [id])).rowCount ?? 0) > 0),
    lastScheduledAtMs: () =>
      database.call(async (db) => {
        const result = await db.query<{ last: number | null }>(`SELECT max(created_at_ms) AS last FROM snapshots WHERE trigger_kind = 'scheduled'`);
        return result.rows[0]?.last ?? null;
      }),
    prune: (beforeMs) => database.call(async (db) => (await db.query('DELETE FROM snapshots WHERE created_at_ms < $1', [beforeMs])).rowCount ?? 0),
  };
}

// ── Display keys ───────────────────────────────────────────────────────────────────────────────

interface DisplayKeyRow {
  id: string;
  label: string;
  key_hash: string;
  ip_allowlist: string[];
  created_at_ms: number;
  created_by: string | null;
  revoked_at_ms: number | null;
  last_seen_ms: number | null;
}

function toDisplayKey(row: DisplayKeyRow): DisplayKeyRecord {
  return {
    id: row.id,
    label: row.label,
    keyHash: row.key_hash,
    ipAllowlist: row.ip_allowlist,
    createdAtMs: row.created_at_ms,
    createdBy: row.created_by,
    revokedAtMs: row.revoked_at_ms,
    lastSeenMs: row.last_seen_ms,
  };
}

export function postgresDisplayKeys(database: PostgresDatabase): DisplayKeyRepository {
  const one = (sql: string, value: string) =>
    database.call(async (db) => {
      const row = (await db.query<DisplayKeyRow>(sql, [value])).rows[0];
      return row === undefined ? null : toDisplayKey(row);
    });
  return {
    save: (r) =>
      database.call(async (db) => {
        await db.query(
          `INSERT INTO display_keys (id, label, key_hash, ip_allowlist, created_at_ms, created_by, revoked_at_ms, last_seen_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [r.id, r.label, r.keyHash, r.ipAllowlist, r.createdAtMs, r.createdBy, r.revokedAtMs, r.lastSeenMs],
        );
      }),
    list: () =>
      database.call(async (db) => (await db.query<DisplayKeyRow>('SELECT * FROM display_keys ORDER BY created_at_ms DESC, id')).rows.map(toDisplayKey)),
    get: (id) => one('SELECT * FROM display_keys WHERE id = $1', id),
    findByHash: (keyHash) => one('SELECT * FROM display_keys WHERE key_hash = $1', keyHash),
    revoke: (id, atMs) =>
      database.call(
        async (db) => ((await db.query('UPDATE display_keys SET revoked_at_ms = $1 WHERE id = $2 AND revoked_at_ms IS NULL', [atMs, id])).rowCount ?? 0) > 0,
      ),
    touch: (id, atMs) =>
      database.call(async (db) => {
        await db.query('UPDATE display_keys SET last_seen_ms = $1 WHERE id = $2', [atMs, id]);
      }),
  };
}

// ── Sessions ───────────────────────────────────────────────────────────────────────────────────

interface SessionRow {
  id: string;
  account: string;
  role: SessionRole;
  display_key_id: string | null;
  credential: string;
  created_at_ms: number;
  seen_at_ms: number;
  expires_at_ms: number | null;
  revoked_at_ms: number | null;
  address: string | null;
  user_agent: string | null;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    account: row.account,
    role: row.role,
    displayKeyId: row.display_key_id,
    credential: row.credential,
    createdAtMs: row.created_at_ms,
    seenAtMs: row.seen_at_ms,
    expiresAtMs: row.expires_at_ms,
    revokedAtMs: row.revoked_at_ms,
    address: row.address,
    userAgent: row.user_agent,
  };
}

/** Still open at $1: not revoked, and no absolute end or one still ahead. */
const OPEN_AT = 'revoked_at_ms IS NULL AND (expires_at_ms IS NULL OR expires_at_ms > $1)';

export function postgresSessions(database: PostgresDatabase): SessionRepository {
  const changed = (sql: string, values: unknown[]) => database.call(async (db) => (await db.query(sql, values)).rowCount ?? 0);
  return {
    create: (r) =>
      database.call(async (db) => {
        await db.query(
          `INSERT INTO sessions (id, account, role, display_key_id, credential, created_at_ms, seen_at_ms, expires_at_ms,
             revoked_at_ms, address, user_agent)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [r.id, r.account, r.role, r.displayKeyId, r.credential, r.createdAtMs, r.seenAtMs, r.expiresAtMs, r.revokedAtMs, r.address, r.userAgent],
        );
      }),
    get: (id) =>
      database.call(async (db) => {
        const row = (await db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id])).rows[0];
        return row === undefined ? null : toSession(row);
      }),
    touch: async (id, atMs) => {
      await changed('UPDATE sessions SET seen_at_ms = $1 WHERE id = $2 AND seen_at_ms < $1', [atMs, id]);
    },
    revoke: async (id, atMs) => (await changed(`UPDATE sessions SET revoked_at_ms = $1 WHERE id = $2 AND ${OPEN_AT}`, [atMs, id])) > 0,
    revokeAccount: (account, atMs) => changed(`UPDATE sessions SET revoked_at_ms = $1 WHERE account = $2 AND ${OPEN_AT}`, [atMs, account]),
    listOpen: (nowMs) =>
      database.call(async (db) => (await db.query<SessionRow>(`SELECT * FROM sessions WHERE ${OPEN_AT} ORDER BY created_at_ms DESC, id`, [nowMs])).rows.map(toSession)),
    prune: (beforeMs) => changed('DELETE FROM sessions WHERE revoked_at_ms < $1 OR expires_at_ms < $1', [beforeMs]),
  };
}

// ── Audit log ──────────────────────────────────────────────────────────────────────────────────

interface AuditRow {
  at_ms: number;
  actor: string | null;
  role: string | null;
  action: AuditAction;
  detail: string | null;
  address: string | null;
  count: number;
  last_at_ms: number;
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    atMs: row.at_ms,
    actor: row.actor,
    role: row.role,
    action: row.action,
    detail: row.detail,
    address: row.address,
    count: row.count,
    lastAtMs: row.last_at_ms,
  };
}

const INSERT_AUDIT = `INSERT INTO audit_log (at_ms, actor, role, action, detail, address, count, last_at_ms)
  VALUES ($1, $2, $3, $4, $5, $6, 1, $1)`;

/** Our own constant: serializes folded appends, so two servers refusing at once still make one row. */
const FOLD_LOCK = 7_305_118_912;

export function postgresAudit(database: PostgresDatabase): AuditRepository {
  return {
    append: (e) =>
      database.call(async (db) => {
        await db.query(INSERT_AUDIT, [e.atMs, e.actor, e.role, e.action, e.detail, e.address]);
      }),
    appendFolded: (e, sinceMs) =>
      database.transaction(async (db) => {
        await db.query('SELECT pg_advisory_xact_lock($1)', [FOLD_LOCK]);
        const folded = await db.query(
          `UPDATE audit_log SET count = count + 1, last_at_ms = greatest(last_at_ms, $1)
           WHERE seq = (SELECT seq FROM audit_log
                        WHERE last_at_ms >= $6 AND action = $3 AND actor IS NOT DISTINCT FROM $2
                          AND detail IS NOT DISTINCT FROM $4 AND address IS NOT DISTINCT FROM $5
                        ORDER BY seq DESC LIMIT 1)`,
          [e.atMs, e.actor, e.action, e.detail, e.address, sinceMs],
        );
        if ((folded.rowCount ?? 0) === 0) await db.query(INSERT_AUDIT, [e.atMs, e.actor, e.role, e.action, e.detail, e.address]);
      }),
    list: (options) =>
      database.call(async (db) =>
        (await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY last_at_ms DESC, seq DESC LIMIT $1', [limitOf(options)])).rows.map(toAuditEntry),
      ),
    prune: (beforeMs) => database.call(async (db) => (await db.query('DELETE FROM audit_log WHERE last_at_ms < $1', [beforeMs])).rowCount ?? 0),
  };
}

// ── Documents ──────────────────────────────────────────────────────────────────────────────────

interface DocumentRow {
  json: string;
  revision: number;
  updated_at_ms: number;
  updated_by: string | null;
}

function toDocument(row: DocumentRow): StoredDocument {
  return { json: row.json, revision: row.revision, updatedAtMs: row.updated_at_ms, updatedBy: row.updated_by };
}

const RETURNING = 'RETURNING json, revision, updated_at_ms, updated_by';

export function postgresDocuments(database: PostgresDatabase): DocumentRepository {
  return {
    get: (name) =>
      database.call(async (db) => {
        const row = (await db.query<DocumentRow>('SELECT json, revision, updated_at_ms, updated_by FROM documents WHERE name = $1', [name])).rows[0];
        return row === undefined ? null : toDocument(row);
      }),
    // Compare-and-set in one statement each: a concurrent put waits for the row lock, then finds
    // the revision moved on and changes nothing.
    put: (name, json, { atMs, by, expectedRevision }) =>
      database.call(async (db) => {
        const values = [name, json, atMs, by];
        const result =
          expectedRevision === undefined
            ? await db.query<DocumentRow>(
                `INSERT INTO documents (name, json, revision, updated_at_ms, updated_by) VALUES ($1, $2, 1, $3, $4)
                 ON CONFLICT (name) DO UPDATE SET json = excluded.json, revision = documents.revision + 1,
                   updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by
                 ${RETURNING}`,
                values,
              )
            : expectedRevision === 0
              ? await db.query<DocumentRow>(
                  `INSERT INTO documents (name, json, revision, updated_at_ms, updated_by) VALUES ($1, $2, 1, $3, $4)
                   ON CONFLICT (name) DO NOTHING ${RETURNING}`,
                  values,
                )
              : await db.query<DocumentRow>(
                  `UPDATE documents SET json = $2, revision = revision + 1, updated_at_ms = $3, updated_by = $4
                   WHERE name = $1 AND revision = $5 ${RETURNING}`,
                  [...values, expectedRevision],
                );
        const row = result.rows[0];
        return row === undefined ? null : toDocument(row);
      }),
  };
}

// ── Moves ──────────────────────────────────────────────────────────────────────────────────────

interface MoveRow {
  id: string;
  at_ms: number;
  trigger_kind: MoveRecord['trigger'];
  actor: string | null;
  chat_id: string;
  from_operator_id: string | null;
  to_operator_id: string | null;
  reason: string | null;
  status: MoveRecord['status'];
  outcome: string;
  undo_of: string | null;
  undone_at_ms: number | null;
}

function toMove(row: MoveRow): MoveRecord {
  return {
    id: row.id,
    atMs: row.at_ms,
    trigger: row.trigger_kind,
    actor: row.actor,
    chatId: row.chat_id,
    fromOperatorId: row.from_operator_id,
    toOperatorId: row.to_operator_id,
    reason: row.reason,
    status: row.status,
    outcome: row.outcome,
    undoOf: row.undo_of,
    undoneAtMs: row.undone_at_ms,
  };
}

export function postgresMoves(database: PostgresDatabase): MoveRepository {
  return {
    append: (record) =>
      database.call(async (db) => {
        await db.query(
          `INSERT INTO moves (id, at_ms, trigger_kind, actor, chat_id, from_operator_id, to_operator_id, reason, status, outcome, undo_of, undone_at_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [record.id, record.atMs, record.trigger, record.actor, record.chatId, record.fromOperatorId, record.toOperatorId, record.reason, record.status, record.outcome, record.undoOf, record.undoneAtMs],
        );
      }),
    list: (options) =>
      database.call(async (db) => {
        const limit = options?.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
        const rows = await db.query<MoveRow>('SELECT * FROM moves WHERE at_ms >= $1 ORDER BY at_ms DESC, id LIMIT $2', [options?.sinceMs ?? Number.MIN_SAFE_INTEGER, limit]);
        return rows.rows.map(toMove);
      }),
    get: (id) =>
      database.call(async (db) => {
        const row = (await db.query<MoveRow>('SELECT * FROM moves WHERE id = $1', [id])).rows[0];
        return row === undefined ? null : toMove(row);
      }),
    markUndone: (id, atMs) =>
      database.call(async (db) => ((await db.query('UPDATE moves SET undone_at_ms = $1 WHERE id = $2 AND undone_at_ms IS NULL', [atMs, id])).rowCount ?? 0) > 0),
    prune: (beforeMs) => database.call(async (db) => (await db.query('DELETE FROM moves WHERE at_ms < $1', [beforeMs])).rowCount ?? 0),
  };
}
