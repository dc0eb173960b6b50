import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { UPSTREAM_ERROR_CODES, type PartialInfo, type UpstreamErrorCode, type UpstreamErrorInfo } from '@/lib/load/types';
import { ApiRequestError, OfflineError } from '@/components/queries/fetch-json';

// What went wrong, in the page's language. The API words its errors in English for logs and outside
// tools; pages word them again from their codes, keeping the untranslated technical detail.

export interface ProblemWords {
  upstream(info: Pick<UpstreamErrorInfo, 'code' | 'message' | 'detail'>): string;
  /** A failed request to our own server: lost connection, a refused address, or wamm.chat's failure. */
  request(error: unknown): string;
  partial(status: { partial?: PartialInfo; partialReason?: string }): string;
}

const UPSTREAM_CODES = new Set<string>(UPSTREAM_ERROR_CODES);

export function createProblemWords(t: ReturnType<typeof useTranslations<'errors'>>, tPartial: ReturnType<typeof useTranslations<'partial'>>): ProblemWords {
  const upstream: ProblemWords['upstream'] = (info) => {
    if (!UPSTREAM_CODES.has(info.code)) return info.message;
    const message = t(`upstream.${info.code}`);
    return info.detail ? t('withDetail', { message: message.replace(/\.$/, ''), detail: info.detail }) : message;
  };
  return {
    upstream,
    request(error) {
      if (error instanceof OfflineError) return t('offline');
      if (!(error instanceof ApiRequestError)) return t('noAnswer');
      if (UPSTREAM_CODES.has(error.code)) return upstream({ code: error.code as UpstreamErrorCode, message: error.message, detail: error.detail });
      // The server names the parameter it refused; the name is the same in every language.
      if (error.code === 'bad_request') return t('badRequest', { reason: error.message });
      if (error.code === 'payload_too_large') return t('tooLarge');
      if (error.code === 'bad_response') return t('badResponse', { status: error.status });
      if (error.code === 'storage_unavailable') return error.detail ? t('withDetail', { message: t('storage_unavailable').replace(/[.;]$/, ''), detail: error.detail }) : t('storage_unavailable');
      return t('server', { status: error.status });
    },
    partial(status) {
      const partial = status.partial;
      if (!partial) return status.partialReason ?? tPartial('unknown');
      const values = { cap: partial.cap, count: partial.count ?? 0 };
      switch (partial.code) {
        case 'operators_unavailable':
          return tPartial('operators_unavailable', values);
        case 'operator_chats_failed':
          return tPartial('operator_chats_failed', values);
        case 'operators_timed_out':
          return tPartial('operators_timed_out', values);
        case 'unassigned_beyond_cap':
          return tPartial('unassigned_beyond_cap', values);
        default:
          return status.partialReason ?? tPartial('unknown');
      }
    },
  };
}

export function useProblemWords(): ProblemWords {
  const t = useTranslations('errors');
  const tPartial = useTranslations('partial');
  return useMemo(() => createProblemWords(t, tPartial), [t, tPartial]);
}
