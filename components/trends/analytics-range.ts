import { zoneOffsetMs } from '@/lib/time/wall-clock';

// The periods of the team analytics, as the team's day runs: "today" starts at midnight in the
// team's time zone (WAMM_TIMEZONE), not the browser's, so a supervisor travelling or a manager in
// another city sees the same numbers as the team. Pure, so the day boundaries are proven on their
// own, across a change of summer time too.

export type AnalyticsPeriod = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'week' } | { kind: 'day'; date: string };

export interface AnalyticsRange {
  fromMs: number;
  toMs: number;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a wall clock in `timeZone` shows `date` 00:00 ("2026-11-28"). */
export function midnightIn(date: string, timeZone: string): number {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // The offset at the guess, then at the corrected instant: right on both sides of a change.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(guess, timeZone);
}

/** "2026-11-28": the date a clock in `timeZone` shows at `epochMs`. */
export function dateIn(epochMs: number, timeZone: string): string {
  return new Date(epochMs + zoneOffsetMs(epochMs, timeZone)).toISOString().slice(0, 10);
}

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * From and to of a period at `nowMs`. A period that has not ended yet stops at now (to the next
 * whole minute), so its minutes are the ones that could have been recorded.
 */
export function analyticsRange(period: AnalyticsPeriod, nowMs: number, timeZone: string): AnalyticsRange {
  const today = dateIn(nowMs, timeZone);
  const upToNow = Math.ceil(nowMs / 60_000) * 60_000;
  const day = (date: string): AnalyticsRange => {
    const fromMs = midnightIn(date, timeZone);
    return { fromMs, toMs: Math.min(midnightIn(addDays(date, 1), timeZone), upToNow) };
  };
  switch (period.kind) {
    case 'today':
      return day(today);
    case 'yesterday':
      return day(addDays(today, -1));
    case 'week':
      // Today and the six days before it.
      return { fromMs: midnightIn(addDays(today, -6), timeZone), toMs: upToNow };
    case 'day':
      return day(period.date);
  }
}

/** A key that changes when the period does, not with every minute that passes. */
export function periodKey(period: AnalyticsPeriod): string {
  return period.kind === 'day' ? `day:${period.date}` : period.kind;
}
