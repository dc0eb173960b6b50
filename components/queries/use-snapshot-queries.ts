'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoadFilters } from '@/lib/load/aggregate';
import type { SnapshotListResponse, SnapshotResponse, SnapshotSummaryBody } from '@/lib/snapshots/types';
import { ApiRequestError, fetchJson, OfflineError } from './fetch-json';
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

async function send<T>(method: 'POST' | 'DELETE', url: string, body?: unknown): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new OfflineError();
  }
  if (response.status === 204) return null;
  const parsed = (await response.json().catch(() => null)) as { error?: { code: string; message: string; detail?: string } } | null;
  if (!response.ok) {
    throw new ApiRequestError(response.status, parsed?.error?.code ?? 'unknown', parsed?.error?.message ?? `HTTP ${response.status}`, parsed?.error?.detail);
  }
  return parsed as T;
}

export function useSaveSnapshot() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { label: string | null; filters: LoadFilters }) =>
      send<SnapshotSummaryBody>('POST', '/api/snapshots', { label: input.label, channel: input.filters.channel ?? '', user: input.filters.user ?? '' }),
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
