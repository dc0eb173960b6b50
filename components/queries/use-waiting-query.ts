'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WaitingResponse } from '@/lib/load/types';
import type { LoadFilters } from '@/components/load/filters';
import { fetchJson } from './fetch-json';
import { DEFAULT_REFRESH_SECONDS, apiUrl, queryKeys, type WaitingOptions } from './keys';

/** The longest-waiting chats, polled like the load. */
export function useWaitingQuery(filters: LoadFilters, options: WaitingOptions, refreshSeconds: number | undefined, pollMs: number | null) {
  return useQuery({
    queryKey: queryKeys.waiting(filters, options),
    queryFn: ({ signal }) =>
      fetchJson<WaitingResponse>(
        apiUrl('/api/waiting', filters, {
          limit: String(options.limit),
          ...(options.thresholdSeconds === null ? {} : { threshold: String(options.thresholdSeconds) }),
          names: options.names ? '1' : '0',
        }),
        signal,
      ),
    refetchInterval: pollMs ?? (refreshSeconds ?? DEFAULT_REFRESH_SECONDS) * 1000,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}
