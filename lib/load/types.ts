// The HTTP API's response shapes: the contract between the server, the pages and outside tools.
// Types and one list of error codes, so the browser bundle carries none of the server's code.

import type { AgeBucketKey } from './ages';

/**
 * Our API's id for the row of chats no operator is responsible for: in `byUser`, `?user=0`, history
 * and exports. (How wamm.chat writes "nobody" is lib/wamm's business; the model says null.)
 */
export const UNASSIGNED_ROW_ID = '0';

/** The codes of wamm.chat failures, listed once for the API's schema and the pages' wording. */
export const UPSTREAM_ERROR_CODES = [
  'token_fail',
  'acc_not_authorized',
  'unknown_user',
  'bad_upstream_response',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_error',
] as const;

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

export interface UpstreamErrorInfo {
  code: UpstreamErrorCode;
  /** A sentence a supervisor understands, in English; never a URL or the token. */
  message: string;
  /** The technical detail inside `message` ("HTTP 500"), for pages that word the code in another language. */
  detail?: string;
}

/** Why numbers can be partial, listed once for the API's schema, stored snapshots and the pages' wording. */
export const PARTIAL_CODES = ['operators_unavailable', 'operator_chats_failed', 'operators_timed_out', 'unassigned_beyond_cap'] as const;

/** Why the numbers are partial, for pages that word it in their own language. */
export interface PartialInfo {
  code: (typeof PARTIAL_CODES)[number];
  /** Operators whose chats failed or did not arrive in time, or unassigned chats seen; null when not applicable. */
  count: number | null;
  /** wamm.chat's per-call limit on listed chats. */
  cap: number;
}

export interface AgeBucketTotal {
  key: AgeBucketKey;
  label: string;
  fromSeconds: number;
  toSeconds: number | null;
  openChats: number;
}

export interface UserLoad {
  /** "0" is the row of chats without a responsible operator. */
  userId: string;
  name: string | null;
  /** Locked in wamm.chat (cannot sign in) — still responsible for the chats shown. */
  locked: boolean;
  /** Deleted in wamm.chat but still named as responsible on open chats. */
  deleted: boolean;
  openChats: number;
  oldestAgeSeconds: number | null;
  /** Open chats per age bucket, in the order of `ageBuckets`. */
  buckets: number[];
  /** How many chats the settings let this operator take; null = no limit (and for the unassigned row). */
  capacity: number | null;
  /** The teams of the settings this operator is in. */
  teamIds: string[];
  /** Last activity in wamm.chat, ISO-8601 UTC; null when unknown. */
  lastActiveAt: string | null;
  /** Not locked, not deleted, and active within the settings' awayAfterMinutes of `asOf`. */
  available: boolean;
  /** More open chats (counted over every channel) than `capacity`. */
  overCapacity: boolean;
}

/** One team of the settings, over the whole data set. */
export interface TeamLoad {
  teamId: string;
  name: string;
  /** Its operators' chats plus the unassigned chats on the channels it serves. */
  openChats: number;
  /** What its available operators can take together; null when one of them has no limit. */
  capacity: number | null;
  operators: number;
  availableOperators: number;
  overCapacityOperators: number;
  overCriticalChats: number;
  oldestAgeSeconds: number | null;
}

export interface ChannelLoad {
  apiId: string;
  name: string | null;
  /** wamm.chat's channel type: "whatsapp", "tg", "tg_bot", … */
  type: string | null;
  /** "authorized", "notAuthorized", "starting", "blocked", … */
  state: string | null;
  openChats: number;
}

export interface LoadTotals {
  openChats: number;
  operators: number;
  channels: number;
  oldestAgeSeconds: number | null;
  medianAgeSeconds: number | null;
  /** Open chats without a usable last-message date: counted, but in no age bucket. */
  undatedChats: number;
  /** What the available operators in view can take together; null when one of them has no limit. */
  capacity: number | null;
  overCapacityOperators: number;
  /** Chats whose last message is at least the settings' warningMinutes / criticalMinutes old. */
  overWarningChats: number;
  overCriticalChats: number;
}

