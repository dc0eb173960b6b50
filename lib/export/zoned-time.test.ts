import { describe, expect, it } from 'vitest';
import { isoInZone, wallClockDate } from './zoned-time';

describe('isoInZone', () => {
  it('writes the wall clock with the offset in force at that instant', () => {
    // Berlin springs forward at 01:00 UTC on 2026-03-29 and falls back at 01:00 UTC on 2026-10-25.
    expect(isoInZone(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Berlin')).toBe('2026-03-29T01:59:59+01:00');
    expect(isoInZone(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
    expect(isoInZone(Date.UTC(2026, 9, 25, 0, 30, 0), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(isoInZone(Date.UTC(2026, 9, 25, 1, 30, 0), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
    // No DST in Moscow; a half-hour zone; west of Greenwich; UTC itself.
    expect(isoInZone(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Moscow')).toBe('2026-03-29T04:00:00+03:00');
    expect(isoInZone(Date.UTC(2026, 6, 1, 12, 0, 0), 'Asia/Kolkata')).toBe('2026-07-01T17:30:00+05:30');
    expect(isoInZone(Date.UTC(2026, 0, 1, 3, 0, 0), 'America/New_York')).toBe('2025-12-31T22:00:00-05:00');
    expect(isoInZone(Date.UTC(2026, 0, 1, 3, 0, 0, 999), 'UTC')).toBe('2026-01-01T03:00:00+00:00');
  });

  it('names the same instant however it is written', () => {
    const at = Date.UTC(2026, 9, 25, 1, 30, 0);
    for (const zone of ['Europe/Berlin', 'Europe/Moscow', 'Asia/Kolkata', 'America/New_York']) {
      expect(Date.parse(isoInZone(at, zone))).toBe(at);
    }
  });
});

describe('wallClockDate', () => {
  it('carries the zone’s wall clock in its UTC fields, for Excel', () => {
    expect(wallClockDate(Date.UTC(2026, 10, 28, 11, 0, 5), 'Europe/Moscow')).toEqual(new Date(Date.UTC(2026, 10, 28, 14, 0, 5)));
  });
});
