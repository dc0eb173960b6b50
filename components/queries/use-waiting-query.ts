'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WaitingResponse } from '@/lib/load/types';
import type { LoadFilters } from '@/components/load/filters';
import { fetchJson } from './fetch-json';
import { apiUrl, pollDelayMs, queryKeys, type WaitingOptions } from './keys';

/** The longest-waiting chats, polled like the load: a second after newer data is due. */
export function useWaitingQuery(filters: LoadFilters, options: WaitingOptions, refreshSeconds: number | undefined, pollMs: number | null, nextRefreshAt?: string) {
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
    refetchInterval: pollMs ?? pollDelayMs(nextRefreshAt, refreshSeconds),
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}
