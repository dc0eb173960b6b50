import { z } from 'zod';
import { AGE_BUCKET_COUNT } from '@/lib/load/ages';
import { NO_FILTERS, aggregate, type LoadChat, type LoadDataset, type LoadFilters } from '@/lib/load/aggregate';
import { numbersFor } from '@/lib/load/responses';
import type { LoadRules } from '@/lib/load/rules';
import type { DataView, LoadData } from '@/lib/load/store';
import { PARTIAL_CODES, UNASSIGNED_ROW_ID, type PartialInfo } from '@/lib/load/types';
import type { Channel, Operator } from '@/lib/model/team';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, parseSettings } from '@/lib/settings/schema';
import type { SnapshotRecord } from '@/lib/storage/types';
import { isGroupPhone } from '@/lib/wamm/mapping';

// A snapshot is the team's load frozen at one moment: every chat of the data set, the operator and
// channel lists and the filters in force, in chatload's own model (lib/model/team.ts). It is stored
// as one JSON document with a version and read back into the same view the live responses are built
// from, so a snapshot's page, its CSV, its workbook and its JSON come from one source and cannot
// disagree. Its numbers are counted again from its chats when it is opened, under the rules (teams,
// capacity, thresholds) that were in force when it was taken, which it keeps.
//
// Version 1 (chatload 0.1) stored wamm.chat's own shapes: "0" for nobody responsible, "" for no
// channel, operators as "users" with their e-mail blanked, and the numbers as shown. It is read by
// `fromVersion1` below and opens as it did.

export const SNAPSHOT_DATA_VERSION = 2;

export interface SnapshotDocument {
  version: typeof SNAPSHOT_DATA_VERSION;
  demo: boolean;
  /** The team's time zone when it was taken: exports write times in it. */
  timezone: string;
  complete: boolean;
  partialReason: string | null;
  partial: PartialInfo | null;
  filters: LoadFilters;
  dataset: LoadDataset;
  /** The teams, capacity, thresholds and availability in force when it was taken. */
  rules: LoadRules;
  /** A manager chose to show full phone numbers to whoever opens it; else the last four digits. */
  phonesShown: boolean;
}

export interface SnapshotMeta {
  label: string | null;
  savedBy: string | null;
  trigger: 'manual' | 'scheduled';
  phonesShown?: boolean;
}

/** A snapshot read back: its record's facts, its document, and a view to build responses and exports from. */
export interface ThawedSnapshot {
  record: Omit<SnapshotRecord, 'data'>;
  document: SnapshotDocument;
  view: DataView;
}

const id = z.string().max(64);
const nullableText = z.string().nullable();
const nullableId = id.nullable();
const bucket = z.number().int().min(-1).max(AGE_BUCKET_COUNT - 1);
const partialSchema = z
  .object({ code: z.enum(PARTIAL_CODES), count: z.number().nullable(), cap: z.number() })
  .nullable();
const filtersSchema = z.object({ channel: id.nullable(), user: id.nullable() });
const filtersV2Schema = filtersSchema.extend({ team: id.nullable() });

const chatSchema = z.object({
  chatId: id,
  chatName: z.string(),
  phone: z.string(),
  avatar: z.string(),
  operatorId: nullableId,
  channelId: nullableId,
  lastMessageMs: z.number().nullable(),
  group: z.boolean(),
  ageSeconds: z.number().nullable(),
  bucket,
}) satisfies z.ZodType<LoadChat>;

const operatorSchema = z.object({
  id,
  name: nullableText,
  admin: z.boolean(),
  locked: z.boolean(),
  deleted: z.boolean(),
  lastActiveMs: z.number().nullable(),
}) satisfies z.ZodType<Operator>;

const channelSchema = z.object({ id, name: nullableText, type: nullableText, state: nullableText }) satisfies z.ZodType<Channel>;

// Stored documents are parsed, not trusted: a file edited by hand or written by a newer version is
// refused with a clear error instead of drawing wrong numbers.
const documentSchema = z.object({
  version: z.literal(SNAPSHOT_DATA_VERSION),
  demo: z.boolean(),
  timezone: z.string(),
  complete: z.boolean(),
  partialReason: nullableText,
  partial: partialSchema,
  filters: filtersV2Schema,
  dataset: z.object({ asOfMs: z.number(), chats: z.array(chatSchema), operators: z.array(operatorSchema), channels: z.array(channelSchema) }),
  rules: z.unknown().transform((value, context): LoadRules => {
    const parsed = parseSettings({ version: SETTINGS_VERSION, ...(value as object) });
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    const { teams, capacity, thresholds, availability } = parsed.settings;
    return { teams, capacity, thresholds, availability };
  }),
  phonesShown: z.boolean(),
});

