import type { UpstreamErrorCode, UpstreamErrorInfo } from '@/lib/load/types';

// The one error type of the wamm.chat boundary. Its message is written for a supervisor and never
// contains a URL: the API token is part of every upstream URL.

const MESSAGES: Record<UpstreamErrorCode, string> = {
  token_fail: 'wamm.chat rejected the API token (token fail): check WAMM_TOKEN',
  acc_not_authorized:
    'wamm.chat says the account connection is not authorized (acc not authorized): sign the channel in again in wamm.chat',
  unknown_user: 'wamm.chat does not know this operator (user_id fail)',
  bad_upstream_response: 'wamm.chat sent an answer chatload could not read',
  upstream_timeout: 'wamm.chat did not answer in time',
  upstream_unavailable: 'wamm.chat cannot be reached',
  upstream_error: 'wamm.chat reported an error',
};

/** HTTP status our API answers with when an upstream failure leaves it no data to serve. */
export function httpStatusFor(code: UpstreamErrorCode): 502 | 504 {
  return code === 'upstream_timeout' ? 504 : 502;
}

export class WammError extends Error {
  readonly code: UpstreamErrorCode;
  /** True when trying again soon may succeed (network trouble, 5xx, "fail execution"). */
  readonly retryable: boolean;
  /** The upstream method, e.g. "user_chats" — safe to show; never the URL. */
  readonly method: string;
  /** What exactly went wrong, untranslated and short ("HTTP 500", "connection refused"); never a URL. */
  readonly detail: string | undefined;

  constructor(
    code: UpstreamErrorCode,
    options: { method: string; detail?: string; retryable?: boolean; cause?: unknown },
  ) {
    const detail = code === 'token_fail' || code === 'acc_not_authorized' ? undefined : options.detail || undefined;
    super(`${MESSAGES[code]}${detail ? ` (${detail})` : ''}`, { cause: options.cause });
    this.detail = detail;
    this.name = 'WammError';
    this.code = code;
    this.method = options.method;
    this.retryable = options.retryable ?? false;
  }

  toInfo(): UpstreamErrorInfo {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** Maps a string `err` of wamm.chat to our code; "fail get data" is not an error and is handled by the caller. */
export function errorForUpstreamErr(err: string, method: string): WammError {
  const normalized = err.trim().toLowerCase();
  switch (normalized) {
    case 'token fail':
      return new WammError('token_fail', { method });
    case 'acc not authorized':
      return new WammError('acc_not_authorized', { method });
    case 'user_id fail':
      return new WammError('unknown_user', { method });
    case 'fail execution':
      return new WammError('upstream_error', { method, detail: 'fail execution', retryable: true });
    default:
      // Upstream error strings are short fixed words; cut anything longer so a page can't be echoed.
      return new WammError('upstream_error', { method, detail: err.slice(0, 60) });
  }
}

export function toUpstreamErrorInfo(error: unknown): UpstreamErrorInfo {
  if (error instanceof WammError) return error.toInfo();
  return { code: 'upstream_error', message: MESSAGES.upstream_error };
}
