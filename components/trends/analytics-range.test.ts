import { describe, expect, it } from 'vitest';
import { addDays, analyticsRange, dateIn, midnightIn } from './analytics-range';

const iso = (ms: number) => new Date(ms).toISOString();

describe('the periods of the team analytics', () => {
  it('start "today" at midnight of the team’s time zone, not the browser’s, and stop at the next whole minute', () => {
    // 01:30 in Moscow is still the evening before in UTC.
    const now = Date.parse('2026-11-27T22:30:20Z');
    expect(dateIn(now, 'Europe/Moscow')).toBe('2026-11-28');
    const today = analyticsRange({ kind: 'today' }, now, 'Europe/Moscow');
    expect(iso(today.fromMs)).toBe('2026-11-27T21:00:00.000Z');
    expect(iso(today.toMs)).toBe('2026-11-27T22:31:00.000Z');
  });

  it('give yesterday and a chosen day whole, and the last 7 days as today and the six before', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    const yesterday = analyticsRange({ kind: 'yesterday' }, now, 'Europe/Moscow');
    expect([iso(yesterday.fromMs), iso(yesterday.toMs)]).toEqual(['2026-11-26T21:00:00.000Z', '2026-11-27T21:00:00.000Z']);
    const week = analyticsRange({ kind: 'week' }, now, 'Europe/Moscow');
    expect([iso(week.fromMs), iso(week.toMs)]).toEqual(['2026-11-21T21:00:00.000Z', '2026-11-28T12:00:00.000Z']);
    const day = analyticsRange({ kind: 'day', date: '2026-11-03' }, now, 'Asia/Yekaterinburg');
    expect([iso(day.fromMs), iso(day.toMs)]).toEqual(['2026-11-02T19:00:00.000Z', '2026-11-03T19:00:00.000Z']);
  });

  it('keeps a day whole across a change of summer time (23 and 25 hours)', () => {
    const spring = midnightIn(addDays('2026-03-29', 1), 'Europe/Berlin') - midnightIn('2026-03-29', 'Europe/Berlin');
    const autumn = midnightIn(addDays('2026-10-25', 1), 'Europe/Berlin') - midnightIn('2026-10-25', 'Europe/Berlin');
    expect([spring / 3_600_000, autumn / 3_600_000]).toEqual([23, 25]);
    expect(iso(midnightIn('2026-10-25', 'Europe/Berlin'))).toBe('2026-10-24T22:00:00.000Z');
  });
});
