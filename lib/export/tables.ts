import { AGE_BUCKETS } from '@/lib/load/ages';
import { chatInTeam, teamScope } from '@/lib/load/rules';
import { UNASSIGNED_ROW_ID, type ChannelLoad, type TeamLoad, type UserLoad } from '@/lib/load/types';
import type { TeamAnalyticsBody } from '@/lib/snapshots/types';
import { chatExportRows, type ChatExportRow } from './rows';
import type { ExportText } from './text';
import type { ExportInput } from './types';

// The columns of the tabular exports, declared once for CSV and Excel. A column's kind decides how
// each format writes it: only text is guarded against formula injection in CSV, numbers stay
// numbers, and an instant is ISO text in CSV but a real date cell (plus the ISO text) in Excel.

export type Column<Row> =
  | { kind: 'text'; header: string; value: (row: Row) => string | null }
  | { kind: 'number'; header: string; value: (row: Row) => number | null }
  | { kind: 'boolean'; header: string; value: (row: Row) => boolean }
  /** Epoch ms, or null when unknown. */
  | { kind: 'instant'; header: string; value: (row: Row) => number | null };

export interface Table<Row> {
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
}

/** One row per chat, oldest first. */
export function chatTable(input: ExportInput, text: ExportText): Table<ChatExportRow> {
  const scopes = input.rules.teams.map(teamScope);
  const teamsOf = (row: ChatExportRow) =>
    scopes
      .filter((scope) => chatInTeam({ operatorId: row.unassigned ? null : row.operatorId, channelId: row.channelId === '' ? null : row.channelId }, scope))
      .map((scope) => scope.team.name)
      .join(', ') || null;
  return {
    columns: [
      { kind: 'text', header: text.chatId, value: (row) => row.chatId },
      { kind: 'text', header: text.chatName, value: (row) => row.chatName },
      { kind: 'text', header: text.phone, value: (row) => row.phone },
      { kind: 'text', header: text.operatorId, value: (row) => row.operatorId },
      { kind: 'text', header: text.operatorName, value: (row) => (row.unassigned ? text.unassigned : row.operatorName) },
      { kind: 'text', header: text.channelId, value: (row) => row.channelId },
      { kind: 'text', header: text.channelName, value: (row) => row.channelName },
      { kind: 'instant', header: text.lastMessage, value: (row) => row.lastMessageMs },
      { kind: 'number', header: text.ageSeconds, value: (row) => row.ageSeconds },
      { kind: 'text', header: text.ageBucket, value: (row) => (row.bucket < 0 ? null : (AGE_BUCKETS[row.bucket]?.label ?? null)) },
      { kind: 'text', header: text.teams, value: teamsOf },
    ],
    rows: chatExportRows(input),
  };
}

/** One row per operator of the aggregate, in its order; the unassigned row included. */
export function operatorTable(input: ExportInput, text: ExportText): Table<UserLoad> {
  const teamNames = new Map(input.rules.teams.map((team) => [team.id, team.name]));
  return {
    columns: [
      { kind: 'text', header: text.operatorId, value: (row) => row.userId },
      { kind: 'text', header: text.operatorName, value: (row) => (row.userId === UNASSIGNED_ROW_ID ? text.unassigned : row.name) },
      { kind: 'boolean', header: text.locked, value: (row) => row.locked },
      { kind: 'boolean', header: text.deleted, value: (row) => row.deleted },
      { kind: 'number', header: text.openChats, value: (row) => row.openChats },
      { kind: 'number', header: text.oldestAgeSeconds, value: (row) => row.oldestAgeSeconds },
      ...AGE_BUCKETS.map((bucket, index): Column<UserLoad> => ({ kind: 'number', header: bucket.label, value: (row) => row.buckets[index] ?? 0 })),
      { kind: 'number', header: text.capacity, value: (row) => row.capacity },
      { kind: 'boolean', header: text.overCapacity, value: (row) => row.overCapacity },
      { kind: 'boolean', header: text.available, value: (row) => row.available },
      { kind: 'instant', header: text.lastActive, value: (row) => (row.lastActiveAt === null ? null : Date.parse(row.lastActiveAt)) },
      { kind: 'text', header: text.teams, value: (row) => row.teamIds.map((id) => teamNames.get(id) ?? id).join(', ') || null },
    ],
    rows: input.aggregate.byUser,
  };
}

/** One row per channel of the aggregate, in its order. */
export function channelTable(input: ExportInput, text: ExportText): Table<ChannelLoad> {
  return {
    columns: [
      { kind: 'text', header: text.channelId, value: (row) => row.apiId },
      { kind: 'text', header: text.channelName, value: (row) => row.name },
      { kind: 'text', header: text.channelType, value: (row) => row.type },
      { kind: 'text', header: text.channelState, value: (row) => row.state },
      { kind: 'number', header: text.openChats, value: (row) => row.openChats },
    ],
    rows: input.aggregate.byChannel,
  };
}

/** One row per team of the settings, in their order. */
export function teamTable(input: ExportInput, text: ExportText): Table<TeamLoad> {
  return {
    columns: [
      { kind: 'text', header: text.teamId, value: (row) => row.teamId },
      { kind: 'text', header: text.team, value: (row) => row.name },
      { kind: 'number', header: text.openChats, value: (row) => row.openChats },
      { kind: 'number', header: text.capacity, value: (row) => row.capacity },
      { kind: 'number', header: text.operatorsInTeam, value: (row) => row.operators },
      { kind: 'number', header: text.availableOperators, value: (row) => row.availableOperators },
      { kind: 'number', header: text.overCapacityOperators, value: (row) => row.overCapacityOperators },
      { kind: 'number', header: text.overCriticalChats, value: (row) => row.overCriticalChats },
      { kind: 'number', header: text.oldestAgeSeconds, value: (row) => row.oldestAgeSeconds },
    ],
    rows: input.aggregate.byTeam,
  };
}

/** One row per team of a day's or a week's analytics. */
export function teamAnalyticsTable(rows: readonly TeamAnalyticsBody[], text: ExportText): Table<TeamAnalyticsBody> {
  return {
    columns: [
      { kind: 'text', header: text.teamId, value: (row) => row.teamId },
      { kind: 'text', header: text.team, value: (row) => row.name },
      { kind: 'number', header: text.peakOpenChats, value: (row) => row.peakOpenChats },
      { kind: 'number', header: text.meanOpenChats, value: (row) => row.meanOpenChats },
      { kind: 'number', header: text.minutesOverCapacity, value: (row) => row.minutesOverCapacity },
      { kind: 'number', header: text.maxOverCriticalChats, value: (row) => row.maxOverCriticalChats },
      { kind: 'number', header: text.minutesRecorded, value: (row) => row.minutesRecorded },
    ],
    rows,
  };
}
