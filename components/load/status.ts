import type { LoadResponse } from '@/lib/load/types';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';
import { formatClock } from './labels';

// What the banner says, decided apart from how it looks: the most serious problem first, in words
// a supervisor can act on.

export type BannerKind = 'offline' | 'error' | 'stale' | 'partial';

export interface Banner {
  kind: BannerKind;
  title: string;
  detail: string | null;
}

export function bannerFor(data: LoadResponse | undefined, error: unknown, now = new Date()): Banner | null {
  const shownSince = data ? ` Showing the numbers from ${formatClock(data.asOf, now)}.` : '';
  if (error instanceof OfflineError) {
    return {
      kind: 'offline',
      title: 'No connection to the dashboard server.',
      detail: `Retrying automatically.${shownSince}`,
    };
  }
  if (error instanceof ApiRequestError && error.status !== 400) {
    return {
      kind: 'error',
      title: error.message,
      detail: data ? `Retrying automatically.${shownSince}` : 'No numbers yet: chatload keeps trying and shows them as soon as wamm.chat answers.',
    };
  }
  if (data?.stale) {
    return {
      kind: 'stale',
      title: `Showing data from ${formatClock(data.asOf, now)}: wamm.chat is not answering right now.`,
      detail: data.upstreamError ? `${data.upstreamError.message}. chatload keeps trying.` : 'chatload keeps trying.',
    };
  }
  if (data && !data.complete) {
    return {
      kind: 'partial',
      title: 'These numbers are partial.',
      detail: data.partialReason ?? 'Some chats could not be counted.',
    };
  }
  return null;
}
