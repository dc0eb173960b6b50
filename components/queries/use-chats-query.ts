'use client';

import { useQuery } from '@tanstack/react-query';
import type { ChatsResponse } from '@/lib/load/types';
import type { LoadFilters } from '@/components/load/filters';
import { fetchJson } from './fetch-json';
import { DEFAULT_REFRESH_SECONDS, apiUrl, queryKeys } from './keys';

/**
 * The chats behind a view (the drill-down), polled while open. A snapshot's chats (`path` under
 * /api/snapshots) never change, so they are fetched once.
 */
export function useChatsQuery(filters: LoadFilters, enabled: boolean, refreshSeconds: number | null = DEFAULT_REFRESH_SECONDS, path = '/api/chats') {
  return useQuery({
    queryKey: queryKeys.chats(filters, path),
    queryFn: ({ signal }) => fetchJson<ChatsResponse>(apiUrl(path, filters), signal),
    enabled,
    refetchInterval: refreshSeconds === null ? false : refreshSeconds * 1000,
    staleTime: refreshSeconds === null ? Infinity : undefined,
    refetchIntervalInBackground: true,
  });
}
