'use client';

import { useQuery } from '@tanstack/react-query';
import type { ChatsResponse } from '@/lib/load/types';
import type { LoadFilters } from '@/components/load/filters';
import { fetchJson } from './fetch-json';
import { DEFAULT_REFRESH_SECONDS, apiUrl, queryKeys } from './keys';

/** The chats behind a view (the drill-down), polled while open. */
export function useChatsQuery(filters: LoadFilters, enabled: boolean, refreshSeconds = DEFAULT_REFRESH_SECONDS) {
  return useQuery({
    queryKey: queryKeys.chats(filters),
    queryFn: ({ signal }) => fetchJson<ChatsResponse>(apiUrl('/api/chats', filters), signal),
    enabled,
    refetchInterval: refreshSeconds * 1000,
    refetchIntervalInBackground: true,
  });
}
