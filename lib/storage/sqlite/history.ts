// Minute history in the SQLite file: minutes keyed scope → id → minute, their 5- and 30-minute
// sums kept up to date in the same transaction, and history_ids so that "every operator" walks a
// short list of ids into key ranges instead of scanning a whole scope.
import { MINUTE_MS, ROLLUP_WIDTHS, foldSteps, minuteRows, planQuery, type MinuteRow, type SlotRow } from '../history-steps';
import type { HistoryRepository } from '../types';
import type { SqliteDatabase } from './database';

/** scope_id, first minute, sum, max, oldest max, samples */
type RawSlot = [string, number, number, number, number | null, number];

interface Range {
  scope: number;
  from: number;
  to: number;
}

function toSlot([scopeId, slot, openSum, openMax, oldestMax, samples]: RawSlot): SlotRow {
  return { scopeId, slot, openSum, openMax, oldestMax, samples };
}

export function sqliteHistory(database: SqliteDatabase): HistoryRepository {
  const { db } = database;

  // ON CONFLICT DO NOTHING rather than OR IGNORE: only "this minute is stored already" is skipped;
  // a NOT NULL or CHECK failure still fails the tick.
  const insertMinute = db.prepare<[number, string, number, number, number | null, number, number, number, number, number, number]>(
    `INSERT INTO history (scope, scope_id, at, open, oldest, b0, b1, b2, b3, b4, b5)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scope, scope_id, at) DO NOTHING`,
  );
  // SQLite's two-argument max() is null when either is; the coalesce keeps the one that is not.
  const addToSlot = db.prepare<[number, number, string, number, number, number, number | null]>(
    `INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (width, scope, scope_id, slot) DO UPDATE SET
       open_sum = open_sum + excluded.open_sum,
       open_max = max(open_max, excluded.open_max),
       oldest_max = coalesce(max(oldest_max, excluded.oldest_max), oldest_max, excluded.oldest_max),
       samples = samples + 1`,
  );
  const upsertId = db.prepare<[number, string, number, number]>(
    `INSERT INTO history_ids (scope, scope_id, first_at, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, scope_id) DO UPDATE SET
       first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)`,
  );
  const insertTick = database.transaction((rows: readonly MinuteRow[]) => {
    for (const row of rows) {
      const b = row.buckets;
      const inserted = insertMinute.run(row.scope, row.scopeId, row.at, row.open, row.oldest, b[0]!, b[1]!, b[2]!, b[3]!, b[4]!, b[5]!);
      if (inserted.changes === 0) continue;
      for (const width of ROLLUP_WIDTHS) addToSlot.run(width, row.scope, row.scopeId, row.at - (row.at % width), row.open, row.open, row.oldest);
      upsertId.run(row.scope, row.scopeId, row.at, row.at);
    }
  });

  const slotsOfOne = db
    .prepare<{ width: number; scope: number; scopeId: string; from: number; to: number }, RawSlot>(
      `SELECT scope_id, slot, open_sum, open_max, oldest_max, samples FROM history_rollup
       WHERE width = :width AND scope = :scope AND scope_id = :scopeId AND slot >= :from AND slot < :to`,
    )
    .raw();
  const minutesOfOne = db
    .prepare<{ scope: number; scopeId: string; from: number; to: number }, RawSlot>(
      `SELECT scope_id, at, open, open, oldest, 1 FROM history
       WHERE scope = :scope AND scope_id = :scopeId AND at >= :from AND at < :to`,
    )
    .raw();
  // CROSS JOIN makes SQLite walk the short id list outside and read one key range per id inside.
  const slotsOfEvery = db
    .prepare<{ width: number } & Range, RawSlot>(
      `SELECT r.scope_id, r.slot, r.open_sum, r.open_max, r.oldest_max, r.samples
       FROM history_ids AS i CROSS JOIN history_rollup AS r
         ON r.width = :width AND r.scope = i.scope AND r.scope_id = i.scope_id AND r.slot >= :from AND r.slot < :to
       WHERE i.scope = :scope AND i.first_at < :to AND i.last_at >= :from`,
    )
    .raw();
  const minutesOfEvery = db
    .prepare<Range, RawSlot>(
      `SELECT h.scope_id, h.at, h.open, h.open, h.oldest, 1
       FROM history_ids AS i CROSS JOIN history AS h
         ON h.scope = i.scope AND h.scope_id = i.scope_id AND h.at >= :from AND h.at < :to
       WHERE i.scope = :scope AND i.first_at < :to AND i.last_at >= :from`,
    )
    .raw();

  const newestMinute = db.prepare<[], number | null>('SELECT max(last_at) FROM history_ids').pluck();

  const idsToPrune = db.prepare<[number], { scope: number; scope_id: string }>('SELECT scope, scope_id FROM history_ids WHERE first_at < ?');
  const deleteMinutesBefore = db.prepare<[number, string, number]>('DELETE FROM history WHERE scope = ? AND scope_id = ? AND at < ?');
  const deleteSlotsBefore = db.prepare<[number, number, string, number]>(
    'DELETE FROM history_rollup WHERE width = ? AND scope = ? AND scope_id = ? AND slot < ?',
  );
  const refillSlot = db.prepare<{ width: number; scope: number; scopeId: string; slot: number }>(
    `INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
     SELECT :width, :scope, :scopeId, :slot, sum(open), max(open), max(oldest), count(*) FROM history
     WHERE scope = :scope AND scope_id = :scopeId AND at >= :slot AND at < :slot + :width
     HAVING count(*) > 0`,
  );
  const forgetIdsBefore = db.prepare<[number]>('DELETE FROM history_ids WHERE last_at < ?');
  const moveFirstAt = db.prepare<[number, number]>('UPDATE history_ids SET first_at = ? WHERE first_at < ?');
  // One id per transaction: a first prune after the retention was shortened may delete millions of
  // rows, and the process must keep answering meanwhile (each id is some 15 ms for a month).
  const pruneId = database.transaction((scope: number, scopeId: string, before: number) => {
    const deleted = deleteMinutesBefore.run(scope, scopeId, before).changes;
    for (const width of ROLLUP_WIDTHS) {
      // The slot `before` falls in loses only some of its minutes: it is added up again from
      // those left, so a sum never counts a minute that is gone.
      const cut = before - (before % width);
      deleteSlotsBefore.run(width, scope, scopeId, cut < before ? cut + width : cut);
      if (cut < before) refillSlot.run({ width, scope, scopeId, slot: cut });
    }
    return deleted;
  });
  const forgetBefore = database.transaction((before: number) => {
    forgetIdsBefore.run(before);
    moveFirstAt.run(before, before);
  });

  return {
    async insert(samples) {
      const rows = minuteRows(samples);
      if (rows.length > 0) await database.call(() => insertTick(rows));
    },

    async query(query) {
      const plan = planQuery(query);
      const rows = await database.call(() => {
        const { scope, scopeId, rollup } = plan;
        const parts: RawSlot[][] = [];
        if (rollup !== null) {
          const range = { width: rollup.width, scope, from: rollup.from, to: rollup.to };
          parts.push(scopeId === null ? slotsOfEvery.all(range) : slotsOfOne.all({ ...range, scopeId }));
        }
        for (const { from, to } of plan.minutes) {
          parts.push(scopeId === null ? minutesOfEvery.all({ scope, from, to }) : minutesOfOne.all({ scope, scopeId, from, to }));
        }
        return parts.flat();
      });
      return foldSteps(plan, query.scope, rows.map(toSlot));
    },

    async lastSampleAtMs() {
      const minute = await database.call(() => newestMinute.get() ?? null);
      return minute === null ? null : minute * MINUTE_MS;
    },

    async prune(beforeMs) {
      const before = Math.ceil(beforeMs / MINUTE_MS);
      let deleted = 0;
      for (const { scope, scope_id: scopeId } of await database.call(() => idsToPrune.all(before))) {
        deleted += await database.call(() => pruneId(scope, scopeId, before));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await database.call(() => forgetBefore(before));
      return deleted;
    },
  };
}
