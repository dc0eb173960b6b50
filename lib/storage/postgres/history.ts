// Minute history in PostgreSQL: the same tables as the SQLite file (minutes, their 5- and 30-minute
// sums, the id list), a tick written in one statement whose data-modifying CTEs add to the sums
// exactly the minutes that were new.
import { MINUTE_MS, ROLLUP_WIDTHS, foldSteps, minuteRows, planQuery, type SlotRow } from '../history-steps';
import type { HistoryRepository } from '../types';
import type { PostgresDatabase, Queryable } from './database';

const PRUNE_TIMEOUT = '10min';

const WIDTHS = `(VALUES ${ROLLUP_WIDTHS.map((width) => `(${width})`).join(', ')}) AS w (width)`;

// ON CONFLICT DO NOTHING: a minute written once stays (a clock stepping back rewrites nothing), and
// RETURNING hands only the new minutes to the sums. The sums are grouped before the upsert: one
// statement may not update a row twice, and a tick may bring several minutes of one slot.
const INSERT_TICK = `
  WITH input AS (
    SELECT * FROM unnest($1::smallint[], $2::text[], $3::integer[], $4::integer[], $5::integer[],
                         $6::integer[], $7::integer[], $8::integer[], $9::integer[], $10::integer[], $11::integer[])
      AS t (scope, scope_id, at, open, oldest, b0, b1, b2, b3, b4, b5)
  ), inserted AS (
    INSERT INTO history (scope, scope_id, at, open, oldest, b0, b1, b2, b3, b4, b5)
    SELECT * FROM input
    ON CONFLICT (scope, scope_id, at) DO NOTHING
    RETURNING scope, scope_id, at, open, oldest
  ), ids AS (
    INSERT INTO history_ids (scope, scope_id, first_at, last_at)
    SELECT scope, scope_id, min(at), max(at) FROM inserted GROUP BY scope, scope_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET
      first_at = least(history_ids.first_at, excluded.first_at), last_at = greatest(history_ids.last_at, excluded.last_at)
  ), sums AS (
    INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
    SELECT w.width, i.scope, i.scope_id, i.at - i.at % w.width, sum(i.open), max(i.open), max(i.oldest), count(*)
    FROM inserted AS i CROSS JOIN ${WIDTHS}
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (width, scope, scope_id, slot) DO UPDATE SET
      open_sum = history_rollup.open_sum + excluded.open_sum,
      open_max = greatest(history_rollup.open_max, excluded.open_max),
      oldest_max = greatest(history_rollup.oldest_max, excluded.oldest_max),
      samples = history_rollup.samples + excluded.samples
  )
  SELECT count(*) AS inserted FROM inserted`;

// Every read names its columns alike, so minutes and slots fold the same way.
const SLOTS_OF_ONE = `
  SELECT scope_id, slot, open_sum, open_max, oldest_max, samples FROM history_rollup
  WHERE width = $1 AND scope = $2 AND scope_id = $3 AND slot >= $4 AND slot < $5`;
const MINUTES_OF_ONE = `
  SELECT scope_id, at AS slot, open AS open_sum, open AS open_max, oldest AS oldest_max, 1 AS samples FROM history
  WHERE scope = $1 AND scope_id = $2 AND at >= $3 AND at < $4`;
// Every id's slots of a range straight from history_rollup_by_slot: PostgreSQL will not walk the
// id list into the primary key the way SQLite does, and a seq scan of all sums would cost more.
const SLOTS_OF_EVERY = `
  SELECT scope_id, slot, open_sum, open_max, oldest_max, samples FROM history_rollup
  WHERE width = $1 AND scope = $2 AND slot >= $3 AND slot < $4`;
// Minutes: the id list outside, one primary-key range per id inside, as in the SQLite file.
const MINUTES_OF_EVERY = `
  SELECT h.scope_id, h.at AS slot, h.open AS open_sum, h.open AS open_max, h.oldest AS oldest_max, 1 AS samples
  FROM history_ids AS i CROSS JOIN LATERAL (
    SELECT * FROM history AS h WHERE h.scope = i.scope AND h.scope_id = i.scope_id AND h.at >= $2 AND h.at < $3
  ) AS h
  WHERE i.scope = $1 AND i.first_at < $3 AND i.last_at >= $2`;

/**
 * A read's rows as one JSON value of six arrays. Every operator over a day is some 17,000 rows;
 * the driver parses row by row, field by field, and that took longer than the query itself.
 * JSON.parse of a few arrays costs next to nothing.
 */
function asColumns(select: string): string {
  return `SELECT json_build_array(array_agg(scope_id), array_agg(slot), array_agg(open_sum), array_agg(open_max),
                                  array_agg(oldest_max), array_agg(samples))::text AS columns
          FROM (${select}) AS t`;
}

/** Slots added up into steps wider than them in the database (30 days of every operator: a quarter of the rows). */
function inSteps(select: string, step: number, width: number): string {
  if (step === width) return select;
  // `step` is a whole number checked by planQuery, so writing it into the SQL is safe.
  return `SELECT scope_id, slot - slot % ${step} AS slot, sum(open_sum) AS open_sum, max(open_max) AS open_max,
                 max(oldest_max) AS oldest_max, sum(samples) AS samples
          FROM (${select}) AS s GROUP BY 1, 2`;
}

