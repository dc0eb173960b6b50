import { describe, expect, it } from 'vitest';
import { nextScheduledAt } from './schedule';

const at = (iso: string) => Date.parse(iso);
const minutes = (...times: string[]) => times.map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));

describe('scheduled snapshots', () => {
  it('fall on the shift handovers of the team’s own clock', () => {
    const schedule = { atMinutes: minutes('00:00', '08:00', '16:00'), everyMs: null, timezone: 'Europe/Moscow' };
    // 12:30 in Moscow (UTC+3) → 16:00 Moscow = 13:00 UTC.
    expect(nextScheduledAt(at('2026-11-28T09:30:00Z'), schedule)).toBe(at('2026-11-28T13:00:00Z'));
    // Exactly on a handover: the next one, never the same twice.
    expect(nextScheduledAt(at('2026-11-28T13:00:00Z'), schedule)).toBe(at('2026-11-28T21:00:00Z'));
    // 23:30 Moscow → midnight Moscow, the next day.
    expect(nextScheduledAt(at('2026-11-28T20:30:00Z'), schedule)).toBe(at('2026-11-28T21:00:00Z'));
  });

  it('keep to the wall clock across a daylight-saving change', () => {
    const schedule = { atMinutes: minutes('08:00'), everyMs: null, timezone: 'Europe/Berlin' };
    // Berlin moves to summer time on 29 March 2026: 08:00 is 07:00 UTC before, 06:00 UTC after.
    expect(nextScheduledAt(at('2026-03-28T08:00:00Z'), schedule)).toBe(at('2026-03-29T06:00:00Z'));
    expect(nextScheduledAt(at('2026-03-27T12:00:00Z'), schedule)).toBe(at('2026-03-28T07:00:00Z'));
  });

  it('run every so often on round multiples, and take whichever comes first', () => {
    expect(nextScheduledAt(at('2026-11-28T09:31:10Z'), { atMinutes: [], everyMs: 30 * 60_000, timezone: 'UTC' })).toBe(at('2026-11-28T10:00:00Z'));
    const both = { atMinutes: minutes('09:45'), everyMs: 30 * 60_000, timezone: 'UTC' };
    expect(nextScheduledAt(at('2026-11-28T09:31:10Z'), both)).toBe(at('2026-11-28T09:45:00Z'));
    expect(nextScheduledAt(at('2026-11-28T09:50:00Z'), both)).toBe(at('2026-11-28T10:00:00Z'));
  });

  it('are off when nothing is configured', () => {
    expect(nextScheduledAt(Date.now(), { atMinutes: [], everyMs: null, timezone: 'UTC' })).toBeNull();
  });
});
