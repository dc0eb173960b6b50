'use client';

import { useQuery } from '@tanstack/react-query';
import type { MovesResponse, RebalanceStatusResponse } from '@/lib/rebalance/responses';
import { fetchJson } from './fetch-json';
import { DEFAULT_REFRESH_SECONDS, queryKeys } from './keys';

/** How many moves the Rebalance page's log shows. */
export const MOVES_LOG_LIMIT = 50;

/** Automatic rebalancing's mode and last run, polled like the load. */
export function useRebalanceStatusQuery() {
  return useQuery({
    queryKey: queryKeys.rebalanceStatus(),
    queryFn: ({ signal }) => fetchJson<RebalanceStatusResponse>('/api/rebalance/status', signal),
    refetchInterval: DEFAULT_REFRESH_SECONDS * 1000,
  });
}

/** The moves log, newest first. */
export function useMovesQuery(limit: number = MOVES_LOG_LIMIT) {
  return useQuery({
    queryKey: queryKeys.moves(limit),
    queryFn: ({ signal }) => fetchJson<MovesResponse>(`/api/rebalance/moves?limit=${limit}`, signal),
    refetchInterval: DEFAULT_REFRESH_SECONDS * 1000,
  });
}
