'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoadFilters } from '@/lib/load/aggregate';
import type { SnapshotListResponse, SnapshotResponse, SnapshotSummaryBody } from '@/lib/snapshots/types';
import { ApiRequestError, fetchJson } from './fetch-json';
import { send } from './send';
import { queryKeys } from './keys';

/** One snapshot: fetched once, since it never changes. */
export function useSnapshotQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.snapshot(id),
    queryFn: ({ signal }) => fetchJson<SnapshotResponse>(`/api/snapshots/${encodeURIComponent(id)}`, signal),
    staleTime: Infinity,
    // A deleted snapshot stays deleted: no point asking again.
    retry: (failures, error) => !(error instanceof ApiRequestError && error.status === 404) && failures < 1,
  });
}

export function useSnapshotsQuery() {
  return useQuery({
    queryKey: queryKeys.snapshots(),
    queryFn: ({ signal }) => fetchJson<SnapshotListResponse>('/api/snapshots', signal),
    // Scheduled snapshots appear by themselves.
    refetchInterval: 60_000,
  });
}

export function useSaveSnapshot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { label: string | null; filters: LoadFilters; showPhones: boolean }) =>
      send<SnapshotSummaryBody>('POST', '/api/snapshots', {
        label: input.label,
        channel: input.filters.channel ?? '',
        user: input.filters.user ?? '',
        // A snapshot of a team's view keeps the team: its numbers and its exports are the team's.
        team: input.filters.team ?? '',
        showPhones: input.showPhones,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.snapshots() }),
  });
}

export function useDeleteSnapshot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send<null>('DELETE', `/api/snapshots/${encodeURIComponent(id)}`),
    onSuccess: (_result, id) => {
      client.removeQueries({ queryKey: queryKeys.snapshot(id) });
      return client.invalidateQueries({ queryKey: queryKeys.snapshots() });
    },
  });
}
