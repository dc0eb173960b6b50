import 'server-only';
import type { z } from 'zod';
import type { UpstreamErrorCode } from '@/lib/load/types';
import { WammError, errorForUpstreamErr } from './errors';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';
import { toChannel, toOpenChat, toOperator } from './mapping';
import { channelListSchema, chatListSchema, envelopeSchema, userListSchema } from './schemas';

// The one place that knows wamm.chat's URLs. The token is a path segment of every URL, so no URL
// built here ever leaves this file: not in an error, not in a log line.

/** wamm.chat answers the all-chats call with at most this many rows. */
export const USER_CHATS_CAP = 900;

export interface WammClientOptions {
  /** e.g. https://wamm.chat/api2 — without the token. */
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** The account's IANA zone: wamm.chat writes its dates as wall-clock times in it, with no offset. */
  timezone: string;
  /** Extra attempts for failures worth retrying; default 2. */
  retries?: number;
  /** First backoff delay; doubles per attempt. Default 400 ms. */
  retryDelayMs?: number;
  /** The largest answer read, in bytes; default 32 MB (900 chats are well under 1 MB). */
  maxAnswerBytes?: number;
  fetch?: typeof fetch;
  /** Told of every request once it ends (each attempt, retries included), e.g. for metrics; must not throw. */
  onCall?: (call: UpstreamCall) => void;
}

/** One request to wamm.chat, as the client's `onCall` hears of it. */
export interface UpstreamCall {
  /** The API method: user_chats, user_list, channel_list, contact_to_user. */
  method: string;
  durationMs: number;
  /** Why it failed; null when it was answered (a refusal of a reassignment is an answer). */
  code: UpstreamErrorCode | null;
}

export interface CallOptions {
  /** Gives the call up (in flight, or between retries) when the caller stops waiting. */
  signal?: AbortSignal;
}

/** The reading half of the client: all the live data set needs. */
export interface WammReader {
  /** Open chats: of one operator, or all of them (capped at 900) when operatorId is omitted. */
  userChats(operatorId?: string, options?: CallOptions): Promise<OpenChat[]>;
  userList(options?: CallOptions): Promise<Operator[]>;
  /** "active" lists every channel in use, the not-authorized ones included. */
  channelList(filter?: 'active' | 'archive' | 'statusOff' | 'statusOn' | 'one', options?: CallOptions): Promise<Channel[]>;
}

export interface WammClient extends WammReader {
  /**
   * Makes an operator responsible for the chat with this phone (null: nobody). A write into the
   * customer's account: sent exactly once, never retried, whatever happens. wamm.chat's refusals
   * come back as an outcome; a failure to learn the outcome (no answer in time, an HTTP error, an
   * answer that cannot be read) is a WammError, and only reading the chat again tells what happened.
   */
  contactToUser(phone: string, operatorId: string | null, options?: CallOptions): Promise<AssignOutcome>;
}

/** What wamm.chat answered to a reassignment. */
export type AssignOutcome =
  | 'success'
  /** The chat cannot be given an operator (a group), or the phone is not one wamm.chat knows how to address. */
  | 'phone_fail'
  /** No open chat with this phone. */
  | 'not_found'
  | 'user_not_found'
  /** The operator is locked or deleted. */
  | 'user_not_active';

const ASSIGN_REFUSALS: Record<string, AssignOutcome> = {
  'phone fail': 'phone_fail',
  'not found': 'not_found',
  'user not found': 'user_not_found',
  'user not active': 'user_not_active',
};

/** wamm.chat's refusal of a reassignment, carried by an `upstream_error`; undefined for a real error. */
function refusalOf(error: WammError): AssignOutcome | undefined {
  return error.code === 'upstream_error' && error.method === 'contact_to_user' && error.detail ? ASSIGN_REFUSALS[error.detail.trim().toLowerCase()] : undefined;
}

