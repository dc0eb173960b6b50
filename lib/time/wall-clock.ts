// Wall-clock time in an IANA zone: "YYYY-MM-DD HH:mm:ss" with no offset, and a zone's offset at an
// instant. Used to read wamm.chat's dates (lib/wamm/timezone), to schedule snapshots on the team's
// clock and to write times in exports. The simulator writes its dates with code of its own, on
// purpose (lib/simulator/wall-clock.ts says why).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockParts(epochMs: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = part.value;
  }
  return parts;
}

/** "2026-11-28 14:00:05" for an instant, as a clock in `timeZone` shows it. */
export function formatWallClock(epochMs: number, timeZone: string): string {
  const p = wallClockParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Offset of the zone from UTC at an instant, in ms (Moscow: +3 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = wallClockParts(epochMs, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}
