// Every word an export writes, in one place so it can be translated later: pass a partial override
// to the CSV and Excel builders. Age bucket headers are AGE_BUCKETS' labels.

export const EXPORT_TEXT = {
  chatId: 'Chat id',
  chatName: 'Chat name',
  phone: 'Phone',
  operatorId: 'Operator id',
  operatorName: 'Operator',
  channelId: 'Channel id',
  channelName: 'Channel',
  lastMessage: 'Last message',
  ageSeconds: 'Age (seconds)',
  ageBucket: 'Age bucket',
  locked: 'Locked',
  deleted: 'Deleted',
  openChats: 'Open chats',
  oldestAgeSeconds: 'Oldest age (seconds)',
  channelType: 'Type',
  channelState: 'State',
  capacity: 'Capacity (empty: no limit)',
  teams: 'Teams',
  team: 'Team',
  teamId: 'Team id',
  available: 'Available',
  lastActive: 'Last active',
  overCapacity: 'Over capacity',
  operatorsInTeam: 'Operators',
  availableOperators: 'Available operators',
  overCapacityOperators: 'Operators over capacity',
  overCriticalChats: 'Chats past the critical threshold',
  /** The operator name of chats without a responsible operator (operator id "0"). */
  unassigned: 'Unassigned',
  yes: 'yes',
  no: 'no',
  // Summary sheet.
  item: 'Item',
  value: 'Value',
  asOf: 'As of',
  asOfIso: 'As of (ISO 8601)',
  timezone: 'Time zone',
  source: 'Source',
  sourceLive: 'live',
  sourceSnapshot: 'snapshot',
  snapshotId: 'Snapshot id',
  label: 'Label',
  channelFilter: 'Channel filter',
  operatorFilter: 'Operator filter',
  teamFilter: 'Team filter',
  allFilter: 'all',
  complete: 'Complete',
  partialReason: 'Partial reason',
  totalOpenChats: 'Open chats',
  totalOperators: 'Operators with open chats',
  totalChannels: 'Channels with open chats',
  totalOldestAgeSeconds: 'Oldest age (seconds)',
  totalMedianAgeSeconds: 'Median age (seconds)',
  totalUndatedChats: 'Open chats without a date',
  totalCapacity: 'Capacity of the available operators (empty: no limit)',
  totalOverCapacityOperators: 'Operators over capacity',
  totalOverWarningChats: 'Chats past the warning threshold',
  totalOverCriticalChats: 'Chats past the critical threshold',
} as const;

export type ExportText = { readonly [K in keyof typeof EXPORT_TEXT]: string };

export function exportText(override: Partial<ExportText> = {}): ExportText {
  return { ...EXPORT_TEXT, ...override };
}
