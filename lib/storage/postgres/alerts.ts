// Alert states, events and the delivery queue in PostgreSQL. A claim locks the rows it picks with
// FOR UPDATE SKIP LOCKED and stamps a lease on them in the same statement: servers sharing the
// database never hand one delivery to two of them.
import type { AlertEventRecord, AlertEventRepository, AlertStateRepository, DeliveryRecord, DeliveryRepository } from '../types';
import type { PostgresDatabase } from './database';
import { toAlertEvent, toDelivery, type DeliveryRow, type EventRow } from '../alert-rows';

export function postgresAlertStates(database: PostgresDatabase): AlertStateRepository {
  return {
    list: () =>
      database.call(async (db) => {
        const rows = await db.query<{ key: string; rule_id: string; json: string; updated_at_ms: number }>('SELECT * FROM alert_states ORDER BY key');
        return rows.rows.map((row) => ({ key: row.key, ruleId: row.rule_id, json: row.json, updatedAtMs: row.updated_at_ms }));
      }),
    apply: (changes) =>
      database.transaction(async (db) => {
        for (const record of changes.put) {
          await db.query(
            `INSERT INTO alert_states (key, rule_id, json, updated_at_ms) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO UPDATE SET rule_id = excluded.rule_id, json = excluded.json, updated_at_ms = excluded.updated_at_ms`,
            [record.key, record.ruleId, record.json, record.updatedAtMs],
          );
        }
        if (changes.remove.length > 0) await db.query('DELETE FROM alert_states WHERE key = ANY($1)', [changes.remove]);
      }),
  };
}

export function postgresAlertEvents(database: PostgresDatabase): AlertEventRepository {
  return {
    insert: (record: AlertEventRecord) =>
      database.call(async (db) => {
        await db.query(
          `INSERT INTO alert_events (id, rule_id, kind, key, team_id, subject, started_at_ms, fired_at_ms, resolved_at_ms, value, threshold)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [record.id, record.ruleId, record.kind, record.key, record.teamId, record.subject, record.startedAtMs, record.firedAtMs, record.resolvedAtMs, record.value, record.threshold],
        );
      }),
    resolve: (id, atMs, value) =>
      database.call(async (db) => ((await db.query('UPDATE alert_events SET resolved_at_ms = $1, value = $2 WHERE id = $3 AND resolved_at_ms IS NULL', [atMs, value, id])).rowCount ?? 0) > 0),
    list: (options) =>
      database.call(async (db) => {
        const limit = options?.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
        const rows = await db.query<EventRow>('SELECT * FROM alert_events WHERE fired_at_ms >= $1 ORDER BY fired_at_ms DESC, id LIMIT $2', [options?.sinceMs ?? Number.MIN_SAFE_INTEGER, limit]);
        return rows.rows.map(toAlertEvent);
      }),
    get: (id) =>
      database.call(async (db) => {
        const row = (await db.query<EventRow>('SELECT * FROM alert_events WHERE id = $1', [id])).rows[0];
        return row === undefined ? null : toAlertEvent(row);
      }),
    prune: (beforeMs) => database.call(async (db) => (await db.query('DELETE FROM alert_events WHERE fired_at_ms < $1 AND resolved_at_ms IS NOT NULL', [beforeMs])).rowCount ?? 0),
  };
}

export function postgresDeliveries(database: PostgresDatabase): DeliveryRepository {
  return {
    enqueue: (records: readonly DeliveryRecord[]) =>
      database.transaction(async (db) => {
        let added = 0;
        for (const r of records) {
          const result = await db.query(
            `INSERT INTO alert_deliveries (id, event_id, message, channel, payload, status, attempts, next_at_ms, claimed_until_ms, last_error, created_at_ms, attempted_at_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11) ON CONFLICT (event_id, message, channel) DO NOTHING`,
            [r.id, r.eventId, r.message, r.channel, r.payload, r.status, r.attempts, r.nextAtMs, r.lastError, r.createdAtMs, r.attemptedAtMs],
          );
          added += result.rowCount ?? 0;
        }
        return added;
      }),
    claim: (nowMs, leaseMs, limit, channel) =>
      database.call(async (db) => {
        const rows = await db.query<DeliveryRow>(
          `UPDATE alert_deliveries SET claimed_until_ms = $2
           WHERE id IN (
             SELECT id FROM alert_deliveries
             WHERE status = 'pending' AND next_at_ms <= $1 AND (claimed_until_ms IS NULL OR claimed_until_ms <= $1)
               AND ($4::text IS NULL OR channel = $4)
             ORDER BY next_at_ms, id LIMIT $3 FOR UPDATE SKIP LOCKED)
           RETURNING *`,
          [nowMs, nowMs + leaseMs, limit, channel ?? null],
        );
        return rows.rows.map(toDelivery).sort((a, b) => a.nextAtMs - b.nextAtMs || (a.id < b.id ? -1 : 1));
      }),
    settle: (id, outcome) =>
      database.call(async (db) => {
        await db.query(
          'UPDATE alert_deliveries SET status = $2, attempts = $3, next_at_ms = $4, last_error = $5, attempted_at_ms = $6, claimed_until_ms = NULL WHERE id = $1',
          [id, outcome.status, outcome.attempts, outcome.nextAtMs, outcome.lastError, outcome.atMs],
        );
      }),
    listForEvents: (eventIds) =>
      database.call(async (db) => {
        if (eventIds.length === 0) return [];
        const rows = await db.query<DeliveryRow>('SELECT * FROM alert_deliveries WHERE event_id = ANY($1) ORDER BY created_at_ms, channel, message', [eventIds]);
        return rows.rows.map(toDelivery);
      }),
    prune: (beforeMs) => database.call(async (db) => (await db.query("DELETE FROM alert_deliveries WHERE created_at_ms < $1 AND status <> 'pending'", [beforeMs])).rowCount ?? 0),
  };
}
