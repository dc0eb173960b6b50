import { AGE_BUCKETS, AGE_BUCKET_COUNT, ageBucketIndex } from './ages';
import { compareNames } from './names-order';
import { UNASSIGNED_ROW_ID, type AgeBucketTotal, type ChannelLoad, type LoadTotals, type UserLoad } from './types';
import type { Channel, OpenChat, Operator } from '@/lib/model/team';

// Pure functions from one upstream fetch to the numbers on screen. Chats are dated and sorted once
// per refresh (oldest first), so a filtered view is a single pass with no sorting: the oldest chat
// of a scope is its first, the median its middle.

/** An open chat dated against the fetch. */
export interface LoadChat extends OpenChat {
  /** Seconds from the last message to the fetch; future dates count as 0. */
  ageSeconds: number | null;
  /** Index into AGE_BUCKETS, -1 when undated. */
  bucket: number;
}

export interface LoadDataset {
  asOfMs: number;
  /** Oldest first; undated chats last. */
  chats: LoadChat[];
  operators: Operator[];
  channels: Channel[];
}

export interface LoadFilters {
  channel: string | null;
  user: string | null;
}

export interface LoadAggregate {
  totals: LoadTotals;
  ageBuckets: AgeBucketTotal[];
  byUser: UserLoad[];
  byChannel: ChannelLoad[];
}

/** Dates every chat against the fetch time and sorts oldest first. */
export function prepareChats(raw: readonly OpenChat[], asOfMs: number): { chats: LoadChat[]; maxFutureSeconds: number } {
  let maxFutureSeconds = 0;
  const chats: LoadChat[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const chat = raw[i]!;
    const lastMessageMs = chat.lastMessageMs;
    let ageSeconds: number | null = null;
    if (lastMessageMs !== null) {
      const age = Math.floor((asOfMs - lastMessageMs) / 1000);
      if (age < 0 && -age > maxFutureSeconds) maxFutureSeconds = -age;
      ageSeconds = age > 0 ? age : 0;
    }
    chats[i] = {
      ...chat,
      ageSeconds,
      bucket: ageSeconds === null ? -1 : ageBucketIndex(ageSeconds),
    };
  }
  chats.sort(compareOldestFirst);
  return { chats, maxFutureSeconds };
}

