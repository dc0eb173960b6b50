// Writes instants the way wamm.chat does: "YYYY-MM-DD HH:mm:ss" wall-clock time in a zone, no
// offset. Deliberately separate from the code the app reads these dates with (lib/time, lib/wamm):
// the simulator is the oracle the app's reading is tested against, and an oracle sharing the code
// under test would let a zone bug cancel itself out.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which some engines render as "24" at midnight.
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

/** Throws a readable error for a zone Intl does not know, before any date is written in it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new Error(`unknown time zone "${timeZone}" (expected an IANA name such as Europe/Moscow)`);
  }
}

/** "2026-11-29 00:30:05" for an instant, as a clock in `timeZone` shows it. */
export function formatWallClock(epochMs: number, timeZone: string): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  const { year = '', month = '', day = '', hour = '', minute = '', second = '' } = parts;
  return `${year.padStart(4, '0')}-${month}-${day} ${hour}:${minute}:${second}`;
}
