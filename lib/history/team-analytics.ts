import type { HistorySeries } from '@/lib/storage/types';

// A team's day or week from its minute history: the most and the mean open chats, how many minutes
// it held more chats than its available operators could take, and the most chats past the critical
// threshold at once. Pure: the route reads the three series (team, team_capacity, team_critical) at
// one-minute steps and hands them here.

const MINUTE_MS = 60_000;

export interface TeamAnalytics {
  teamId: string;
  name: string;
  /** Minutes with a sample: fewer than the range's when the server was down or wamm.chat did not answer. */
  minutesRecorded: number;
  peakOpenChats: number | null;
  /** 1 decimal. */
  meanOpenChats: number | null;
  /** Minutes in which the team's open chats were above the capacity of its available operators. */
  minutesOverCapacity: number;
  maxOverCriticalChats: number | null;
}

export function teamAnalytics(team: { id: string; name: string }, load: HistorySeries | undefined, capacity: HistorySeries | undefined, critical: HistorySeries | undefined): TeamAnalytics {
  const points = load?.points ?? [];
  let recorded = 0;
  let sum = 0;
  let peak: number | null = null;
  for (const point of points) {
    recorded += point.samples;
    sum += point.openChats * point.samples;
    if (peak === null || point.openChatsMax > peak) peak = point.openChatsMax;
  }
  // Minute by minute: a minute counts when both numbers were recorded and the load was above.
  const capacityAt = new Map<number, number>();
  for (const point of capacity?.points ?? []) capacityAt.set(Math.floor(point.atMs / MINUTE_MS), point.openChats);
  let over = 0;
  for (const point of points) {
    const limit = capacityAt.get(Math.floor(point.atMs / MINUTE_MS));
    if (limit !== undefined && point.samples === 1 && point.openChats > limit) over++;
  }
  let maxCritical: number | null = null;
  for (const point of critical?.points ?? []) if (maxCritical === null || point.openChatsMax > maxCritical) maxCritical = point.openChatsMax;
  return {
    teamId: team.id,
    name: team.name,
    minutesRecorded: recorded,
    peakOpenChats: peak,
    meanOpenChats: recorded === 0 ? null : Math.round((sum / recorded) * 10) / 10,
    minutesOverCapacity: over,
    maxOverCriticalChats: maxCritical,
  };
}
