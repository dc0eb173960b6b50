import { z } from 'zod';
import { AGE_BUCKETS, type AgeBucketKey } from '@/lib/load/ages';
import { API_ERROR_CODES, PARTIAL_CODES, UPSTREAM_ERROR_CODES } from '@/lib/load/codes';
import { MOVE_REASONS, NOT_PLACED_REASONS } from '@/lib/rebalance/types';
import { BALANCING_MODES } from '@/lib/settings/schema';
import { ALERT_CHANNELS, DELIVERY_STATUSES, MOVE_STATUSES, MOVE_TRIGGERS } from '@/lib/storage/types';

// The HTTP API's responses, written once: these schemas are the contract, and the TypeScript types
// the server and the pages use are inferred from them (lib/load/types.ts, lib/snapshots/types.ts,
// imported as types only, so no browser bundle carries zod). Tests check every answer against them,
// so the README's API section is enforced, not described.

const isoUtc = z.iso.datetime({ offset: false });
const id = z.string().regex(/^\S*$/);
const teamId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const count = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative();
/** A sentence for a supervisor, in English. */
const sentence = z.string().min(10);

export const upstreamErrorSchema = z.strictObject({
  code: z.enum(UPSTREAM_ERROR_CODES),
  /** A sentence a supervisor understands, in English; never a URL or the token. */
  message: sentence,
  /** The technical detail inside `message` ("HTTP 500"), for pages that word the code in another language. */
  detail: z.string().min(1).optional(),
});

/** Why the numbers are partial, for pages that word it in their own language. */
export const partialSchema = z.strictObject({
  code: z.enum(PARTIAL_CODES),
  /** Operators whose chats failed or did not arrive in time, or unassigned chats seen; null when not applicable. */
  count: count.nullable(),
  /** wamm.chat's per-call limit on listed chats. */
  cap: count,
});

export const filtersSchema = z.strictObject({ channel: id.nullable(), user: id.nullable(), team: id.nullable() });

export const dataStatusSchema = z.strictObject({
  /** ISO-8601 UTC time of the upstream fetch behind these numbers. */
  asOf: isoUtc,
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: sentence.optional(),
  partial: partialSchema.optional(),
  demo: z.boolean(),
  refreshSeconds: z.number().int().min(1),
  /** ISO-8601 UTC: when newer data is due. Poll a second after it to see a change as soon as chatload has it. */
  nextRefreshAt: isoUtc,
  upstreamError: upstreamErrorSchema.nullable(),
});

export const loadTotalsSchema = z.strictObject({
  openChats: count,
  operators: count,
  channels: count,
  oldestAgeSeconds: seconds.nullable(),
  medianAgeSeconds: seconds.nullable(),
  /** Open chats without a usable last-message date: counted, but in no age bucket. */
  undatedChats: count,
  /** What the available operators in view can take together; null when one of them has no limit. */
  capacity: count.nullable(),
  overCapacityOperators: count,
  /** Chats whose last message is at least the settings' warningMinutes / criticalMinutes old. */
  overWarningChats: count,
  overCriticalChats: count,
});

export const ageBucketTotalSchema = z.strictObject({
  key: z.enum(AGE_BUCKETS.map((bucket) => bucket.key) as [AgeBucketKey, ...AgeBucketKey[]]),
  label: z.string(),
  fromSeconds: seconds,
  toSeconds: seconds.nullable(),
  openChats: count,
});

export const userLoadSchema = z.strictObject({
  /** "0" is the row of chats without a responsible operator. */
  userId: id,
  name: z.string().nullable(),
  /** Locked in wamm.chat (cannot sign in) — still responsible for the chats shown. */
  locked: z.boolean(),
  /** Deleted in wamm.chat but still named as responsible on open chats. */
  deleted: z.boolean(),
  openChats: count,
  oldestAgeSeconds: seconds.nullable(),
  /** Open chats per age bucket, in the order of `ageBuckets`. */
  buckets: z.array(count).length(AGE_BUCKETS.length),
  /** How many chats the settings let this operator take; null = no limit (and for the unassigned row). */
  capacity: count.nullable(),
  /** The teams of the settings this operator is in. */
  teamIds: z.array(id),
  /** Last activity in wamm.chat, ISO-8601 UTC; null when unknown. */
  lastActiveAt: isoUtc.nullable(),
  /** Not locked, not deleted, and active within the settings' awayAfterMinutes of `asOf`. */
  available: z.boolean(),
  /** More open chats (counted over every channel) than `capacity`. */
  overCapacity: z.boolean(),
});