const version1Schema = z.object({
  version: z.literal(1),
  demo: z.boolean(),
  timezone: z.string(),
  complete: z.boolean(),
  partialReason: nullableText,
  partial: partialSchema,
  filters: filtersSchema,
  dataset: z.object({
    asOfMs: z.number(),
    chats: z.array(
      z.object({
        chatId: id,
        chatName: z.string(),
        phone: z.string(),
        avatar: z.string(),
        userId: id,
        apiId: z.string().max(64),
        lastMessageMs: z.number().nullable(),
        ageSeconds: z.number().nullable(),
        bucket,
      }),
    ),
    users: z.array(z.object({ userId: id, name: nullableText, admin: z.boolean(), locked: z.boolean(), deleted: z.boolean() })),
    channels: z.array(z.object({ apiId: id, name: nullableText, type: nullableText, state: nullableText })),
  }),
  phonesShown: z.boolean().optional(),
});

export class SnapshotDataError extends Error {
  constructor(id: string, detail: string) {
    super(`snapshot ${id} cannot be read: ${detail}`);
    this.name = 'SnapshotDataError';
  }
}

/** The record to store for the data a view shows now, under the filters in force. */
export function freeze(
  view: DataView,
  filters: LoadFilters,
  meta: SnapshotMeta,
  context: { id: string; nowMs: number; demo: boolean; timezone: string },
): SnapshotRecord {
  const data = view.data;
  const numbers = numbersFor(data, filters);
  const { teams, capacity, thresholds, availability } = data.rules;
  const document: SnapshotDocument = {
    version: SNAPSHOT_DATA_VERSION,
    demo: context.demo,
    timezone: context.timezone,
    complete: data.complete,
    partialReason: data.partialReason,
    partial: data.partial,
    filters,
    dataset: data.dataset,
    rules: { teams, capacity, thresholds, availability },
    phonesShown: meta.phonesShown === true,
  };
  return {
    id: context.id,
    createdAtMs: context.nowMs,
    asOfMs: data.dataset.asOfMs,
    label: meta.label,
    savedBy: meta.savedBy,
    trigger: meta.trigger,
    filterChannel: filters.channel,
    filterUser: filters.user,
    filterTeam: filters.team,
    openChats: numbers.totals.openChats,
    operators: numbers.totals.operators,
    oldestAgeSeconds: numbers.totals.oldestAgeSeconds,
    complete: data.complete,
    data: JSON.stringify(document),
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
  const document = readDocument(record.id, json);
  const { data: _stored, ...facts } = record;
  const data: LoadData = {
    dataset: document.dataset,
    complete: document.complete,
    partialReason: document.partialReason,
    partial: document.partial,
    // A snapshot is read, never acted on: which operators were partial does not matter to it.
    partialOperators: document.complete ? [] : 'all',
    maxFutureSeconds: 0,
    rules: document.rules,
    // Not a revision of the live settings: a snapshot keeps the rules it was taken under.
    rulesRevision: -1,
    unfiltered: aggregate(document.dataset, NO_FILTERS, document.rules),
  };
  return {
    record: facts,
    document,
    view: {
      version: 0,
      data,
      upstreamError: null,
      lastSuccessAtMs: document.dataset.asOfMs,
      lastErrorAtMs: null,
      consecutiveFailures: 0,
      stale: false,
    },
  };
}

function readDocument(snapshotId: string, json: unknown): SnapshotDocument {
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (version === 1) {
    const parsed = version1Schema.safeParse(json);
    if (!parsed.success) throw new SnapshotDataError(snapshotId, `unexpected stored data at ${parsed.error.issues[0]?.path.join('.') || 'the top'}`);
    return fromVersion1(parsed.data);
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) throw new SnapshotDataError(snapshotId, `unexpected stored data at ${parsed.error.issues[0]?.path.join('.') || 'the top'}`);
  return parsed.data;
}

/** A version 1 document in today's model: "0" and "" become null; operators get no last-active time. */
function fromVersion1(old: z.output<typeof version1Schema>): SnapshotDocument {
  return {
    version: SNAPSHOT_DATA_VERSION,
    demo: old.demo,
    timezone: old.timezone,
    complete: old.complete,
    partialReason: old.partialReason,
    partial: old.partial,
    filters: { ...old.filters, team: null },
    dataset: {
      asOfMs: old.dataset.asOfMs,
      chats: old.dataset.chats.map((chat) => ({
        chatId: chat.chatId,
        chatName: chat.chatName,
        phone: chat.phone,
        avatar: chat.avatar,
        operatorId: chat.userId === UNASSIGNED_ROW_ID || chat.userId === '' ? null : chat.userId,
        channelId: chat.apiId === '' ? null : chat.apiId,
        lastMessageMs: chat.lastMessageMs,
        group: isGroupPhone(chat.phone),
        ageSeconds: chat.ageSeconds,
        bucket: chat.bucket,
      })),
      operators: old.dataset.users.map((user) => ({
        id: user.userId,
        name: user.name,
        admin: user.admin,
        locked: user.locked,
        deleted: user.deleted,
        lastActiveMs: null,
      })),
      channels: old.dataset.channels.map((channel) => ({ id: channel.apiId, name: channel.name, type: channel.type, state: channel.state })),
    },
    // Teams and capacity did not exist yet: none, and the default thresholds.
    rules: { teams: DEFAULT_SETTINGS.teams, capacity: DEFAULT_SETTINGS.capacity, thresholds: DEFAULT_SETTINGS.thresholds, availability: DEFAULT_SETTINGS.availability },
    phonesShown: old.phonesShown === true,
  };
}
