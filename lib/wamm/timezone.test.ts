import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from '@/lib/time/wall-clock';
import { parseWallClock } from './timezone';

describe('parseWallClock', () => {
  it('reads date_msg as Moscow time by default zone name', () => {
    // 10:28:45 in Moscow (UTC+3, no DST since 2014) is 07:28:45 UTC.
    expect(new Date(parseWallClock('2024-10-09 10:28:45', 'Europe/Moscow')!).toISOString()).toBe('2024-10-09T07:28:45.000Z');
  });

  it('reads the same text differently in another zone', () => {
    expect(new Date(parseWallClock('2024-10-09 10:28:45', 'UTC')!).toISOString()).toBe('2024-10-09T10:28:45.000Z');
    expect(new Date(parseWallClock('2024-10-09 10:28:45', 'Asia/Yekaterinburg')!).toISOString()).toBe('2024-10-09T05:28:45.000Z');
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(new Date(parseWallClock('2024-07-01 12:00:00', 'Europe/Berlin')!).toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(new Date(parseWallClock('2024-12-01 12:00:00', 'Europe/Berlin')!).toISOString()).toBe('2024-12-01T11:00:00.000Z');
  });

  it('gives null for text that is not a real date', () => {
    for (const text of ['', '0000-00-00 00:00:00', '2024-02-30 10:00:00', 'yesterday', '2024-10-09', '2024-13-01 00:00:00', null]) {
      expect(parseWallClock(text, 'Europe/Moscow')).toBeNull();
    }
  });

  it('accepts an ISO-like T separator and missing seconds', () => {
    expect(parseWallClock('2024-10-09T10:28', 'UTC')).toBe(Date.UTC(2024, 9, 9, 10, 28, 0));
  });

  it('knows zone offsets', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), 'Europe/Moscow')).toBe(3 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), 'America/New_York')).toBe(-5 * 3600_000);
  });
});