export interface LoadFiltersBody {
  channel: string | null;
  user: string | null;
  team: string | null;
}

export interface DataStatus {
  /** ISO-8601 UTC time of the upstream fetch behind these numbers. */
  asOf: string;
  stale: boolean;
  complete: boolean;
  partialReason?: string;
  partial?: PartialInfo;
  demo: boolean;
  refreshSeconds: number;
  upstreamError: UpstreamErrorInfo | null;
}

export interface LoadResponse extends DataStatus {
  filters: LoadFiltersBody;
  totals: LoadTotals;
  ageBuckets: AgeBucketTotal[];
  byUser: UserLoad[];
  byChannel: ChannelLoad[];
  /** Every team of the settings, over the whole data set whatever the filters; empty without teams. */
  byTeam: TeamLoad[];
}

export interface ChatRow {
  chatId: string;
  chatName: string;
  phone: string;
  avatar: string;
  userId: string;
  apiId: string;
  /** ISO-8601 UTC; null when wamm.chat gave no usable date (e.g. "0000-00-00 00:00:00"). */
  lastMessageAt: string | null;
  /** Seconds from the last message to `asOf`; null when the date is unknown. */
  ageSeconds: number | null;
}

export interface ChatsResponse {
  asOf: string;
  stale: boolean;
  complete: boolean;
  partialReason?: string;
  partial?: PartialInfo;
  filters: LoadFiltersBody;
  chats: ChatRow[];
}

export interface WaitingChat {
  chatId: string;
  userId: string;
  operatorName: string | null;
  apiId: string;
  channelName: string | null;
  lastMessageAt: string | null;
  ageSeconds: number | null;
  /** Only when the caller asked for names (`names=1`): a wall display is seen by passers-by. */
  chatName?: string;
  phone?: string;
}

export interface WaitingResponse {
  asOf: string;
  stale: boolean;
  filters: LoadFiltersBody;
  /** Open chats whose last message is at least `thresholdSeconds` old. */
  overThreshold: number;
  thresholdSeconds: number;
  /** The longest-waiting chats, oldest first, at most `limit`. */
  chats: WaitingChat[];
}

export interface VersionResponse {
  version: string;
  buildId: string;
}

export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface HealthResponse {
  status: HealthStatus;
  version: string;
  demo: boolean;
  refreshSeconds: number;
  asOf: string | null;
  stale: boolean;
  complete: boolean;
  partialReason?: string;
  upstream: {
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: UpstreamErrorInfo | null;
    consecutiveFailures: number;
  };
  /** Whether chatload's database answers: saved snapshots, history, settings and sign-in need it; live numbers don't. */
  storage: {
    ok: boolean;
    /** Which database, without credentials: "SQLite file data/chatload.db", "PostgreSQL db:5432/chatload". */
    database: string;
    /** What is wrong, in a sentence; null while it works. */
    problem: string | null;
    failingSince: string | null;
  };
  timezone: {
    name: string;
    suspect: boolean;
    /** How far the newest `date_msg` is ahead of our clock, when it is more than a minute. */
    futureSeconds: number | null;
    message: string | null;
  };
}

export interface ApiErrorBody {
  error: { code: AccessErrorCode | 'bad_request' | 'payload_too_large' | 'not_found' | 'internal_error' | 'storage_unavailable' | 'busy' | 'conflict' | UpstreamErrorCode; message: string; detail?: string };
}

/** Refusals of the access control: no session (401), a revoked display key (401), a role without the right (403). */
export type AccessErrorCode = 'unauthorized' | 'display_revoked' | 'forbidden' | 'cross_origin' | 'too_many_attempts';

export interface SessionResponse {
  /** null when nobody is signed in. */
  user: { name: string; role: 'viewer' | 'manager' | 'display' } | null;
  /** Sign-in is off (demo mode, or AUTH_DISABLED=1): everyone may do everything. */
  authDisabled: boolean;
  /** Off on purpose with a real token: pages show a warning. */
  authDisabledWarning: boolean;
}
