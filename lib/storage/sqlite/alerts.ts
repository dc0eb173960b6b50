// Alert states, events and the delivery queue in the SQLite file. A claim is an UPDATE of the rows
// it picked, inside one write transaction: two processes on one file never take the same row.
import type { AlertEventRepository, AlertStateRepository, DeliveryRecord, DeliveryRepository } from '../types';
import { toAlertEvent, toDelivery, type DeliveryRow, type EventRow } from '../alert-rows';
import type { SqliteDatabase } from './database';

export function sqliteAlertStates(database: SqliteDatabase): AlertStateRepository {
  const { db } = database;
  const list = db.prepare<[], { key: string; rule_id: string; json: string; updated_at_ms: number }>('SELECT * FROM alert_states ORDER BY key');
  const put = db.prepare('INSERT INTO alert_states (key, rule_id, json, updated_at_ms) VALUES (@key, @ruleId, @json, @updatedAtMs) ON CONFLICT (key) DO UPDATE SET rule_id = excluded.rule_id, json = excluded.json, updated_at_ms = excluded.updated_at_ms');
  const remove = db.prepare<[string]>('DELETE FROM alert_states WHERE key = ?');
  const apply = database.transaction((changes: Parameters<AlertStateRepository['apply']>[0]) => {
    for (const record of changes.put) put.run(record);
    for (const key of changes.remove) remove.run(key);
  });
  return {
    list: () => database.call(() => list.all().map((row) => ({ key: row.key, ruleId: row.rule_id, json: row.json, updatedAtMs: row.updated_at_ms }))),
    apply: (changes) => database.call(() => apply(changes)),
  };
}

export function sqliteAlertEvents(database: SqliteDatabase): AlertEventRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO alert_events (id, rule_id, kind, key, team_id, subject, started_at_ms, fired_at_ms, resolved_at_ms, value, threshold)
     VALUES (@id, @ruleId, @kind, @key, @teamId, @subject, @startedAtMs, @firedAtMs, @resolvedAtMs, @value, @threshold)`,
  );
  const resolve = db.prepare<[number, number, string]>('UPDATE alert_events SET resolved_at_ms = ?, value = ? WHERE id = ? AND resolved_at_ms IS NULL');
  const list = db.prepare<[number, number], EventRow>('SELECT * FROM alert_events WHERE fired_at_ms >= ? ORDER BY fired_at_ms DESC, id LIMIT ?');
  const get = db.prepare<[string], EventRow>('SELECT * FROM alert_events WHERE id = ?');
  const prune = db.prepare<[number]>('DELETE FROM alert_events WHERE fired_at_ms < ? AND resolved_at_ms IS NOT NULL');
  return {
    insert: (record) => database.call(() => void insert.run(record)),
    resolve: (id, atMs, value) => database.call(() => resolve.run(atMs, value, id).changes > 0),
    list: (options) =>
      database.call(() => list.all(options?.sinceMs ?? Number.MIN_SAFE_INTEGER, options?.limit === undefined ? -1 : Math.max(0, Math.floor(options.limit))).map(toAlertEvent)),
    get: (id) =>
      database.call(() => {
        const row = get.get(id);
        return row === undefined ? null : toAlertEvent(row);
      }),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs).changes),
  };
}

export function sqliteDeliveries(database: SqliteDatabase): DeliveryRepository {
  const { db } = database;
  const insert = db.prepare(
    `INSERT INTO alert_deliveries (id, event_id, message, channel, payload, status, attempts, next_at_ms, claimed_until_ms, last_error, created_at_ms, attempted_at_ms)
     VALUES (@id, @eventId, @message, @channel, @payload, @status, @attempts, @nextAtMs, NULL, @lastError, @createdAtMs, @attemptedAtMs)
     ON CONFLICT (event_id, message, channel) DO NOTHING`,
  );
  const due = db.prepare<[number, number, string | null, string | null, number], DeliveryRow>(
    `SELECT * FROM alert_deliveries WHERE status = 'pending' AND next_at_ms <= ? AND (claimed_until_ms IS NULL OR claimed_until_ms <= ?)
       AND (? IS NULL OR channel = ?)
     ORDER BY next_at_ms, id LIMIT ?`,
  );
  const take = db.prepare<[number, string]>('UPDATE alert_deliveries SET claimed_until_ms = ? WHERE id = ?');
  const settle = db.prepare(
    `UPDATE alert_deliveries SET status = @status, attempts = @attempts, next_at_ms = @nextAtMs, last_error = @lastError, attempted_at_ms = @atMs, claimed_until_ms = NULL WHERE id = @id`,
  );
  const prune = db.prepare<[number]>("DELETE FROM alert_deliveries WHERE created_at_ms < ? AND status <> 'pending'");
  const enqueue = database.transaction((records: readonly DeliveryRecord[]) => {
    let added = 0;
    for (const record of records) added += insert.run(record).changes;
    return added;
  });
  const claimRows = database.transaction((nowMs: number, leaseMs: number, limit: number, channel: string | null) => {
    const rows = due.all(nowMs, nowMs, channel, channel, limit);
    for (const row of rows) take.run(nowMs + leaseMs, row.id);
    return rows.map(toDelivery);
  });
  return {
    enqueue: (records) => database.call(() => enqueue(records)),
    // A read first: most looks at the queue find nothing due, and need not take the write lock for that.
    claim: (nowMs, leaseMs, limit, channel) =>
      database.call(() => (due.all(nowMs, nowMs, channel ?? null, channel ?? null, 1).length === 0 ? [] : claimRows(nowMs, leaseMs, limit, channel ?? null))),
    settle: (id, outcome) => database.call(() => void settle.run({ id, ...outcome })),
    listForEvents: (eventIds) =>
      database.call(() => {
        if (eventIds.length === 0) return [];
        const rows = db
          .prepare<string[], DeliveryRow>(`SELECT * FROM alert_deliveries WHERE event_id IN (${eventIds.map(() => '?').join(', ')}) ORDER BY created_at_ms, channel, message`)
          .all(...eventIds);
        return rows.map(toDelivery);
      }),
    prune: (beforeMs) => database.call(() => prune.run(beforeMs).changes),
  };
}