export const channelLoadSchema = z.strictObject({
  apiId: id,
  name: z.string().nullable(),
  /** wamm.chat's channel type: "whatsapp", "tg", "tg_bot", … */
  type: z.string().nullable(),
  /** "authorized", "notAuthorized", "starting", "blocked", … */
  state: z.string().nullable(),
  openChats: count,
});

/** One team of the settings, over the whole data set. */
export const teamLoadSchema = z.strictObject({
  teamId,
  name: z.string().min(1),
  /** Its operators' chats plus the unassigned chats on the channels it serves. */
  openChats: count,
  /** What its available operators can take together; null when one of them has no limit. */
  capacity: count.nullable(),
  operators: count,
  availableOperators: count,
  overCapacityOperators: count,
  overCriticalChats: count,
  oldestAgeSeconds: seconds.nullable(),
});

export const loadResponseSchema = dataStatusSchema.extend({
  filters: filtersSchema,
  totals: loadTotalsSchema,
  ageBuckets: z.array(ageBucketTotalSchema).length(AGE_BUCKETS.length),
  byUser: z.array(userLoadSchema),
  byChannel: z.array(channelLoadSchema),
  /** Every team of the settings, over the whole data set whatever the filters; empty without teams. */
  byTeam: z.array(teamLoadSchema),
});

export const chatRowSchema = z.strictObject({
  chatId: id,
  chatName: z.string(),
  phone: z.string(),
  avatar: z.string(),
  userId: id,
  apiId: id,
  /** ISO-8601 UTC; null when wamm.chat gave no usable date (e.g. "0000-00-00 00:00:00"). */
  lastMessageAt: isoUtc.nullable(),
  /** Seconds from the last message to `asOf`; null when the date is unknown. */
  ageSeconds: seconds.nullable(),
  /** A group chat: wamm.chat cannot give it a responsible operator. */
  group: z.boolean(),
});

export const chatsResponseSchema = z.strictObject({
  asOf: isoUtc,
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: sentence.optional(),
  partial: partialSchema.optional(),
  filters: filtersSchema,
  chats: z.array(chatRowSchema),
});

export const waitingChatSchema = z.strictObject({
  chatId: id,
  userId: id,
  operatorName: z.string().nullable(),
  apiId: id,
  channelName: z.string().nullable(),
  lastMessageAt: isoUtc.nullable(),
  ageSeconds: seconds.nullable(),
  /** Only when the caller asked for names (`names=1`): a wall display is seen by passers-by. */
  chatName: z.string().optional(),
  phone: z.string().optional(),
});

export const waitingResponseSchema = z.strictObject({
  asOf: isoUtc,
  stale: z.boolean(),
  filters: filtersSchema,
  /** Open chats whose last message is at least `thresholdSeconds` old. */
  overThreshold: count,
  thresholdSeconds: seconds,
  /** The longest-waiting chats, oldest first, at most `limit`. */
  chats: z.array(waitingChatSchema),
});

export const versionResponseSchema = z.strictObject({
  version: z.string().min(1),
  buildId: z.string().min(1),
});

export const healthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string().min(1),
  demo: z.boolean(),
  refreshSeconds: z.number().int().min(1),
  asOf: isoUtc.nullable(),
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: z.string().optional(),
  partial: partialSchema.optional(),
  upstream: z.strictObject({
    lastSuccessAt: isoUtc.nullable(),
    lastErrorAt: isoUtc.nullable(),
    lastError: upstreamErrorSchema.nullable(),
    consecutiveFailures: count,
  }),
  /** Several instances acting as one (REDIS_URL), or one alone; this instance's part in the refresh. */
  cluster: z.strictObject({
    mode: z.enum(['single', 'redis']),
    ok: z.boolean(),
    /** Which Redis, without credentials; null for one instance. */
    redis: z.string().min(1).nullable(),
    problem: sentence.nullable(),
    failingSince: isoUtc.nullable(),
    /** refreshing: this instance fetched the data shown; following: another did; alone: no coordination. */
    role: z.enum(['refreshing', 'following', 'alone']),
  }),
  /** Whether chatload's database answers: saved snapshots, history, settings and sign-in need it; live numbers don't. */
  storage: z.strictObject({
    ok: z.boolean(),
    /** Which database, without credentials: "SQLite file data/chatload.db", "PostgreSQL db:5432/chatload". */
    database: z.string().min(1),
    /** What is wrong, in a sentence; null while it works. */
    problem: sentence.nullable(),
    failingSince: isoUtc.nullable(),
  }),
  timezone: z.strictObject({
    name: z.string(),
    suspect: z.boolean(),
    /** How far the newest `date_msg` is ahead of our clock, when it is more than a minute. */
    futureSeconds: seconds.nullable(),
    message: z.string().nullable(),
  }),
});

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(API_ERROR_CODES),
    message: sentence,
    detail: z.string().min(1).optional(),
  }),
});

