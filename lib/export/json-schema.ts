import { z } from 'zod';
import { AGE_BUCKETS, type AgeBucketKey } from '@/lib/load/ages';

// The JSON export's contract, for our tests and for outside tools. Version 1; a change that removes
// or retypes a field is version 2, a new field may join version 1 (readers ignore what they don't know).
// The fields repeat the API's (lib/api/response-schemas.ts) on purpose: a file's version 1 must not
// change shape when the live API does, and its objects stay open to new fields where the API's are strict.

export const EXPORT_SCHEMA_NAME = 'chatload.export';
export const EXPORT_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative();
/** "2026-11-28T14:00:05+03:00": the team zone's wall clock with its offset. */
const zonedTime = z.iso.datetime({ offset: true });
const ageBucketKey = z.enum(AGE_BUCKETS.map((bucket) => bucket.key) as [AgeBucketKey, ...AgeBucketKey[]]);

export const exportTotalsSchema = z.object({
  openChats: count,
  /** Operators with at least one open chat; never the unassigned row. */
  operators: count,
  channels: count,
  oldestAgeSeconds: seconds.nullable(),
  medianAgeSeconds: seconds.nullable(),
  undatedChats: count,
  /** What the available operators in view can take together; null when one has no limit. */
  capacity: count.nullable(),
  overCapacityOperators: count,
  overWarningChats: count,
  overCriticalChats: count,
});

export const exportAgeBucketSchema = z.object({
  key: ageBucketKey,
  label: z.string(),
  fromSeconds: seconds,
  /** Exclusive; null for the last, open-ended bucket. */
  toSeconds: seconds.nullable(),
  openChats: count,
});

export const exportOperatorSchema = z.object({
  /** "0" is the row of chats without a responsible operator. */
  userId: z.string(),
  /** Null for the unassigned row and for an operator wamm.chat did not list. */
  name: z.string().nullable(),
  unassigned: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  openChats: count,
  oldestAgeSeconds: seconds.nullable(),
  /** Open chats per age bucket key. */
  buckets: z.record(ageBucketKey, count),
  /** Null: no limit. */
  capacity: count.nullable(),
  teamIds: z.array(z.string()),
  lastActiveAt: zonedTime.nullable(),
  available: z.boolean(),
  overCapacity: z.boolean(),
});

export const exportTeamSchema = z.object({
  teamId: z.string(),
  name: z.string(),
  openChats: count,
  capacity: count.nullable(),
  operators: count,
  availableOperators: count,
  overCapacityOperators: count,
  overCriticalChats: count,
  oldestAgeSeconds: seconds.nullable(),
});

export const exportChannelSchema = z.object({
  apiId: z.string(),
  name: z.string().nullable(),
  type: z.string().nullable(),
  state: z.string().nullable(),
  openChats: count,
});

export const exportChatSchema = z.object({
  chatId: z.string(),
  chatName: z.string(),
  phone: z.string(),
  /** "0" when no operator is responsible. */
  operatorId: z.string(),
  /** Null when unassigned, or when the operator is not in wamm.chat's list. */
  operatorName: z.string().nullable(),
  channelId: z.string(),
  channelName: z.string().nullable(),
  /** Null when wamm.chat gave no usable date. */
  lastMessageAt: zonedTime.nullable(),
  ageSeconds: seconds.nullable(),
  ageBucket: ageBucketKey.nullable(),
});

export const exportDocumentSchema = z
  .object({
    schema: z.literal(EXPORT_SCHEMA_NAME),
    version: z.literal(EXPORT_SCHEMA_VERSION),
    asOf: zonedTime,
    /** IANA zone every time in the document is written in. */
    timezone: z.string().min(1),
    source: z.enum(['live', 'snapshot']),
    snapshotId: z.string().nullable(),
    label: z.string().nullable(),
    filters: z.object({ channel: z.string().nullable(), user: z.string().nullable(), team: z.string().nullable() }),
    complete: z.boolean(),
    partialReason: z.string().nullable(),
    totals: exportTotalsSchema,
    ageBuckets: z.array(exportAgeBucketSchema),
    operators: z.array(exportOperatorSchema),
    channels: z.array(exportChannelSchema),
    /** Every team of the settings over the whole data set (the filters do not apply). */
    teams: z.array(exportTeamSchema),
    /** The open chats within the filters, oldest first; undated last. */
    chats: z.array(exportChatSchema),
  })
  .superRefine((doc, ctx) => {
    // The numbers and the list must describe the same chats.
    if (doc.chats.length !== doc.totals.openChats) {
      ctx.addIssue({ code: 'custom', path: ['chats'], message: `${doc.chats.length} chats listed, totals say ${doc.totals.openChats}` });
    }
    const bucketed = doc.ageBuckets.reduce((sum, bucket) => sum + bucket.openChats, 0);
    if (bucketed + doc.totals.undatedChats !== doc.totals.openChats) {
      ctx.addIssue({ code: 'custom', path: ['ageBuckets'], message: 'age buckets and undated chats do not add up to the open chats' });
    }
  });

export type ExportDocument = z.output<typeof exportDocumentSchema>;
export type ExportChat = z.output<typeof exportChatSchema>;
export type ExportOperator = z.output<typeof exportOperatorSchema>;
