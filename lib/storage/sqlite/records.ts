// Snapshots, display keys, sessions, the audit log and documents in the SQLite file: one prepared
// statement per question, rows mapped to the records of ../types.
import type {
  AuditAction,
  AuditEntry,
  AuditInput,
  AuditRepository,
  DisplayKeyRecord,
  DisplayKeyRepository,
  DocumentRepository,
  MoveRecord,
  MoveRepository,
  SessionRecord,
  SessionRepository,
  SessionRole,
  SnapshotRecord,
  SnapshotRepository,
  SnapshotSummary,
  StoredDocument,
} from '../types';
import type { SqliteDatabase } from './database';

/** LIMIT -1 is SQLite for "no limit". */
function limitOf(options: { limit?: number } | undefined): number {
  return options?.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit));
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
  complete: number;
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
    complete: row.complete === 1,
  };
}

export function sqliteSnapshots(database: SqliteDatabase): SnapshotRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO snapshots (${SUMMARY_COLUMNS}, data)
     VALUES (@id, @createdAtMs, @asOfMs, @label, @savedBy, @trigger, @filterChannel, @filterUser, @filterTeam,
             @openChats, @operators, @oldestAgeSeconds, @complete, @data)`,
  );
  const list = db.prepare<[number], SnapshotRow>(`SELECT ${SUMMARY_COLUMNS} FROM snapshots ORDER BY created_at_ms DESC, id LIMIT ?`);
  const get = db.prepare<[string], SnapshotRow>(`SELECT ${SUMMARY_COLUMNS}, data FROM snapshots WHERE id = ?`);
  const remove = db.prepare<[string]>('DELETE FROM snapshots WHERE id = ?');
  const lastScheduled = db.prepare<[], number | null>(`SELECT max(created_at_ms) FROM snapshots WHERE trigger_kind = 'scheduled'`).pluck();
  const prune = db.prepare<[number]>('DELETE FROM snapshots WHERE created_at_ms < ?');

  return {
    save: (record: SnapshotRecord) => database.call(() => void insert.run({ ...record, complete: record.complete ? 1 : 0 })),
    list: (options) => database.call(() => list.all(limitOf(options)).map(toSummary)),
    get: (id) =>
      database.call(() => {
        const row = get.get(id);
        return row === undefined ? null : { ...toSummary(row), data: row.data! };
      }),
    delete: (id) => database.call(() => remove.run(id).changes > 0),
    lastScheduledAtMs: () => database.call(() => lastScheduled.get() ?? null),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs).changes),
  };
}

// ── Display keys ───────────────────────────────────────────────────────────────────────────────

interface DisplayKeyRow {
  id: string;
  label: string;
  key_hash: string;
  ip_allowlist: string;
  created_at_ms: number;
  created_by: string | null;
  revoked_at_ms: number | null;
  last_seen_ms: number | null;
}

/** Stored as a JSON array of strings; anything else reads as an empty list, as schema 3 did. */
function parseAllowlist(text: string): string[] {
  let parsed: unknown = [];
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = [];
  }
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

function toDisplayKey(row: DisplayKeyRow): DisplayKeyRecord {
  return {
    id: row.id,
    label: row.label,
    keyHash: row.key_hash,
    ipAllowlist: parseAllowlist(row.ip_allowlist),
    createdAtMs: row.created_at_ms,
    createdBy: row.created_by,
    revokedAtMs: row.revoked_at_ms,
    lastSeenMs: row.last_seen_ms,
  };
}

export function sqliteDisplayKeys(database: SqliteDatabase): DisplayKeyRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO display_keys (id, label, key_hash, ip_allowlist, created_at_ms, created_by, revoked_at_ms, last_seen_ms)
     VALUES (@id, @label, @keyHash, @ipAllowlist, @createdAtMs, @createdBy, @revokedAtMs, @lastSeenMs)`,
  );
  const list = db.prepare<[], DisplayKeyRow>('SELECT * FROM display_keys ORDER BY created_at_ms DESC, id');
  const get = db.prepare<[string], DisplayKeyRow>('SELECT * FROM display_keys WHERE id = ?');
  const find = db.prepare<[string], DisplayKeyRow>('SELECT * FROM display_keys WHERE key_hash = ?');
  const revoke = db.prepare<[number, string]>('UPDATE display_keys SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL');
  const touch = db.prepare<[number, string]>('UPDATE display_keys SET last_seen_ms = ? WHERE id = ?');

  return {
    save: (record) => database.call(() => void insert.run({ ...record, ipAllowlist: JSON.stringify(record.ipAllowlist) })),
    list: () => database.call(() => list.all().map(toDisplayKey)),
    get: (id) =>
      database.call(() => {
        const row = get.get(id);
        return row === undefined ? null : toDisplayKey(row);
      }),
    findByHash: (keyHash) =>
      database.call(() => {
        const row = find.get(keyHash);
        return row === undefined ? null : toDisplayKey(row);
      }),
    revoke: (id, atMs) => database.call(() => revoke.run(atMs, id).changes > 0),
    touch: (id, atMs) => database.call(() => void touch.run(atMs, id)),
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

/** Still open at :at: not revoked, and no absolute end or one still ahead. */
const OPEN_AT = 'revoked_at_ms IS NULL AND (expires_at_ms IS NULL OR expires_at_ms > :at)';

export function sqliteSessions(database: SqliteDatabase): SessionRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO sessions (id, account, role, display_key_id, credential, created_at_ms, seen_at_ms, expires_at_ms,
       revoked_at_ms, address, user_agent)
     VALUES (@id, @account, @role, @displayKeyId, @credential, @createdAtMs, @seenAtMs, @expiresAtMs,
       @revokedAtMs, @address, @userAgent)`,
  );
  const get = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const touch = db.prepare<[number, string, number]>('UPDATE sessions SET seen_at_ms = ? WHERE id = ? AND seen_at_ms < ?');
  const revoke = db.prepare<{ at: number; id: string }>(`UPDATE sessions SET revoked_at_ms = :at WHERE id = :id AND ${OPEN_AT}`);
  const revokeAccount = db.prepare<{ at: number; account: string }>(
    `UPDATE sessions SET revoked_at_ms = :at WHERE account = :account AND ${OPEN_AT}`,
  );
  const listOpen = db.prepare<{ at: number }, SessionRow>(`SELECT * FROM sessions WHERE ${OPEN_AT} ORDER BY created_at_ms DESC, id`);
  const prune = db.prepare<[number, number]>('DELETE FROM sessions WHERE revoked_at_ms < ? OR expires_at_ms < ?');

  return {
    create: (record) => database.call(() => void insert.run(record)),
    get: (id) =>
      database.call(() => {
        const row = get.get(id);
        return row === undefined ? null : toSession(row);
      }),
    touch: (id, atMs) => database.call(() => void touch.run(atMs, id, atMs)),
    revoke: (id, atMs) => database.call(() => revoke.run({ at: atMs, id }).changes > 0),
    revokeAccount: (account, atMs) => database.call(() => revokeAccount.run({ at: atMs, account }).changes),
    listOpen: (nowMs) => database.call(() => listOpen.all({ at: nowMs }).map(toSession)),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs, beforeMs).changes),
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

export function sqliteAudit(database: SqliteDatabase): AuditRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO audit_log (at_ms, actor, role, action, detail, address, count, last_at_ms)
     VALUES (@atMs, @actor, @role, @action, @detail, @address, 1, @atMs)`,
  );
  // `IS` compares nulls as equal: two refusals of an unknown actor fold together.
  const fold = db.prepare(
    `UPDATE audit_log SET count = count + 1, last_at_ms = max(last_at_ms, @atMs)
     WHERE seq = (SELECT seq FROM audit_log
                  WHERE last_at_ms >= @sinceMs AND action = @action AND actor IS @actor AND detail IS @detail AND address IS @address
                  ORDER BY seq DESC LIMIT 1)`,
  );
  const appendFolded = database.transaction((entry: AuditInput & { sinceMs: number }) => {
    if (fold.run(entry).changes === 0) insert.run(entry);
  });
  const list = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY last_at_ms DESC, seq DESC LIMIT ?');
  const prune = db.prepare<[number]>('DELETE FROM audit_log WHERE last_at_ms < ?');

  return {
    append: (entry) => database.call(() => void insert.run(entry)),
    appendFolded: (entry, sinceMs) => database.call(() => appendFolded({ ...entry, sinceMs })),
    list: (options) => database.call(() => list.all(limitOf(options)).map(toAuditEntry)),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs).changes),
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

