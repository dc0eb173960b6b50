'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LoadResponse } from '@/lib/load/types';
import type { LoadFilters } from '@/components/load/filters';
import { fetchJson } from './fetch-json';
import { apiUrl, pollDelayMs, queryKeys } from './keys';

/**
 * The team's load for a view, polled a second after the server's next refresh is due (or every
 * `pollMs` when given), visible or not.
 */
export function useLoadQuery(filters: LoadFilters, pollMs: number | null = null) {
  return useQuery({
    queryKey: queryKeys.load(filters),
    queryFn: ({ signal }) => fetchJson<LoadResponse>(apiUrl('/api/load', filters), signal),
    refetchInterval: (query) => pollMs ?? pollDelayMs(query.state.data?.nextRefreshAt, query.state.data?.refreshSeconds),
    refetchIntervalInBackground: true,
    // A filter change keeps the previous numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
