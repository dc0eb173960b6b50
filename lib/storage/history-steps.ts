// The arithmetic of minute history that both backends share: how a sample becomes a stored minute,
// which stored rows answer a trend query, and how those rows fold into the trend's steps. Keeping
// it here is what makes SQLite and PostgreSQL give the same numbers to the decimal.
import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import type { HistoryPoint, HistoryQuery, HistorySample, HistoryScope, HistorySeries } from './types';

export const MINUTE_MS = 60_000;

/** Stored as a small integer, so a new scope needs no migration. Never renumber: the codes are in the files. */
export const SCOPE_CODES: Record<HistoryScope, number> = { total: 0, operator: 1, channel: 2, team: 3, team_capacity: 4, team_critical: 5 };

/**
 * Widths (minutes) of the pre-added slots kept beside the minutes, widest first. A 24 h trend
 * (5-minute steps) and a 7 d trend (30-minute steps) of every operator then read a few thousand
 * slot rows instead of every minute. Each divides a day, like the trend steps in lib/history/query.
 */
export const ROLLUP_WIDTHS = [30, 5] as const;

/** One stored minute; `at` in minutes since the epoch. */
export interface MinuteRow {
  scope: number;
  scopeId: string;
  at: number;
  open: number;
  oldest: number | null;
  /** AGE_BUCKET_COUNT counts. */
  buckets: number[];
}

/** Sum, max, max oldest and count over some minutes of one id: a minute, a rollup slot or a step. */
export interface SlotRow {
  scopeId: string;
  /** First minute of the slot. */
  slot: number;
  openSum: number;
  openMax: number;
  oldestMax: number | null;
  samples: number;
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`a history sample's ${what} must be a whole number ≥ 0, got ${value}`);
  return value;
}

/**
 * Checks a tick and puts it in stored form. A second sample for the same id and minute in one tick
 * is dropped, as one for a minute stored earlier is by the database: the first one written stays.
 */
export function minuteRows(samples: readonly HistorySample[]): MinuteRow[] {
  const rows: MinuteRow[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    const scope = SCOPE_CODES[sample.scope];
    if (scope === undefined) throw new RangeError(`unknown history scope ${String(sample.scope)}`);
    if (sample.buckets.length !== AGE_BUCKET_COUNT) {
      throw new RangeError(`a history sample needs ${AGE_BUCKET_COUNT} bucket counts, got ${sample.buckets.length}`);
    }
    if (!Number.isFinite(sample.atMs)) throw new RangeError(`a history sample needs a time, got ${sample.atMs}`);
    const scopeId = sample.scope === 'total' ? '' : sample.scopeId;
    const at = Math.floor(sample.atMs / MINUTE_MS);
    const key = `${scope}\u0000${scopeId}\u0000${at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      scope,
      scopeId,
      at,
      open: count(sample.openChats, 'open chats'),
      oldest: sample.oldestAgeSeconds === null ? null : count(sample.oldestAgeSeconds, 'oldest age'),
      buckets: sample.buckets.map((bucket) => count(bucket, 'bucket count')),
    });
  }
  return rows;
}

/** Which stored rows answer a query: whole rollup slots in the middle, single minutes at the edges. */
export interface QueryPlan {
  scope: number;
  /** null: every id of the scope. */
  scopeId: string | null;
  /** Minutes since the epoch: [from, to). */
  from: number;
  to: number;
  step: number;
  /** Read slots of this width over [rollupFrom, rollupTo); null when no width fits the step. */
  rollup: { width: number; from: number; to: number } | null;
  /** Read single minutes over these ranges (none, one or two). */
  minutes: Array<{ from: number; to: number }>;
}

export function planQuery(query: HistoryQuery): QueryPlan {
  const step = query.stepMs / MINUTE_MS;
  if (!Number.isInteger(step) || step < 1) {
    throw new RangeError(`a history step must be a whole number of minutes, got ${query.stepMs} ms`);
  }
  // A sample stored at minute m was taken in [m, m + 1) minutes: it is in [fromMs, toMs) when
  // fromMs <= m·60 000 < toMs.
  const from = Math.ceil(query.fromMs / MINUTE_MS);
  const to = Math.max(from, Math.ceil(query.toMs / MINUTE_MS));
  const scopeId = query.scope === 'total' ? '' : (query.scopeId ?? null);
  const plan: QueryPlan = { scope: SCOPE_CODES[query.scope], scopeId, from, to, step, rollup: null, minutes: [] };
  // Steps start at multiples of the step, so a width dividing the step never straddles two steps.
  const width = ROLLUP_WIDTHS.find((w) => step % w === 0);
  const wholeFrom = width === undefined ? to : Math.ceil(from / width) * width;
  const wholeTo = width === undefined ? to : Math.floor(to / width) * width;
  if (width === undefined || wholeFrom >= wholeTo) {
    if (from < to) plan.minutes.push({ from, to });
    return plan;
  }
  plan.rollup = { width, from: wholeFrom, to: wholeTo };
  if (from < wholeFrom) plan.minutes.push({ from, to: wholeFrom });
  if (wholeTo < to) plan.minutes.push({ from: wholeTo, to });
  return plan;
}

/**
 * Folds rows (any order, minutes and slots mixed) into the plan's steps: one series per id sorted
 * by id (UTF-16 order, the same whatever the database's collation), points oldest first. With one
 * id asked for, exactly that series, maybe empty.
 */
export function foldSteps(plan: QueryPlan, scope: HistoryScope, rows: Iterable<SlotRow>): HistorySeries[] {
  const byId = new Map<string, Map<number, SlotRow>>();
  if (plan.scopeId !== null) byId.set(plan.scopeId, new Map());
  for (const row of rows) {
    let steps = byId.get(row.scopeId);
    if (steps === undefined) {
      steps = new Map();
      byId.set(row.scopeId, steps);
    }
    const start = row.slot - (row.slot % plan.step);
    const acc = steps.get(start);
    if (acc === undefined) {
      steps.set(start, { ...row, slot: start });
      continue;
    }
    acc.openSum += row.openSum;
    acc.openMax = Math.max(acc.openMax, row.openMax);
    if (row.oldestMax !== null && (acc.oldestMax === null || row.oldestMax > acc.oldestMax)) acc.oldestMax = row.oldestMax;
    acc.samples += row.samples;
  }
  const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((scopeId) => ({
    scope,
    scopeId,
    points: [...byId.get(scopeId)!.values()].sort((a, b) => a.slot - b.slot).map(toPoint),
  }));
}

function toPoint(row: SlotRow): HistoryPoint {
  return {
    atMs: row.slot * MINUTE_MS,
    openChats: Math.round((row.openSum * 10) / row.samples) / 10,
    openChatsMax: row.openMax,
    oldestAgeSeconds: row.oldestMax,
    samples: row.samples,
  };
}
