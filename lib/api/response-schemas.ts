import { z } from 'zod';
import { AGE_BUCKETS, type AgeBucketKey } from '@/lib/load/ages';
import { PARTIAL_CODES, UPSTREAM_ERROR_CODES, type ApiErrorBody, type ChatsResponse, type HealthResponse, type LoadResponse } from '@/lib/load/types';
import type { HistoryResponse, SnapshotListResponse, SnapshotResponse, SnapshotSummaryBody } from '@/lib/snapshots/types';

// The HTTP API's responses as zod schemas, held to the TypeScript contract in lib/load/types.ts.
// Tests check every answer against them, so the README's API section is enforced, not described.

const isoUtc = z.iso.datetime({ offset: false });
const id = z.string().regex(/^\S*$/);
const count = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative();

const upstreamCode = z.enum(UPSTREAM_ERROR_CODES);
const upstreamError = z.strictObject({ code: upstreamCode, message: z.string().min(10), detail: z.string().min(1).optional() });
const partial = z.strictObject({
  code: z.enum(PARTIAL_CODES),
  count: count.nullable(),
  cap: count,
});
const filters = z.strictObject({ channel: id.nullable(), user: id.nullable(), team: id.nullable() });

export const loadResponseSchema = z.strictObject({
  asOf: isoUtc,
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: z.string().min(10).optional(),
  partial: partial.optional(),
  demo: z.boolean(),
  refreshSeconds: z.number().int().min(1),
  upstreamError: upstreamError.nullable(),
  filters,
  totals: z.strictObject({
    openChats: count,
    operators: count,
    channels: count,
    oldestAgeSeconds: seconds.nullable(),
    medianAgeSeconds: seconds.nullable(),
    undatedChats: count,
    capacity: count.nullable(),
    overCapacityOperators: count,
    overWarningChats: count,
    overCriticalChats: count,
  }),
  ageBuckets: z
    .array(
      z.strictObject({
        key: z.enum(['lt5m', '5to15m', '15to60m', '1to4h', '4to24h', 'gt24h'] satisfies AgeBucketKey[]),
        label: z.string(),
        fromSeconds: seconds,
        toSeconds: seconds.nullable(),
        openChats: count,
      }),
    )
    .length(AGE_BUCKETS.length),
  byUser: z.array(
    z.strictObject({
      userId: id,
      name: z.string().nullable(),
      locked: z.boolean(),
      deleted: z.boolean(),
      openChats: count,
      oldestAgeSeconds: seconds.nullable(),
      buckets: z.array(count).length(AGE_BUCKETS.length),
      capacity: count.nullable(),
      teamIds: z.array(id),
      lastActiveAt: isoUtc.nullable(),
      available: z.boolean(),
      overCapacity: z.boolean(),
    }),
  ),
  byChannel: z.array(
    z.strictObject({
      apiId: id,
      name: z.string().nullable(),
      type: z.string().nullable(),
      state: z.string().nullable(),
      openChats: count,
    }),
  ),
  byTeam: z.array(
    z.strictObject({
      teamId: z.string().regex(/^[a-z0-9-]{1,40}$/),
      name: z.string().min(1),
      openChats: count,
      capacity: count.nullable(),
      operators: count,
      availableOperators: count,
      overCapacityOperators: count,
      overCriticalChats: count,
      oldestAgeSeconds: seconds.nullable(),
    }),
  ),
}) satisfies z.ZodType<LoadResponse>;

export const chatsResponseSchema = z.strictObject({
  asOf: isoUtc,
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: z.string().optional(),
  partial: partial.optional(),
  filters,
  chats: z.array(
    z.strictObject({
      chatId: id,
      chatName: z.string(),
      phone: z.string(),
      avatar: z.string(),
      userId: id,
      apiId: id,
      lastMessageAt: isoUtc.nullable(),
      ageSeconds: seconds.nullable(),
    }),
  ),
}) satisfies z.ZodType<ChatsResponse>;

export const healthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string().min(1),
  demo: z.boolean(),
  refreshSeconds: z.number().int().min(1),
  asOf: isoUtc.nullable(),
  stale: z.boolean(),
  complete: z.boolean(),
  partialReason: z.string().optional(),
  partial: partial.optional(),
  upstream: z.strictObject({
    lastSuccessAt: isoUtc.nullable(),
    lastErrorAt: isoUtc.nullable(),
    lastError: upstreamError.nullable(),
    consecutiveFailures: count,
  }),
  storage: z.strictObject({
    ok: z.boolean(),
    database: z.string().min(1),
    problem: z.string().min(10).nullable(),
    failingSince: isoUtc.nullable(),
  }),
  timezone: z.strictObject({
    name: z.string(),
    suspect: z.boolean(),
    futureSeconds: seconds.nullable(),
    message: z.string().nullable(),
  }),
}) satisfies z.ZodType<HealthResponse>;

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.union([z.enum(['bad_request', 'payload_too_large', 'not_found', 'internal_error', 'unauthorized', 'display_revoked', 'forbidden', 'cross_origin', 'too_many_attempts', 'storage_unavailable', 'busy', 'conflict']), upstreamCode]),
    message: z.string().min(10),
    detail: z.string().min(1).optional(),
  }),
}) satisfies z.ZodType<ApiErrorBody>;

export const snapshotSummarySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  createdAt: isoUtc,
  asOf: isoUtc,
  label: z.string().min(1).max(100).nullable(),
  savedBy: z.string().nullable(),
  trigger: z.enum(['manual', 'scheduled']),
  filters,
  openChats: count,
  operators: count,
  oldestAgeSeconds: seconds.nullable(),
  complete: z.boolean(),
  url: z.string().regex(/^\/snapshots\/[A-Za-z0-9_-]{22}$/),
}) satisfies z.ZodType<SnapshotSummaryBody>;

export const snapshotListSchema = z.strictObject({ snapshots: z.array(snapshotSummarySchema) }) satisfies z.ZodType<SnapshotListResponse>;

export const snapshotResponseSchema = z.strictObject({
  snapshot: snapshotSummarySchema,
  load: loadResponseSchema.extend({ stale: z.literal(false), upstreamError: z.null() }),
}) satisfies z.ZodType<SnapshotResponse>;

const nullableNumber = z.number().nonnegative().nullable();

export const historyResponseSchema = z.strictObject({
  from: isoUtc,
  to: isoUtc,
  by: z.enum(['total', 'operator', 'channel', 'team']),
  stepSeconds: z.number().int().min(60),
  series: z.array(
    z.strictObject({
      id: z.string(),
      points: z.array(
        z.strictObject({ at: isoUtc, openChats: nullableNumber, openChatsMax: nullableNumber, oldestAgeSeconds: nullableNumber, samples: count }),
      ),
    }),
  ),
}) satisfies z.ZodType<HistoryResponse>;