export const sessionResponseSchema = z.strictObject({
  /** null when nobody is signed in. */
  user: z.strictObject({ name: z.string().min(1), role: z.enum(['viewer', 'manager', 'display']) }).nullable(),
  /** Sign-in is off (demo mode, or AUTH_DISABLED=1): everyone may do everything. */
  authDisabled: z.boolean(),
  /** Off on purpose with a real token: pages show a warning. */
  authDisabledWarning: z.boolean(),
});

export const snapshotSummarySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** ISO-8601 UTC: when it was saved. */
  createdAt: isoUtc,
  /** ISO-8601 UTC: the time of the data in it. */
  asOf: isoUtc,
  label: z.string().min(1).max(100).nullable(),
  savedBy: z.string().nullable(),
  trigger: z.enum(['manual', 'scheduled']),
  filters: filtersSchema,
  openChats: count,
  operators: count,
  oldestAgeSeconds: seconds.nullable(),
  complete: z.boolean(),
  /** The page that shows it (a shareable link). */
  url: z.string().regex(/^\/snapshots\/[A-Za-z0-9_-]{22}$/),
});

export const snapshotListSchema = z.strictObject({ snapshots: z.array(snapshotSummarySchema) });

export const snapshotResponseSchema = z.strictObject({
  snapshot: snapshotSummarySchema,
  /** The numbers as they were, in the live endpoint's shape (`stale` false, no upstream error). */
  load: loadResponseSchema.extend({ stale: z.literal(false), upstreamError: z.null() }),
});

// ── Rebalancing ───────────────────────────────────────────────────────────────────────────

/** An operator id, or "0": nobody. */
const operatorOrNobody = z.string().regex(/^\S+$/);

export const planResponseSchema = z.strictObject({
  /** ISO-8601 UTC: the time of the data the plan is based on. */
  basedOn: isoUtc,
  /** Oldest chats first within each rule, rules in the order of the settings. */
  moves: z.array(z.strictObject({ chatId: id, fromUserId: operatorOrNobody, toUserId: id, reason: z.enum(MOVE_REASONS) })),
  notPlaced: z.array(z.strictObject({ chatId: id, reason: z.enum(NOT_PLACED_REASONS) })),
});

export const moveResultSchema = z.strictObject({
  chatId: id,
  toUserId: operatorOrNobody,
  status: z.enum(MOVE_STATUSES),
  /** What happened, in an English sentence. */
  message: sentence,
  /** The same as a code (moved, closed, moved_elsewhere, phone_fail, …), for pages that word it in their own language. */
  outcome: z.string().regex(/^[a-z_]+$/),
  /** The moves log entry, for an undo; null when nothing was sent. */
  moveId: z.string().nullable(),
});

export const applyResponseSchema = z.strictObject({ results: z.array(moveResultSchema) });

export const moveLogEntrySchema = z.strictObject({
  id: z.string().min(1),
  at: isoUtc,
  trigger: z.enum(MOVE_TRIGGERS),
  /** Who: an account name; null for automatic rebalancing (and with sign-in off). */
  actor: z.string().nullable(),
  chatId: id,
  fromUserId: operatorOrNobody,
  toUserId: operatorOrNobody,
  /** The planner's reason, or null for a move by hand. */
  reason: z.string().nullable(),
  status: z.enum(MOVE_STATUSES),
  outcome: z.string().regex(/^[a-z_]+$/),
  undoneAt: isoUtc.nullable(),
});

export const movesResponseSchema = z.strictObject({ moves: z.array(moveLogEntrySchema) });

