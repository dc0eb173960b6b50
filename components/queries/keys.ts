import type { LoadFilters } from '@/components/load/filters';

// One key factory for every query: [resource, params]. Polling settings live here too.

export const DEFAULT_REFRESH_SECONDS = 15;

export const queryKeys = {
  load: (filters: LoadFilters) => ['load', filters] as const,
  chats: (filters: LoadFilters) => ['chats', filters] as const,
};

export function apiUrl(path: string, filters: LoadFilters): string {
  const params = new URLSearchParams();
  if (filters.channel) params.set('channel', filters.channel);
  if (filters.user) params.set('user', filters.user);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
