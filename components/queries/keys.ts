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
  rebalanceStatus: () => ['rebalanceStatus'] as const,
  moves: (limit: number) => ['moves', limit] as const,
  alerts: (locale: string) => ['alerts', locale] as const,
  alertHistory: (limit: number) => ['alertHistory', limit] as const,
  alertChannels: () => ['alertChannels'] as const,
};

/** The alert history changes when an alert starts or ends, or a delivery is made: once a minute is plenty. */
export const ALERT_HISTORY_POLL_MS = 60_000;

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

/** Poll a second after newer data is due, never sooner than a second from now. */
const AFTER_DUE_MS = 1000;

/**
 * When to ask again: a second after the server says newer data is due (`nextRefreshAt`), so a
 * change reaches the page within one refresh window and a second, rather than up to two windows
 * on a clock of its own; the interval alone when the server gives no time.
 */
export function pollDelayMs(nextRefreshAt: string | undefined, refreshSeconds: number | undefined, nowMs: number = Date.now()): number {
  const interval = (refreshSeconds ?? DEFAULT_REFRESH_SECONDS) * 1000;
  const due = nextRefreshAt ? Date.parse(nextRefreshAt) : NaN;
  if (!Number.isFinite(due)) return interval;
  return Math.min(interval + AFTER_DUE_MS, Math.max(AFTER_DUE_MS, due + AFTER_DUE_MS - nowMs));
}
