import { z } from 'zod';
import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import { aggregate, type LoadAggregate, type LoadChat, type LoadDataset, type LoadFilters } from '@/lib/load/aggregate';
import type { LoadSnapshot, StoreView } from '@/lib/load/store';
import type { PartialInfo } from '@/lib/load/types';
import type { SnapshotRecord } from '@/lib/storage/types';

// A snapshot is the team's load frozen at one moment: every chat of the data set, the operator and
// channel lists, the filters in force and the numbers for them. It is stored as one JSON document
// and read back into the same shape the live views are built from, so a snapshot's page, its CSV,
// its workbook and its JSON come from one source and cannot disagree.

export const SNAPSHOT_DATA_VERSION = 1;

export interface SnapshotData {
  version: typeof SNAPSHOT_DATA_VERSION;
  demo: boolean;
  /** The team's time zone when it was taken: exports write times in it. */
  timezone: string;
  complete: boolean;
  partialReason: string | null;
  partial: PartialInfo | null;
  filters: LoadFilters;
  dataset: LoadDataset;
  /** The numbers of the filtered view as they were shown. */
  aggregate: LoadAggregate;
  /** A manager chose to show full phone numbers to whoever opens it; else the last four digits. */
  phonesShown: boolean;
}

export interface SnapshotMeta {
  label: string | null;
  savedBy: string | null;
  trigger: 'manual' | 'scheduled';
  phonesShown?: boolean;
}

/** A snapshot read back: its record's facts and a store view to build responses and exports from. */
export interface ThawedSnapshot {
  record: Omit<SnapshotRecord, 'data'>;
  data: SnapshotData;
  view: StoreView & { snapshot: LoadSnapshot };
}

const id = z.string().max(64);
const nullableText = z.string().nullable();
const chatSchema = z.object({
  chatId: id,
  chatName: z.string(),
  phone: z.string(),
  avatar: z.string(),
  userId: id,
  apiId: id,
  lastMessageMs: z.number().nullable(),
  ageSeconds: z.number().nullable(),
  bucket: z.number().int().min(-1).max(AGE_BUCKET_COUNT - 1),
}) satisfies z.ZodType<LoadChat>;

// Stored documents are parsed, not trusted: a file edited by hand or written by a newer version is
// refused with a clear error instead of drawing wrong numbers.
const dataSchema = z.object({
  version: z.literal(SNAPSHOT_DATA_VERSION),
  demo: z.boolean(),
  timezone: z.string(),
  complete: z.boolean(),
  partialReason: nullableText,
  partial: z
    .object({ code: z.enum(['operators_unavailable', 'operator_chats_failed', 'unassigned_beyond_cap']), count: z.number().nullable(), cap: z.number() })
    .nullable(),
  filters: z.object({ channel: id.nullable(), user: id.nullable() }),
  dataset: z.object({
    asOfMs: z.number(),
    chats: z.array(chatSchema),
    users: z.array(
      z.object({ userId: id, name: nullableText, email: z.string(), admin: z.boolean(), locked: z.boolean(), deleted: z.boolean() }),
    ),
    channels: z.array(z.object({ apiId: id, name: nullableText, type: nullableText, state: nullableText })),
  }),
  aggregate: z.custom<LoadAggregate>((value) => typeof value === 'object' && value !== null && 'totals' in value),
  phonesShown: z.boolean().optional().transform((value) => value === true),
});

export class SnapshotDataError extends Error {
  constructor(id: string, detail: string) {
    super(`snapshot ${id} cannot be read: ${detail}`);
    this.name = 'SnapshotDataError';
  }
}

/** The record to store for the data a view shows now, under the filters in force. */
export function freeze(
  view: StoreView & { snapshot: LoadSnapshot },
  filters: LoadFilters,
  meta: SnapshotMeta,
  context: { id: string; nowMs: number; demo: boolean; timezone: string },
): SnapshotRecord {
  const snapshot = view.snapshot;
  const numbers = filters.channel === null && filters.user === null ? snapshot.unfiltered : aggregate(snapshot.dataset, filters);
  const data: SnapshotData = {
    version: SNAPSHOT_DATA_VERSION,
    demo: context.demo,
    timezone: context.timezone,
    complete: snapshot.complete,
    partialReason: snapshot.partialReason,
    partial: snapshot.partial,
    filters,
    // Operators' e-mail addresses are not part of the load: they stay out of stored snapshots.
    dataset: { ...snapshot.dataset, users: snapshot.dataset.users.map((user) => ({ ...user, email: '' })) },
    aggregate: numbers,
    phonesShown: meta.phonesShown === true,
  };
  return {
    id: context.id,
    createdAtMs: context.nowMs,
    asOfMs: snapshot.dataset.asOfMs,
    label: meta.label,
    savedBy: meta.savedBy,
    trigger: meta.trigger,
    filterChannel: filters.channel,
    filterUser: filters.user,
    filterTeam: null,
    openChats: numbers.totals.openChats,
    operators: numbers.totals.operators,
    oldestAgeSeconds: numbers.totals.oldestAgeSeconds,
    complete: snapshot.complete,
    data: JSON.stringify(data),
  };
}

/** A stored record back into a view the response builders and exports understand. */
export function thaw(record: SnapshotRecord): ThawedSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(record.data);
  } catch {
    throw new SnapshotDataError(record.id, 'its stored data is not valid JSON');
  }
  const parsed = dataSchema.safeParse(json);
  if (!parsed.success) throw new SnapshotDataError(record.id, `unexpected stored data at ${parsed.error.issues[0]?.path.join('.') || 'the top'}`);
  const data = parsed.data as SnapshotData;
  const { data: _stored, ...facts } = record;
  const snapshot: LoadSnapshot = {
    dataset: data.dataset,
    complete: data.complete,
    partialReason: data.partialReason,
    partial: data.partial,
    maxFutureSeconds: 0,
    unfiltered: aggregate(data.dataset, { channel: null, user: null }),
  };
  return {
    record: facts,
    data,
    view: {
      version: 0,
      snapshot,
      upstreamError: null,
      lastSuccessAtMs: data.dataset.asOfMs,
      lastErrorAtMs: null,
      consecutiveFailures: 0,
      stale: false,
    },
  };
}