function compareOldestFirst(a: LoadChat, b: LoadChat): number {
  if (a.ageSeconds === null) return b.ageSeconds === null ? compareIds(a.chatId, b.chatId) : 1;
  if (b.ageSeconds === null) return -1;
  return b.ageSeconds - a.ageSeconds || compareIds(a.chatId, b.chatId);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `byUser` row a chat counts in: its operator's, or the unassigned row. */
export function operatorRowId(chat: Pick<OpenChat, 'operatorId'>): string {
  return chat.operatorId ?? UNASSIGNED_ROW_ID;
}

export function matchesFilters(chat: LoadChat, filters: LoadFilters): boolean {
  return (filters.channel === null || chat.channelId === filters.channel) && (filters.user === null || operatorRowId(chat) === filters.user);
}

export function aggregate(dataset: LoadDataset, filters: LoadFilters): LoadAggregate {
  const operatorsById = new Map<string, Operator>();
  for (const operator of dataset.operators) operatorsById.set(operator.id, operator);
  const channelsById = new Map<string, Channel>();
  for (const channel of dataset.channels) channelsById.set(channel.id, channel);

  // Rows exist before counting so idle operators and quiet channels show as 0.
  const userRows = new Map<string, UserLoad>();
  const addUser = (userId: string) => {
    if (userRows.has(userId)) return;
    if (filters.user !== null && userId !== filters.user) return;
    const known = userId === UNASSIGNED_ROW_ID ? undefined : operatorsById.get(userId);
    userRows.set(userId, {
      userId,
      name: known?.name ?? null,
      locked: known?.locked ?? false,
      deleted: known?.deleted ?? false,
      openChats: 0,
      oldestAgeSeconds: null,
      buckets: new Array<number>(AGE_BUCKET_COUNT).fill(0),
    });
  };
  for (const operator of dataset.operators) if (!operator.deleted) addUser(operator.id);

  const channelRows = new Map<string, ChannelLoad>();
  const addChannel = (apiId: string) => {
    if (channelRows.has(apiId)) return;
    if (filters.channel !== null && apiId !== filters.channel) return;
    const known = channelsById.get(apiId);
    channelRows.set(apiId, {
      apiId,
      name: known?.name ?? null,
      type: known?.type ?? null,
      state: known?.state ?? null,
      openChats: 0,
    });
  };
  for (const channel of dataset.channels) addChannel(channel.id);

  const bucketTotals = new Array<number>(AGE_BUCKET_COUNT).fill(0);
  const operatorsWithChats = new Set<string>();
  const channelsWithChats = new Set<string>();
  const datedAges: number[] = [];
  let openChats = 0;
  let undatedChats = 0;

  for (const chat of dataset.chats) {
    // Every id seen on a chat gets a row, even outside the filter, so rows don't jump between views.
    const rowId = operatorRowId(chat);
    addUser(rowId);
    if (chat.channelId !== null) addChannel(chat.channelId);
    if (!matchesFilters(chat, filters)) continue;

    openChats++;
    if (chat.operatorId !== null) operatorsWithChats.add(chat.operatorId);
    if (chat.channelId !== null) channelsWithChats.add(chat.channelId);

    const userRow = userRows.get(rowId)!;
    userRow.openChats++;
    const channelRow = chat.channelId === null ? undefined : channelRows.get(chat.channelId);
    if (channelRow) channelRow.openChats++;

    if (chat.bucket < 0 || chat.ageSeconds === null) {
      undatedChats++;
      continue;
    }
    datedAges.push(chat.ageSeconds);
    bucketTotals[chat.bucket]!++;
    userRow.buckets[chat.bucket]!++;
    // Oldest first: the first dated chat seen for a row is its oldest.
    if (userRow.oldestAgeSeconds === null) userRow.oldestAgeSeconds = chat.ageSeconds;
  }

  // A filter on one operator always answers with that operator's row, even when idle or unknown.
  if (filters.user !== null) addUser(filters.user);
  const byUser = [...userRows.values()].sort(compareUserRows);

  const byChannel = [...channelRows.values()].sort(
    (a, b) => b.openChats - a.openChats || compareNames(a.name, b.name) || compareIds(a.apiId, b.apiId),
  );

  return {
    totals: {
      openChats,
      operators: operatorsWithChats.size,
      channels: channelsWithChats.size,
      oldestAgeSeconds: datedAges.length > 0 ? datedAges[0]! : null,
      medianAgeSeconds: median(datedAges),
      undatedChats,
    },
    ageBuckets: AGE_BUCKETS.map((bucket, index) => ({
      key: bucket.key,
      label: bucket.label,
      fromSeconds: bucket.fromSeconds,
      toSeconds: bucket.toSeconds,
      openChats: bucketTotals[index]!,
    })),
    byUser,
    byChannel,
  };
}

/** Median of ages sorted in descending order; the mean of the middle two for an even count. */
function median(descending: readonly number[]): number | null {
  const n = descending.length;
  if (n === 0) return null;
  const mid = n >> 1;
  if (n % 2 === 1) return descending[mid]!;
  return Math.round((descending[mid - 1]! + descending[mid]!) / 2);
}

function compareUserRows(a: UserLoad, b: UserLoad): number {
  return (
    b.openChats - a.openChats ||
    (b.oldestAgeSeconds ?? -1) - (a.oldestAgeSeconds ?? -1) ||
    compareNames(a.name, b.name) ||
    compareIds(a.userId, b.userId)
  );
}
