'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HistoryResponse, HistoryScope } from '@/lib/snapshots/types';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/**
 * The load over the last `rangeHours`, for everyone, an operator or a channel; refreshed each minute.
 * With `team`, the total is that team's own series (its operators' chats and the unassigned ones on
 * its channels).
 */
export function useHistoryQuery(by: HistoryScope, id: string | null, rangeHours: number, team: string | null = null) {
  return useQuery({
    queryKey: queryKeys.history({ by, id, rangeHours, team }),
    queryFn: ({ signal }) => {
      const to = Date.now();
      const params = new URLSearchParams({ by, from: String(to - rangeHours * 3_600_000), to: String(to) });
      if (id) params.set('id', id);
      if (team) params.set('team', team);
      return fetchJson<HistoryResponse>(`/api/history?${params}`, signal);
    },
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
