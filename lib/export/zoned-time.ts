import { formatWallClock, zoneOffsetMs } from '@/lib/time/wall-clock';

// Instants as the team's clock shows them. Exports are read by people in the team's zone, not the
// server's, and a written offset keeps every time unambiguous across a DST change.

/** "2026-11-28T14:00:05+03:00": ISO 8601 to the second, with the zone's offset at that instant. */
export function isoInZone(epochMs: number, timeZone: string): string {
  const offsetMinutes = Math.round(zoneOffsetMs(epochMs, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${formatWallClock(epochMs, timeZone).replace(' ', 'T')}${offset}`;
}

/**
 * A Date whose UTC fields are the zone's wall clock. Excel dates have no zone and exceljs writes a
 * Date by its UTC value, so this is how "14:00 in Moscow" reaches a cell as 14:00.
 */
export function wallClockDate(epochMs: number, timeZone: string): Date {
  const [date = '', time = ''] = formatWallClock(epochMs, timeZone).split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
