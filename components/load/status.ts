import type { useTranslations } from 'next-intl';
import type { LoadResponse } from '@/lib/load/types';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';
import type { Labels } from './labels';
import type { ProblemWords } from './problem-words';

// What the banner says, decided apart from how it looks: the most serious problem first, in words
// a supervisor can act on, in the page's language.

export type BannerKind = 'offline' | 'error' | 'stale' | 'partial';

export interface Banner {
  kind: BannerKind;
  title: string;
  detail: string | null;
}

export interface BannerWords {
  t: ReturnType<typeof useTranslations<'status'>>;
  problems: ProblemWords;
  labels: Pick<Labels, 'clock'>;
}

export function bannerFor(data: LoadResponse | undefined, error: unknown, words: BannerWords, now = new Date()): Banner | null {
  const { t, problems, labels } = words;
  const retrying = data ? t('retryingShowing', { time: labels.clock(data.asOf, now) }) : t('retrying');
  if (error instanceof OfflineError) {
    return { kind: 'offline', title: t('offline'), detail: retrying };
  }
  if (error instanceof ApiRequestError) {
    // A 400 is our own request (a hand-edited address); anything else is worth waiting out.
    const next = error.status === 400 ? t('checkFilters') : data ? retrying : t('noNumbersYet');
    return { kind: 'error', title: sentence(problems.request(error)), detail: next };
  }
  if (data?.stale) {
    const time = labels.clock(data.asOf, now);
    return {
      kind: 'stale',
      title: data.upstreamError ? t('staleBecause', { time, reason: sentence(problems.upstream(data.upstreamError)) }) : t('stale', { time }),
      detail: t('staleDetail'),
    };
  }
  if (data && !data.complete) {
    return { kind: 'partial', title: t('partial'), detail: problems.partial(data) };
  }
  return null;
}

/** Messages may be clauses ("wamm.chat cannot be reached (HTTP 500)"); end them once with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
