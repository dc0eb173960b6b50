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
  if (error instanceof ApiRequestError) {
    // A 400 is our own request (a hand-edited address); anything else is worth waiting out.
    const next =
      error.status === 400
        ? 'Check the filters in the address, or clear them.'
        : data
          ? `Retrying automatically.${shownSince}`
          : 'No numbers yet: chatload keeps trying and shows them as soon as wamm.chat answers.';
    return { kind: 'error', title: sentence(error.message), detail: next };
  }
  if (data?.stale) {
    const why = data.upstreamError ? `: ${sentence(data.upstreamError.message)}` : ' right now.';
    return {
      kind: 'stale',
      title: `Showing data from ${formatClock(data.asOf, now)} — wamm.chat is not answering${why}`,
      detail: 'chatload keeps trying and updates the numbers as soon as it answers.',
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

/** The server's messages are clauses ("wamm.chat cannot be reached"); end them once with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
