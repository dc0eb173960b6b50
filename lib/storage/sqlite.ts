import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import { migrate } from './migrations';
import type {
  AuditEntry,
  DisplayKeyRecord,
  HistoryPoint,
  HistoryQuery,
  HistorySample,
  HistoryScope,
  HistorySeries,
  SnapshotRecord,
  SnapshotSummary,
  Storage,
} from './types';

// Storage in one embedded SQLite file. Every statement is prepared once, at open.

const MINUTE_MS = 60_000;
const SCOPE_CODES: Record<HistoryScope, number> = { total: 0, operator: 1, channel: 2 };

interface SnapshotRow {
  id: string;
  created_at_ms: number;
  as_of_ms: number;
  label: string | null;
  saved_by: string | null;
  trigger_kind: 'manual' | 'scheduled';
  filter_channel: string | null;
  filter_user: string | null;
  open_chats: number;
  operators: number;
  oldest_age_seconds: number | null;
  complete: number;
  data?: string;
}

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

interface AuditRow {
  at_ms: number;
  actor: string | null;
  role: string | null;
  action: string;
  detail: string | null;
  address: string | null;
}

function toDisplayKey(row: DisplayKeyRow): DisplayKeyRecord {
  let allowlist: unknown = [];
  try {
    allowlist = JSON.parse(row.ip_allowlist);
  } catch {
    allowlist = [];
  }
  return {
    id: row.id,
    label: row.label,
    keyHash: row.key_hash,
    ipAllowlist: Array.isArray(allowlist) ? allowlist.filter((item): item is string => typeof item === 'string') : [],
    createdAtMs: row.created_at_ms,
    createdBy: row.created_by,
    revokedAtMs: row.revoked_at_ms,
    lastSeenMs: row.last_seen_ms,
  };
}

const SUMMARY_COLUMNS = `id, created_at_ms, as_of_ms, label, saved_by, trigger_kind, filter_channel, filter_user,
  open_chats, operators, oldest_age_seconds, complete`;

/** scope_id, slot (minutes), sum, max, oldest, samples */
type StepRow = [string, number, number, number, number | null, number];

export function openSqliteStorage(file: string): Storage {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    configure(db);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return sqliteStorage(db);
}

