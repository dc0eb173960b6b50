'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TeamAnalyticsResponse } from '@/lib/snapshots/types';
import { analyticsRange, periodKey, type AnalyticsPeriod, type AnalyticsRange } from '@/components/trends/analytics-range';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** The address of a period's team analytics: JSON for the page, CSV (with its separator) for a download. */
export function teamAnalyticsUrl(range: AnalyticsRange, csv?: { sep: ',' | ';' }): string {
  const params = new URLSearchParams({ from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString() });
  if (csv) {
    params.set('format', 'csv');
    params.set('sep', csv.sep);
  }
  return `/api/teams/analytics?${params}`;
}

/**
 * Each team's peak and mean load, minutes over capacity and most chats past critical over a period
 * of the team's days. The range is worked out at every fetch, so "today" grows by itself as the
 * minutes pass; refreshed each minute, as the history is recorded.
 */
export function useTeamAnalyticsQuery(period: AnalyticsPeriod, timeZone: string) {
  return useQuery({
    queryKey: queryKeys.teamAnalytics({ period: periodKey(period), timeZone }),
    queryFn: ({ signal }) => fetchJson<TeamAnalyticsResponse>(teamAnalyticsUrl(analyticsRange(period, Date.now(), timeZone)), signal),
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