export const rebalanceStatusResponseSchema = z.strictObject({
  mode: z.enum(BALANCING_MODES),
  intervalMinutes: z.number().int().positive(),
  /** Automatic rebalancing's last run on this instance; null before the first. */
  lastRun: z
    .strictObject({
      at: isoUtc,
      mode: z.enum(['suggest', 'auto']),
      /** Why nothing was done, when nothing was: quiet hours, stale or partial data. */
      heldBack: z.string().nullable(),
      plan: planResponseSchema.nullable(),
      results: z.array(moveResultSchema),
    })
    .nullable(),
});

const meanOrNull = z.number().nonnegative().nullable();

export const historyPointSchema = z.strictObject({
  /** ISO-8601 UTC start of the step. */
  at: isoUtc,
  /** Mean open chats over the step; null when nothing was recorded in it. */
  openChats: meanOrNull,
  openChatsMax: meanOrNull,
  /** Longest last-message age seen in the step. */
  oldestAgeSeconds: meanOrNull,
  /** Minutes recorded in the step (0 for a gap). */
  samples: count,
});

export const historyScopeSchema = z.enum(['total', 'operator', 'channel', 'team']);

export const historyResponseSchema = z.strictObject({
  from: isoUtc,
  to: isoUtc,
  by: historyScopeSchema,
  stepSeconds: z.number().int().min(60),
  series: z.array(z.strictObject({ id: z.string(), points: z.array(historyPointSchema) })),
});

export const teamAnalyticsSchema = z.strictObject({
  teamId,
  name: z.string().min(1),
  /** Minutes with a sample in the range: fewer than `minutes` when the server was down or wamm.chat did not answer. */
  minutesRecorded: count,
  peakOpenChats: meanOrNull,
  meanOpenChats: meanOrNull,
  /** Minutes in which the team's open chats were above what its available operators could take. */
  minutesOverCapacity: count,
  maxOverCriticalChats: meanOrNull,
});

export const teamAnalyticsResponseSchema = z.strictObject({
  from: isoUtc,
  to: isoUtc,
  /** Minutes in the range. */
  minutes: count,
  /** Every team of the settings, in their order. */
  teams: z.array(teamAnalyticsSchema),
});

// Alerts.

const alertChannel = z.enum(ALERT_CHANNELS);
const alertRuleId = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const activeAlertSchema = z.strictObject({
  /** The watched condition: the rule's id, and the operator or channel it is about. */
  id: z.string().min(1),
  rule: alertRuleId,
  state: z.enum(['pending', 'firing']),
  teamId: teamId.nullable(),
  teamName: z.string().nullable(),
  value: z.number(),
  threshold: z.number(),
  /** ISO-8601 UTC: when the condition began to hold. */
  since: isoUtc,
  /** What it is, in a line, in the requester's language. */
  text: z.string().min(1),
});

export const alertsResponseSchema = z.strictObject({ active: z.array(activeAlertSchema) });

export const alertDeliverySchema = z.strictObject({
  channel: alertChannel,
  status: z.enum(DELIVERY_STATUSES),
  attempts: count,
  /** Why the last attempt failed, in an English sentence without secrets; null when it did not. */
  lastError: z.string().nullable(),
  /** ISO-8601 UTC: the last attempt, or when it was queued. */
  at: isoUtc,
});

export const alertEventSchema = z.strictObject({
  id: z.string().min(1),
  rule: alertRuleId,
  teamId: teamId.nullable(),
  teamName: z.string().nullable(),
  startedAt: isoUtc,
  firedAt: isoUtc,
  resolvedAt: isoUtc.nullable(),
  value: z.number(),
  threshold: z.number(),
  deliveries: z.array(alertDeliverySchema),
});

export const alertHistoryResponseSchema = z.strictObject({ events: z.array(alertEventSchema) });

export const alertChannelsResponseSchema = z.strictObject({
  channels: z.array(
    z.strictObject({
      kind: alertChannel,
      configured: z.boolean(),
      /** Where the target comes from; null when not configured. */
      source: z.enum(['env', 'settings']).nullable(),
      /** The target in words, without a secret ("chat -100123 through api.telegram.org"). */
      target: z.string().min(1),
    }),
  ),
});

export const alertTestResponseSchema = z.strictObject({
  channel: alertChannel,
  status: z.enum(['sent', 'failed']),
  /** An English sentence without secrets. */
  message: sentence,
});