function configure(db: Database.Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
  // FULL: each commit fsyncs the WAL. A killed process loses nothing committed under NORMAL either
  // (the WAL is written before commit returns); FULL also keeps the last commits through a power
  // cut or an OS crash. We commit a history tick a minute and a snapshot now and then, so one fsync
  // each costs nothing anyone would notice.
  db.pragma('synchronous = FULL');
  // Another process (a second server, a backup script) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function sqliteStorage(db: Database.Database): Storage {
  const insertSnapshot = db.prepare(
    `INSERT INTO snapshots (${SUMMARY_COLUMNS}, data)
     VALUES (@id, @created_at_ms, @as_of_ms, @label, @saved_by, @trigger_kind, @filter_channel, @filter_user,
             @open_chats, @operators, @oldest_age_seconds, @complete, @data)`,
  );
  const listSnapshotRows = db.prepare<[number], SnapshotRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM snapshots ORDER BY created_at_ms DESC, id LIMIT ?`,
  );
  const getSnapshotRow = db.prepare<[string], SnapshotRow>(`SELECT ${SUMMARY_COLUMNS}, data FROM snapshots WHERE id = ?`);
  const deleteSnapshotRow = db.prepare<[string]>('DELETE FROM snapshots WHERE id = ?');
  const lastScheduled = db
    .prepare<[], number | null>(`SELECT max(created_at_ms) FROM snapshots WHERE trigger_kind = 'scheduled'`)
    .pluck();

  const upsertSample = db.prepare<[number, string, number, number, number | null, number, number, number, number, number, number]>(
    `INSERT OR REPLACE INTO history (scope, scope_id, at, open, oldest, b0, b1, b2, b3, b4, b5)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertId = db.prepare<[number, string, number, number]>(
    `INSERT INTO history_ids (scope, scope_id, first_at, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, scope_id) DO UPDATE SET
       first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)`,
  );
  const insertSamples = db.transaction((samples: readonly HistorySample[]) => {
    for (const sample of samples) {
      const scope = SCOPE_CODES[sample.scope];
      const scopeId = sample.scope === 'total' ? '' : sample.scopeId;
      const at = Math.floor(sample.atMs / MINUTE_MS);
      const b = sample.buckets;
      if (b.length !== AGE_BUCKET_COUNT) {
        throw new RangeError(`a history sample needs ${AGE_BUCKET_COUNT} bucket counts, got ${b.length}`);
      }
      upsertSample.run(scope, scopeId, at, sample.openChats, sample.oldestAgeSeconds, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!);
      upsertId.run(scope, scopeId, at, at);
    }
  });

  // Steps are grouped in SQL; the slot is the step's first minute. `%` works in integers even though
  // the driver binds JS numbers as REAL (a `/` would not). Means are rounded in JS.
  const stepsOfOne = db
    .prepare<{ scope: number; scopeId: string; from: number; to: number; step: number }, StepRow>(
      `SELECT scope_id, at - at % :step AS slot, sum(open), max(open), max(oldest), count(*)
       FROM history
       WHERE scope = :scope AND scope_id = :scopeId AND at >= :from AND at < :to
       GROUP BY slot ORDER BY slot`,
    )
    .raw();
  // Every id of a scope: a GROUP BY over all its rows would sort them all (~600k for 7 d of 60
  // operators, ~270 ms). Instead walk the short id list × the step starts and aggregate each step
  // with one range read of the key: rows come out in order, nothing is sorted (~100 ms).
  const stepsOfEvery = db
    .prepare<{ scope: number; from: number; to: number; step: number }, [string, number, string]>(
      `WITH RECURSIVE slots (s) AS (
         SELECT :from - :from % :step UNION ALL SELECT s + :step FROM slots WHERE s + :step < :to
       )
       SELECT i.scope_id, s, (
         SELECT json_array(sum(open), max(open), max(oldest), count(*)) FROM history AS h
         WHERE h.scope = i.scope AND h.scope_id = i.scope_id AND h.at >= max(s, :from) AND h.at < min(s + :step, :to)
       )
       FROM history_ids AS i CROSS JOIN slots
       WHERE i.scope = :scope AND i.first_at < :to AND i.last_at >= :from
       ORDER BY i.scope_id, s`,
    )
    .raw();

  const idsToPrune = db.prepare<[number], { scope: number; scope_id: string }>(
    'SELECT scope, scope_id FROM history_ids WHERE first_at < ?',
  );
  const deleteSamplesBefore = db.prepare<[number, string, number]>(
    'DELETE FROM history WHERE scope = ? AND scope_id = ? AND at < ?',
  );
  const forgetIdsBefore = db.prepare<[number]>('DELETE FROM history_ids WHERE last_at < ?');
  const moveFirstAt = db.prepare<[number, number]>('UPDATE history_ids SET first_at = ? WHERE first_at < ?');
  const prune = db.transaction((before: number) => {
    let deleted = 0;
    for (const { scope, scope_id } of idsToPrune.all(before)) {
      deleted += deleteSamplesBefore.run(scope, scope_id, before).changes;
    }
    forgetIdsBefore.run(before);
    moveFirstAt.run(before, before);
    return deleted;
  });

  const insertDisplayKey = db.prepare(
    `INSERT INTO display_keys (id, label, key_hash, ip_allowlist, created_at_ms, created_by, revoked_at_ms, last_seen_ms)
     VALUES (@id, @label, @key_hash, @ip_allowlist, @created_at_ms, @created_by, @revoked_at_ms, @last_seen_ms)`,
  );
  const listDisplayKeyRows = db.prepare<[], DisplayKeyRow>('SELECT * FROM display_keys ORDER BY created_at_ms DESC, id');
  const getDisplayKeyRow = db.prepare<[string], DisplayKeyRow>('SELECT * FROM display_keys WHERE id = ?');
  const findDisplayKeyRow = db.prepare<[string], DisplayKeyRow>('SELECT * FROM display_keys WHERE key_hash = ?');
  const revokeDisplayKeyRow = db.prepare<[number, string]>('UPDATE display_keys SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL');
  const touchDisplayKeyRow = db.prepare<[number, string]>('UPDATE display_keys SET last_seen_ms = ? WHERE id = ?');
  const insertAudit = db.prepare(
    'INSERT INTO audit_log (at_ms, actor, role, action, detail, address) VALUES (@at_ms, @actor, @role, @action, @detail, @address)',
  );
  const listAuditRows = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');

  return {
    saveSnapshot(record) {
      insertSnapshot.run({
        id: record.id,
        created_at_ms: record.createdAtMs,
        as_of_ms: record.asOfMs,
        label: record.label,
        saved_by: record.savedBy,
        trigger_kind: record.trigger,
        filter_channel: record.filterChannel,
        filter_user: record.filterUser,
        open_chats: record.openChats,
        operators: record.operators,
        oldest_age_seconds: record.oldestAgeSeconds,
        complete: record.complete ? 1 : 0,
        data: record.data,
      });
    },

    listSnapshots(options) {
      const limit = options?.limit;
      // LIMIT -1 is SQLite for "no limit".
      const rows = listSnapshotRows.all(limit === undefined ? -1 : Math.max(0, Math.floor(limit)));
      return rows.map(toSummary);
    },

    getSnapshot(id) {
      const row = getSnapshotRow.get(id);
      return row === undefined ? null : { ...toSummary(row), data: row.data! };
    },

    deleteSnapshot(id) {
      return deleteSnapshotRow.run(id).changes > 0;
    },

    lastScheduledSnapshotAtMs() {
      return lastScheduled.get() ?? null;
    },

    insertHistory(samples) {
      if (samples.length > 0) insertSamples(samples);
    },

    queryHistory(query) {
      const { scope } = query;
      const step = query.stepMs / MINUTE_MS;
      if (!Number.isInteger(step) || step < 1) {
        throw new RangeError(`a history step must be a whole number of minutes, got ${query.stepMs} ms`);
      }
      const params = {
        scope: SCOPE_CODES[scope],
        from: Math.ceil(query.fromMs / MINUTE_MS),
        to: Math.ceil(query.toMs / MINUTE_MS),
        step,
      };
      const scopeId = scope === 'total' ? '' : query.scopeId;
      if (scopeId !== null && scopeId !== undefined) {
        return [{ scope, scopeId, points: stepsOfOne.all({ ...params, scopeId }).map(toPoint) }];
      }
      const series: HistorySeries[] = [];
      let current: HistorySeries | undefined;
      for (const [id, slot, json] of stepsOfEvery.all(params)) {
        if (current?.scopeId !== id) {
          current = { scope, scopeId: id, points: [] };
          series.push(current);
        }
        const [sum, max, oldest, samples] = JSON.parse(json) as [number, number, number | null, number];
        if (samples > 0) current.points.push(toPoint([id, slot, sum, max, oldest, samples]));
      }
      return series;
    },

    pruneHistory(beforeMs) {
      return prune(Math.ceil(beforeMs / MINUTE_MS));
    },

    saveDisplayKey(record) {
      insertDisplayKey.run({
        id: record.id,
        label: record.label,
        key_hash: record.keyHash,
        ip_allowlist: JSON.stringify(record.ipAllowlist),
        created_at_ms: record.createdAtMs,
        created_by: record.createdBy,
        revoked_at_ms: record.revokedAtMs,
        last_seen_ms: record.lastSeenMs,
      });
    },

    listDisplayKeys() {
      return listDisplayKeyRows.all().map(toDisplayKey);
    },

    getDisplayKey(id) {
      const row = getDisplayKeyRow.get(id);
      return row === undefined ? null : toDisplayKey(row);
    },

    findDisplayKeyByHash(keyHash) {
      const row = findDisplayKeyRow.get(keyHash);
      return row === undefined ? null : toDisplayKey(row);
    },

    revokeDisplayKey(id, atMs) {
      return revokeDisplayKeyRow.run(atMs, id).changes > 0;
    },

    touchDisplayKey(id, atMs) {
      touchDisplayKeyRow.run(atMs, id);
    },

    appendAudit(entry) {
      insertAudit.run({
        at_ms: entry.atMs,
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        detail: entry.detail,
        address: entry.address,
      });
    },

    listAudit(options) {
      const limit = options?.limit;
      return listAuditRows.all(limit === undefined ? -1 : Math.max(0, Math.floor(limit))).map((row) => ({
        atMs: row.at_ms,
        actor: row.actor,
        role: row.role,
        action: row.action as AuditEntry['action'],
        detail: row.detail,
        address: row.address,
      }));
    },

    close() {
      if (!db.open) return;
      db.pragma('optimize');
      db.close();
    },
  };
}

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
    openChats: row.open_chats,
    operators: row.operators,
    oldestAgeSeconds: row.oldest_age_seconds,
    complete: row.complete === 1,
  };
}

function toPoint([, slot, sum, max, oldest, samples]: StepRow): HistoryPoint {
  return {
    atMs: slot * MINUTE_MS,
    openChats: Math.round((sum * 10) / samples) / 10,
    openChatsMax: max,
    oldestAgeSeconds: oldest,
    samples,
  };
}
