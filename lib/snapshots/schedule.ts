import { zoneOffsetMs } from '@/lib/time/wall-clock';

// When the server takes a snapshot by itself: at times of the team's day (shift handovers,
// SNAPSHOT_AT, read in WAMM_TIMEZONE) and/or every so often (SNAPSHOT_EVERY, on the clock's round
// multiples, so "30m" means :00 and :30).

const DAY_MS = 86_400_000;

export interface SnapshotSchedule {
  atMinutes: readonly number[];
  everyMs: number | null;
  timezone: string;
}

/** The first scheduled instant strictly after `nowMs`, or null when nothing is scheduled. */
export function nextScheduledAt(nowMs: number, schedule: SnapshotSchedule): number | null {
  let next: number | null = null;
  if (schedule.everyMs !== null) next = (Math.floor(nowMs / schedule.everyMs) + 1) * schedule.everyMs;
  if (schedule.atMinutes.length > 0) {
    const today = Math.floor((nowMs + zoneOffsetMs(nowMs, schedule.timezone)) / DAY_MS) * DAY_MS;
    for (let day = 0; day <= 2; day++) {
      for (const minute of schedule.atMinutes) {
        const instant = instantOfWallClock(today + day * DAY_MS + minute * 60_000, schedule.timezone);
        if (instant > nowMs && (next === null || instant < next)) next = instant;
      }
    }
  }
  return next;
}

/** The instant a clock in `timeZone` shows `wall` (wall-clock ms as if UTC); DST gaps move forward. */
function instantOfWallClock(wall: number, timeZone: string): number {
  const first = zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(wall - first, timeZone);
}