// Minutes before the cut go id by id (the key starts with the id), and so do the slots that start
// before it; the slot the cut falls in is then added up again from the minutes left (replacing the
// row of an id whose minutes all lie after the cut with the same numbers), so no sum counts a
// minute that is gone.
const PRUNE = `
  WITH pruned AS (
    SELECT scope, scope_id FROM history_ids WHERE first_at < $1
  ), gone AS (
    DELETE FROM history AS h USING pruned AS p
    WHERE h.scope = p.scope AND h.scope_id = p.scope_id AND h.at < $1
    RETURNING 1
  ), slots_gone AS (
    DELETE FROM history_rollup AS r USING pruned AS p
    WHERE r.scope = p.scope AND r.scope_id = p.scope_id AND r.slot < $1
  ), forgotten AS (
    DELETE FROM history_ids WHERE last_at < $1
  ), moved AS (
    UPDATE history_ids SET first_at = $1 WHERE first_at < $1 AND last_at >= $1
  )
  SELECT count(*) AS deleted FROM gone`;
const REFILL_CUT_SLOTS = `
  INSERT INTO history_rollup (width, scope, scope_id, slot, open_sum, open_max, oldest_max, samples)
  SELECT w.width, h.scope, h.scope_id, h.at - h.at % w.width, sum(h.open), max(h.open), max(h.oldest), count(*)
  FROM ${WIDTHS}
    CROSS JOIN history_ids AS i
    CROSS JOIN LATERAL (
      SELECT * FROM history AS h
      WHERE h.scope = i.scope AND h.scope_id = i.scope_id AND h.at >= $1 AND h.at < $1 - $1 % w.width + w.width
    ) AS h
  WHERE $1 % w.width <> 0 AND i.last_at >= $1 AND i.first_at < $1 - $1 % w.width + w.width
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (width, scope, scope_id, slot) DO UPDATE SET
    open_sum = excluded.open_sum, open_max = excluded.open_max, oldest_max = excluded.oldest_max, samples = excluded.samples`;

type Columns = [string[] | null, number[] | null, number[] | null, number[] | null, Array<number | null> | null, number[] | null];

async function slotsOf(db: Queryable, select: string, values: unknown[]): Promise<SlotRow[]> {
  const result = await db.query<{ columns: string }>(asColumns(select), values);
  const [ids, slots, sums, maxes, oldest, samples] = JSON.parse(result.rows[0]!.columns) as Columns;
  if (ids === null) return [];
  return ids.map((scopeId, i) => ({ scopeId, slot: slots![i]!, openSum: sums![i]!, openMax: maxes![i]!, oldestMax: oldest![i]!, samples: samples![i]! }));
}

export function postgresHistory(database: PostgresDatabase): HistoryRepository {
  return {
    async insert(samples) {
      const rows = minuteRows(samples);
      if (rows.length === 0) return;
      const column = (pick: (row: (typeof rows)[number]) => unknown) => rows.map(pick);
      const values = [
        column((r) => r.scope),
        column((r) => r.scopeId),
        column((r) => r.at),
        column((r) => r.open),
        column((r) => r.oldest),
        ...[0, 1, 2, 3, 4, 5].map((i) => column((r) => r.buckets[i])),
      ];
      await database.call((db) => db.query(INSERT_TICK, values));
    },

    async query(query) {
      const plan = planQuery(query);
      const rows = await database.call(async (db) => {
        const { scope, scopeId, rollup } = plan;
        const reads: Array<Promise<SlotRow[]>> = [];
        if (rollup !== null) {
          reads.push(
            scopeId === null
              ? slotsOf(db, inSteps(SLOTS_OF_EVERY, plan.step, rollup.width), [rollup.width, scope, rollup.from, rollup.to])
              : slotsOf(db, inSteps(SLOTS_OF_ONE, plan.step, rollup.width), [rollup.width, scope, scopeId, rollup.from, rollup.to]),
          );
        }
        for (const { from, to } of plan.minutes) {
          reads.push(scopeId === null ? slotsOf(db, MINUTES_OF_EVERY, [scope, from, to]) : slotsOf(db, MINUTES_OF_ONE, [scope, scopeId, from, to]));
        }
        return (await Promise.all(reads)).flat();
      });
      return foldSteps(plan, query.scope, rows);
    },

    async lastSampleAtMs() {
      const result = await database.call((db) => db.query<{ last: number | null }>('SELECT max(last_at) AS last FROM history_ids'));
      const minute = result.rows[0]?.last ?? null;
      return minute === null ? null : minute * MINUTE_MS;
    },

    async prune(beforeMs) {
      const before = Math.ceil(beforeMs / MINUTE_MS);
      return database.transaction(async (db) => {
        // A first prune after the retention was shortened may delete millions of rows; it holds no
        // lock the recorder needs (new minutes are other rows), so it may take its time.
        await db.query(`SET LOCAL statement_timeout = '${PRUNE_TIMEOUT}'`);
        const result = await db.query<{ deleted: number }>(PRUNE, [before]);
        await db.query(REFILL_CUT_SLOTS, [before]);
        return result.rows[0]!.deleted;
      });
    },
  };
}
