'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HistoryResponse, HistoryScope } from '@/lib/snapshots/types';
import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** The load over the last `rangeHours`, for the team, an operator or a channel; refreshed each minute. */
export function useHistoryQuery(by: HistoryScope, id: string | null, rangeHours: number) {
  return useQuery({
    queryKey: queryKeys.history({ by, id, rangeHours }),
    queryFn: ({ signal }) => {
      const to = Date.now();
      const params = new URLSearchParams({ by, from: String(to - rangeHours * 3_600_000), to: String(to) });
      if (id) params.set('id', id);
      return fetchJson<HistoryResponse>(`/api/history?${params}`, signal);
    },
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
