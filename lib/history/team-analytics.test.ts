import { describe, expect, it } from 'vitest';
import type { HistorySeries } from '@/lib/storage/types';
import { teamAnalytics } from './team-analytics';

const T0 = Date.UTC(2026, 11, 1, 6, 0);
const MIN = 60_000;

function series(scope: HistorySeries['scope'], values: Array<number | null>): HistorySeries {
  return {
    scope,
    scopeId: 'support',
    points: values.flatMap((value, minute) => (value === null ? [] : [{ atMs: T0 + minute * MIN, openChats: value, openChatsMax: value, oldestAgeSeconds: null, samples: 1 }])),
  };
}

describe("a team's day from its minute history", () => {
  it('takes the peak and the mean over the minutes recorded, and counts minutes above capacity', () => {
    const load = series('team', [4, 6, 9, null, 12, 3]);
    const capacity = series('team_capacity', [5, 5, 10, 10, 10, null]);
    const critical = series('team_critical', [0, 1, 3, null, 2, 0]);
    expect(teamAnalytics({ id: 'support', name: 'Поддержка' }, load, capacity, critical)).toEqual({
      teamId: 'support',
      name: 'Поддержка',
      minutesRecorded: 5,
      peakOpenChats: 12,
      meanOpenChats: 6.8,
      // 6 > 5 and 12 > 10; the last minute has no capacity (nobody available with a limit) and is not counted.
      minutesOverCapacity: 2,
      maxOverCriticalChats: 3,
    });
  });

  it('says nothing was recorded rather than zero when there is no history', () => {
    expect(teamAnalytics({ id: 'sales', name: 'Sales' }, undefined, undefined, undefined)).toEqual({
      teamId: 'sales',
      name: 'Sales',
      minutesRecorded: 0,
      peakOpenChats: null,
      meanOpenChats: null,
      minutesOverCapacity: 0,
      maxOverCriticalChats: null,
    });
  });
});
