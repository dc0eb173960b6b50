import { zoneOffsetMs } from '@/lib/time/wall-clock';

// wamm.chat writes `date_msg` as a wall-clock time with no zone. These read it in the configured
// IANA zone. Offsets are cached per wall-clock hour: a refresh parses hundreds of dates that share
// a handful of hours, and Intl formatting is the expensive part.

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR_MS = 3_600_000;

const offsetCaches = new Map<string, Map<number, number>>();

function offsetForWallClock(wallAsUtc: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const hour = Math.floor(wallAsUtc / HOUR_MS);
  let offset = cache.get(hour);
  if (offset === undefined) {
    // Two passes find the instant whose local time is this wall clock, DST transitions included.
    const first = zoneOffsetMs(wallAsUtc, timeZone);
    offset = zoneOffsetMs(wallAsUtc - first, timeZone);
    if (cache.size > 50_000) cache.clear();
    cache.set(hour, offset);
  }
  return offset;
}

/**
 * Epoch ms of a `YYYY-MM-DD HH:mm:ss` wall-clock time in `timeZone`, or null when the text is not
 * a real date (empty, "0000-00-00 00:00:00", 31 February…).
 */
export function parseWallClock(text: string | null, timeZone: string): number | null {
  if (!text) return null;
  const match = WALL_CLOCK.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wallAsUtc).getUTCDate() !== day) return null;
  return wallAsUtc - offsetForWallClock(wallAsUtc, timeZone);
}
