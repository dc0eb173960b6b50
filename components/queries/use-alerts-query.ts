'use client';

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { LOCALE_HEADER } from '@/lib/i18n/locales';
import type { AlertChannelsResponse, AlertHistoryResponse, AlertTestResult, AlertsResponse } from '@/components/alerts/types';
import { fetchJson } from './fetch-json';
import { ALERT_HISTORY_POLL_MS, pollDelayMs, queryKeys } from './keys';
import { send } from './send';

/**
 * The alerts active now, worded by the server in the page's language (a wall display's may differ
 * from its browser's). Polled like the load: a second after newer data is due (`nextRefreshAt` of
 * the load), or every `pollMs`.
 */
export function useAlertsQuery(refreshSeconds: number | undefined, nextRefreshAt: string | undefined, pollMs: number | null = null) {
  const locale = useLocale();
  return useQuery({
    queryKey: queryKeys.alerts(locale),
    queryFn: ({ signal }) => fetchJson<AlertsResponse>('/api/alerts', signal, { [LOCALE_HEADER]: locale }),
    refetchInterval: pollMs ?? pollDelayMs(nextRefreshAt, refreshSeconds),
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}

/** What fired, when, for how long and where it was delivered: the newest `limit` alerts (managers). */
export function useAlertHistoryQuery(limit = 200) {
  return useQuery({
    queryKey: queryKeys.alertHistory(limit),
    queryFn: ({ signal }) => fetchJson<AlertHistoryResponse>(`/api/alerts/history?limit=${limit}`, signal),
    refetchInterval: ALERT_HISTORY_POLL_MS,
    placeholderData: keepPreviousData,
  });
}

/** Which delivery channels are configured, and from where (managers). */
export function useAlertChannelsQuery() {
  return useQuery({
    queryKey: queryKeys.alertChannels(),
    queryFn: ({ signal }) => fetchJson<AlertChannelsResponse>('/api/alerts/channels', signal),
  });
}

/** A test message through one channel; the answer says whether it went and, if not, why. */
export function useAlertTestSend() {
  return useMutation({
    mutationFn: (channel: string) => send<AlertTestResult>('POST', '/api/alerts/test', { channel }),
  });
}