export function sqliteDocuments(database: SqliteDatabase): DocumentRepository {
  const { db } = database;
  const get = db.prepare<[string], DocumentRow>('SELECT json, revision, updated_at_ms, updated_by FROM documents WHERE name = ?');
  const RETURNING = 'RETURNING json, revision, updated_at_ms, updated_by';
  const upsert = db.prepare<{ name: string; json: string; at: number; by: string | null }, DocumentRow>(
    `INSERT INTO documents (name, json, revision, updated_at_ms, updated_by) VALUES (:name, :json, 1, :at, :by)
     ON CONFLICT (name) DO UPDATE SET json = excluded.json, revision = revision + 1,
       updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by
     ${RETURNING}`,
  );
  const create = db.prepare<{ name: string; json: string; at: number; by: string | null }, DocumentRow>(
    `INSERT INTO documents (name, json, revision, updated_at_ms, updated_by) VALUES (:name, :json, 1, :at, :by)
     ON CONFLICT (name) DO NOTHING ${RETURNING}`,
  );
  const replace = db.prepare<{ name: string; json: string; at: number; by: string | null; expected: number }, DocumentRow>(
    `UPDATE documents SET json = :json, revision = revision + 1, updated_at_ms = :at, updated_by = :by
     WHERE name = :name AND revision = :expected ${RETURNING}`,
  );

  return {
    get: (name) =>
      database.call(() => {
        const row = get.get(name);
        return row === undefined ? null : toDocument(row);
      }),
    put: (name, json, { atMs, by, expectedRevision }) =>
      database.call(() => {
        const params = { name, json, at: atMs, by };
        const row =
          expectedRevision === undefined
            ? upsert.get(params)
            : expectedRevision === 0
              ? create.get(params)
              : replace.get({ ...params, expected: expectedRevision });
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

export function toMove(row: MoveRow): MoveRecord {
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

export function sqliteMoves(database: SqliteDatabase): MoveRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO moves (id, at_ms, trigger_kind, actor, chat_id, from_operator_id, to_operator_id, reason, status, outcome, undo_of, undone_at_ms)
     VALUES (@id, @atMs, @trigger, @actor, @chatId, @fromOperatorId, @toOperatorId, @reason, @status, @outcome, @undoOf, @undoneAtMs)`,
  );
  const list = db.prepare<[number, number], MoveRow>('SELECT * FROM moves WHERE at_ms >= ? ORDER BY at_ms DESC, id LIMIT ?');
  const get = db.prepare<[string], MoveRow>('SELECT * FROM moves WHERE id = ?');
  const undone = db.prepare<[number, string]>('UPDATE moves SET undone_at_ms = ? WHERE id = ? AND undone_at_ms IS NULL');
  const prune = db.prepare<[number]>('DELETE FROM moves WHERE at_ms < ?');
  return {
    append: (record) => database.call(() => void insert.run(record)),
    list: (options) => database.call(() => list.all(options?.sinceMs ?? Number.MIN_SAFE_INTEGER, limitOf(options)).map(toMove)),
    get: (id) =>
      database.call(() => {
        const row = get.get(id);
        return row === undefined ? null : toMove(row);
      }),
    markUndone: (id, atMs) => database.call(() => undone.run(atMs, id).changes > 0),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs).changes),
  };
}