export const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function createWammClient(options: WammClientOptions): WammClient {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 400;
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const base = options.baseUrl.replace(/\/+$/, '');
  const token = encodeURIComponent(options.token);

  async function requestOnce(method: string, path: readonly string[], caller: AbortSignal | undefined): Promise<unknown> {
    const url = [base, method, token, ...path.map((segment) => encodeURIComponent(segment))].join('/');
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = caller ? AbortSignal.any([timeout, caller]) : timeout;
    const stopped = (cause: unknown) =>
      cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
        ? new WammError('upstream_timeout', {
            method,
            detail: caller?.aborted && !timeout.aborted ? 'given up: no time was left to wait' : `no answer within ${options.timeoutMs / 1000} s`,
            cause,
          })
        : null;
    let response: Response;
    try {
      response = await doFetch(url, { headers: { accept: 'application/json' }, signal, cache: 'no-store' });
    } catch (cause) {
      throw stopped(cause) ?? new WammError('upstream_unavailable', { method, detail: networkReason(cause), retryable: true, cause });
    }

    let body: string;
    try {
      body = await readCapped(response, method);
    } catch (cause) {
      if (cause instanceof WammError) throw cause;
      throw stopped(cause) ?? new WammError('upstream_unavailable', { method, detail: 'the connection broke mid-answer', retryable: true, cause });
    }

    if (!response.ok) {
      throw new WammError('bad_upstream_response', {
        method,
        detail: `HTTP ${response.status}`,
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    const trimmed = body.trimStart();
    if (trimmed.startsWith('<')) {
      throw new WammError('bad_upstream_response', { method, detail: 'an HTML page instead of JSON' });
    }
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (cause) {
      throw new WammError('bad_upstream_response', { method, detail: 'not valid JSON', cause });
    }
    return json;
  }

  /**
   * The answer's text, read as it streams in and given up past `maxAnswerBytes`: a runaway upstream
   * (or a proxy before it) must not be able to fill our memory, however long it keeps sending.
   */
  async function readCapped(response: Response, method: string): Promise<string> {
    const tooLarge = () => new WammError('bad_upstream_response', { method, detail: `an answer larger than ${formatBytes(maxAnswerBytes)}` });
    const body = response.body;
    if (body === null) return '';
    // A declared length is the size on the wire; compressed, it says nothing about the text.
    const declared = response.headers.get('content-encoding') ? Number.NaN : Number(response.headers.get('content-length') ?? '');
    if (declared > maxAnswerBytes) {
      body.cancel().catch(() => {});
      throw tooLarge();
    }
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxAnswerBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  }

  /** The `data` of a successful answer; `null` for "fail get data" (nothing found). */
  async function call(method: string, path: readonly string[], signal?: AbortSignal, allowedRetries = retries): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const startedAt = performance.now();
      try {
        const data = await attemptOnce(method, path, signal);
        report(method, startedAt, null);
        return data;
      } catch (error) {
        report(method, startedAt, !(error instanceof WammError) ? 'upstream_error' : refusalOf(error) ? null : error.code);
        if (!(error instanceof WammError) || !error.retryable || attempt >= allowedRetries || signal?.aborted) throw error;
        await sleep(retryDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5), signal);
        if (signal?.aborted) throw error;
      }
    }
  }

  function report(method: string, startedAt: number, code: UpstreamErrorCode | null): void {
    try {
      options.onCall?.({ method, durationMs: performance.now() - startedAt, code });
    } catch {
      // Metrics must never break a call.
    }
  }

  /** One request and its envelope: the `data`, `null` for "fail get data", or a WammError. */
  async function attemptOnce(method: string, path: readonly string[], signal: AbortSignal | undefined): Promise<unknown> {
    const json = await requestOnce(method, path, signal);
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      throw new WammError('bad_upstream_response', { method, detail: 'no "err" field' });
    }
    const { err, data } = envelope.data;
    if (err === 0 || err === '0') return data ?? [];
    if (typeof err === 'number') {
      throw new WammError('upstream_error', { method, detail: `error ${err}` });
    }
    if (err.trim().toLowerCase() === 'fail get data') return null;
    // An error string is echoed to supervisors; make sure it can't carry the token back out.
    throw errorForUpstreamErr(withoutToken(err), method);
  }

  function withoutToken(text: string): string {
    return text.split(options.token).join('…').split(token).join('…');
  }

  function parseList<T extends z.ZodType>(schema: T, method: string, data: unknown): z.output<T> {
    const parsed = schema.safeParse(data ?? []);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` at ${issue.path.join('.') || 'top level'}` : '';
      throw new WammError('bad_upstream_response', { method, detail: `unexpected data${where}` });
    }
    return parsed.data;
  }

  return {
    async userChats(operatorId, callOptions) {
      // 0 asks for every operator's chats (at most 900).
      const data = await call('user_chats', [operatorId ?? '0', '0'], callOptions?.signal);
      return parseList(chatListSchema, 'user_chats', data).map((row) => toOpenChat(row, options.timezone));
    },
    async userList(callOptions) {
      const data = await call('user_list', [], callOptions?.signal);
      return parseList(userListSchema, 'user_list', data).map((row) => toOperator(row, options.timezone));
    },
    async channelList(filter = 'active', callOptions) {
      const data = await call('channel_list', [filter], callOptions?.signal);
      return parseList(channelListSchema, 'channel_list', data).map(toChannel);
    },
    async contactToUser(phone, operatorId, callOptions) {
      try {
        // No retries: a second call could move a chat that the first one already moved elsewhere.
        await call('contact_to_user', [phone, operatorId ?? 'none'], callOptions?.signal, 0);
        return 'success';
      } catch (error) {
        const refusal = error instanceof WammError ? refusalOf(error) : undefined;
        if (refusal) return refusal;
        throw error;
      }
    },
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** A short reason for a failed connection, from the error code alone (messages may carry addresses). */
function networkReason(cause: unknown): string {
  const code = findCode(cause);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'TLS certificate problem';
    default:
      return 'network error';
  }
}

function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 3 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return findCode((error as { cause?: unknown }).cause, depth + 1);
}
