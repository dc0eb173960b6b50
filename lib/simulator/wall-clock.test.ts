import { describe, expect, it } from 'vitest';
import { assertTimeZone, formatWallClock } from './wall-clock';

describe('formatWallClock', () => {
  it('writes the wall clock of the zone, crossing the date line where the zone does', () => {
    const instant = Date.UTC(2026, 10, 28, 21, 30, 5);
    expect(formatWallClock(instant, 'Europe/Moscow')).toBe('2026-11-29 00:30:05');
    expect(formatWallClock(instant, 'UTC')).toBe('2026-11-28 21:30:05');
    expect(formatWallClock(instant, 'America/Los_Angeles')).toBe('2026-11-28 13:30:05');
  });

  it('writes midnight as 00, not 24', () => {
    expect(formatWallClock(Date.UTC(2026, 0, 1, 0, 0, 0), 'UTC')).toBe('2026-01-01 00:00:00');
  });

  it('follows daylight saving time', () => {
    // New York: UTC-4 in July, UTC-5 in January.
    expect(formatWallClock(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe('2026-07-01 08:00:00');
    expect(formatWallClock(Date.UTC(2026, 0, 1, 12), 'America/New_York')).toBe('2026-01-01 07:00:00');
  });

  it('rejects a zone that does not exist with a readable message', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => assertTimeZone('Asia/Vladivostok')).not.toThrow();
  });
});
