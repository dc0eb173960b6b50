import { AGE_BUCKETS, type AgeBucketKey } from '@/lib/load/ages';
import { UNASSIGNED_ROW_ID, type UserLoad } from '@/lib/load/types';
import { EXPORT_SCHEMA_NAME, EXPORT_SCHEMA_VERSION, type ExportDocument, type ExportOperator } from './json-schema';
import { chatExportRows } from './rows';
import type { ExportInput } from './types';
import { isoInZone } from './zoned-time';

// The JSON export: everything at once (totals, operators, channels, chats), for tools rather than
// people, so names stay null where CSV and Excel write words, and buckets go by key.

export function exportDocument(input: ExportInput): ExportDocument {
  const { aggregate } = input;
  return {
    schema: EXPORT_SCHEMA_NAME,
    version: EXPORT_SCHEMA_VERSION,
    asOf: isoInZone(input.asOfMs, input.timezone),
    timezone: input.timezone,
    source: input.source,
    snapshotId: input.snapshotId,
    label: input.label,
    filters: { channel: input.filters.channel, user: input.filters.user, team: input.filters.team },
    complete: input.complete,
    partialReason: input.partialReason,
    totals: { ...aggregate.totals },
    ageBuckets: aggregate.ageBuckets.map((bucket) => ({ ...bucket })),
    operators: aggregate.byUser.map((row) => operator(row, input.timezone)),
    channels: aggregate.byChannel.map((channel) => ({ ...channel })),
    teams: aggregate.byTeam.map((team) => ({ ...team })),
    chats: chatExportRows(input).map((chat) => ({
      chatId: chat.chatId,
      chatName: chat.chatName,
      phone: chat.phone,
      operatorId: chat.operatorId,
      operatorName: chat.operatorName,
      channelId: chat.channelId,
      channelName: chat.channelName,
      lastMessageAt: chat.lastMessageMs === null ? null : isoInZone(chat.lastMessageMs, input.timezone),
      ageSeconds: chat.ageSeconds,
      ageBucket: chat.bucket < 0 ? null : (AGE_BUCKETS[chat.bucket]?.key ?? null),
    })),
  };
}

/** The document as a file: indented, since people open it too. */
export function exportJson(input: ExportInput): string {
  return `${JSON.stringify(exportDocument(input), null, 2)}\n`;
}

function operator(row: UserLoad, timezone: string): ExportOperator {
  const buckets = {} as Record<AgeBucketKey, number>;
  AGE_BUCKETS.forEach((bucket, index) => (buckets[bucket.key] = row.buckets[index] ?? 0));
  return {
    userId: row.userId,
    name: row.name,
    unassigned: row.userId === UNASSIGNED_ROW_ID,
    locked: row.locked,
    deleted: row.deleted,
    openChats: row.openChats,
    oldestAgeSeconds: row.oldestAgeSeconds,
    buckets,
    capacity: row.capacity,
    teamIds: row.teamIds,
    lastActiveAt: row.lastActiveAt === null ? null : isoInZone(Date.parse(row.lastActiveAt), timezone),
    available: row.available,
    overCapacity: row.overCapacity,
  };
}
