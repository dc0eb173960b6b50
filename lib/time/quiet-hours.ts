// Quiet hours: HH:MM to HH:MM of the team's day (WAMM_TIMEZONE), may span midnight; from = to means none.
// Automatic rebalancing moves nothing in them; alerts hold their messages until they end.

/** Whether `atMs` falls in the quiet hours. */
export function inQuietHours(atMs: number, quiet: { from: string; to: string } | null, timezone: string): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(atMs));
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  const now = hour * 60 + minute;
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}
