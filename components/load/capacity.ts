import { UNASSIGNED_ROW_ID, type TeamLoad, type UserLoad } from '@/lib/load/types';

// What the server's capacity and availability fields mean on screen, decided once for the table,
// the chart, the team panel and the wall display. The server decides who is available and who is
// over capacity; these functions only decide what of that deserves a mark.

/** An operator who could take chats but has not been active lately (locked and deleted say so themselves). */
export function isAway(row: Pick<UserLoad, 'userId' | 'available' | 'locked' | 'deleted'>): boolean {
  return row.userId !== UNASSIGNED_ROW_ID && !row.available && !row.locked && !row.deleted;
}

/** Seconds from the operator's last activity to the time of the data; null when wamm.chat gave none. */
export function inactiveSeconds(lastActiveAt: string | null, asOf: string): number | null {
  if (lastActiveAt === null) return null;
  const seconds = (Date.parse(asOf) - Date.parse(lastActiveAt)) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

export type Utilisation =
  /** Someone in the team has no limit: there is no ratio to show. */
  | { kind: 'unlimited' }
  /** Nobody available can take a chat, yet chats are open. */
  | { kind: 'noCapacity' }
  | { kind: 'ratio'; ratio: number; over: boolean };

/** A team's open chats against what its available operators can take. */
export function teamUtilisation(team: Pick<TeamLoad, 'openChats' | 'capacity'>): Utilisation {
  if (team.capacity === null) return { kind: 'unlimited' };
  if (team.capacity === 0) return team.openChats > 0 ? { kind: 'noCapacity' } : { kind: 'ratio', ratio: 0, over: false };
  const ratio = team.openChats / team.capacity;
  return { kind: 'ratio', ratio, over: team.openChats > team.capacity };
}

/** Whether any row has a limit: without one, capacity columns and marks would only be noise. */
export function anyCapacity(rows: readonly Pick<UserLoad, 'capacity'>[]): boolean {
  return rows.some((row) => row.capacity !== null);
}
