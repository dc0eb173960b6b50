import type { LoadFilters } from '@/components/load/filters';

// One key factory for every query: [resource, params]. Polling settings live here too.

export const DEFAULT_REFRESH_SECONDS = 15;

export const queryKeys = {
  load: (filters: LoadFilters) => ['load', filters] as const,
  chats: (filters: LoadFilters, path = '/api/chats') => ['chats', path, filters] as const,
  snapshot: (id: string) => ['snapshot', id] as const,
  snapshots: () => ['snapshots'] as const,
  history: (params: { by: string; id: string | null; rangeHours: number; team: string | null }) => ['history', params] as const,
  teamAnalytics: (params: { period: string; timeZone: string }) => ['teamAnalytics', params] as const,
  waiting: (filters: LoadFilters, options: WaitingOptions) => ['waiting', filters, options] as const,
  version: () => ['version'] as const,
};

export interface WaitingOptions {
  limit: number;
  /** null: the server's own threshold (the settings' critical wait), which it names in the answer. */
  thresholdSeconds: number | null;
  names: boolean;
}

export function apiUrl(path: string, filters: LoadFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.user) params.set('user', filters.user);
  if (filters.team) params.set('team', filters.team);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
