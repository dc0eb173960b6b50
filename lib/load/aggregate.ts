import { AGE_BUCKETS, AGE_BUCKET_COUNT, ageBucketIndex } from './ages';
import { compareNames } from './names-order';
import { capacityOf, chatInTeam, criticalSeconds, isAvailable, isOverCapacity, teamScope, teamsByOperator, warningSeconds, type LoadRules, type TeamScope } from './rules';
import { UNASSIGNED_ROW_ID, type AgeBucketTotal, type ChannelLoad, type LoadTotals, type TeamLoad, type UserLoad } from './types';
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
  /** A team's id from the settings: its operators' chats and the unassigned chats on its channels. */
  team: string | null;
}

export const NO_FILTERS: LoadFilters = { channel: null, user: null, team: null };

export interface LoadAggregate {
  totals: LoadTotals;
  ageBuckets: AgeBucketTotal[];
  byUser: UserLoad[];
  byChannel: ChannelLoad[];
  byTeam: TeamLoad[];
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
    // Written out, not spread: one object shape for every chat keeps the per-view passes fast.
    chats[i] = {
      chatId: chat.chatId,
      chatName: chat.chatName,
      phone: chat.phone,
      avatar: chat.avatar,
      operatorId: chat.operatorId,
      channelId: chat.channelId,
      lastMessageMs: chat.lastMessageMs,
      group: chat.group,
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

/**
 * A filter compiled against the rules: `team` must name a team of the rules (the routes refuse an
 * unknown one with a 400 first); an unknown one here matches nothing.
 */
export interface CompiledFilters {
  filters: LoadFilters;
  team: TeamScope | null;
}

export function compileFilters(filters: LoadFilters, rules: LoadRules): CompiledFilters {
  if (filters.team === null) return { filters, team: null };
  const team = rules.teams.find((candidate) => candidate.id === filters.team);
  return { filters, team: team ? teamScope(team) : teamScope({ id: filters.team, name: filters.team, operatorIds: [], channelIds: [] }) };
}

export function matchesFilters(chat: LoadChat, compiled: CompiledFilters): boolean {
  const { filters } = compiled;
  return (
    (filters.channel === null || chat.channelId === filters.channel) &&
    (filters.user === null || operatorRowId(chat) === filters.user) &&
    (compiled.team === null || chatInTeam(chat, compiled.team))
  );
}

/** What every view of one data set under one set of rules shares: counted once, not per view. */
interface SharedCounts {
  rules: LoadRules;
  operatorsById: Map<string, Operator>;
  channelsById: Map<string, Channel>;
  teamsOf: Map<string, string[]>;
  /** Capacity is about an operator's whole load: every channel, whatever the view's filters. */
  totalByOperator: Map<string, number>;
  byTeam: TeamLoad[];
}

const shared = new WeakMap<LoadDataset, SharedCounts>();

function sharedCounts(dataset: LoadDataset, rules: LoadRules): SharedCounts {
  const kept = shared.get(dataset);
  if (kept && kept.rules === rules) return kept;
  const operatorsById = new Map<string, Operator>();
  for (const operator of dataset.operators) operatorsById.set(operator.id, operator);
  const channelsById = new Map<string, Channel>();
  for (const channel of dataset.channels) channelsById.set(channel.id, channel);
  const totalByOperator = new Map<string, number>();
  for (const chat of dataset.chats) {
    if (chat.operatorId !== null) totalByOperator.set(chat.operatorId, (totalByOperator.get(chat.operatorId) ?? 0) + 1);
  }
  const counts: SharedCounts = {
    rules,
    operatorsById,
    channelsById,
    teamsOf: teamsByOperator(rules),
    totalByOperator,
    byTeam: teamLoads(dataset, rules, operatorsById, totalByOperator),
  };
  shared.set(dataset, counts);
  return counts;
}

export function aggregate(dataset: LoadDataset, filters: LoadFilters, rules: LoadRules): LoadAggregate {
  const compiled = compileFilters(filters, rules);
  const { operatorsById, channelsById, teamsOf, totalByOperator, byTeam } = sharedCounts(dataset, rules);
  const { asOfMs } = dataset;
  const warning = warningSeconds(rules);
  const critical = criticalSeconds(rules);

  // Rows exist before counting so idle operators and quiet channels show as 0. With a team filter,
  // the rows are the team's operators and the unassigned row, nobody else.
  const userRows = new Map<string, UserLoad>();
  const addUser = (userId: string) => {
    if (userRows.has(userId)) return;
    if (filters.user !== null && userId !== filters.user) return;
    if (compiled.team !== null && userId !== UNASSIGNED_ROW_ID && !compiled.team.operators.has(userId)) return;
    const unassigned = userId === UNASSIGNED_ROW_ID;
    const known = unassigned ? undefined : operatorsById.get(userId);
    const capacity = unassigned ? null : capacityOf(rules, userId);
    userRows.set(userId, {
      userId,
      name: known?.name ?? null,
      locked: known?.locked ?? false,
      deleted: known?.deleted ?? false,
      openChats: 0,
      oldestAgeSeconds: null,
      buckets: new Array<number>(AGE_BUCKET_COUNT).fill(0),
      capacity,
      teamIds: unassigned ? [] : (teamsOf.get(userId) ?? []),
      lastActiveAt: known?.lastActiveMs == null ? null : new Date(known.lastActiveMs).toISOString(),
      available: !unassigned && isAvailable(rules, known, asOfMs),
      overCapacity: !unassigned && isOverCapacity(totalByOperator.get(userId) ?? 0, capacity),
    });
  };
  for (const operator of dataset.operators) if (!operator.deleted) addUser(operator.id);
  if (compiled.team !== null) {
    for (const id of compiled.team.team.operatorIds) addUser(id);
    addUser(UNASSIGNED_ROW_ID);
  }

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
  let overWarningChats = 0;
  let overCriticalChats = 0;

  for (const chat of dataset.chats) {
    // Every id seen on a chat gets a row, even outside the filter, so rows don't jump between views.
    const rowId = operatorRowId(chat);
    addUser(rowId);
    if (chat.channelId !== null) addChannel(chat.channelId);
    if (!matchesFilters(chat, compiled)) continue;

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
    if (chat.ageSeconds >= warning) overWarningChats++;
    if (chat.ageSeconds >= critical) overCriticalChats++;
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

  const people = byUser.filter((row) => row.userId !== UNASSIGNED_ROW_ID);
  return {
    totals: {
      openChats,
      operators: operatorsWithChats.size,
      channels: channelsWithChats.size,
      oldestAgeSeconds: datedAges.length > 0 ? datedAges[0]! : null,
      medianAgeSeconds: median(datedAges),
      undatedChats,
      capacity: capacityOfAvailable(people),
      overCapacityOperators: people.filter((row) => row.overCapacity).length,
      overWarningChats,
      overCriticalChats,
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
    byTeam,
  };
}

/** What the available operators among `rows` can take together; null when any of them has no limit. */
function capacityOfAvailable(rows: readonly UserLoad[]): number | null {
  let sum = 0;
  for (const row of rows) {
    if (!row.available) continue;
    if (row.capacity === null) return null;
    sum += row.capacity;
  }
  return sum;
}

/** Every team of the rules over the whole data set (the view's filters do not apply), in the settings' order. */
function teamLoads(dataset: LoadDataset, rules: LoadRules, operatorsById: ReadonlyMap<string, Operator>, totalByOperator: ReadonlyMap<string, number>): TeamLoad[] {
  if (rules.teams.length === 0) return [];
  const critical = criticalSeconds(rules);
  const scopes = rules.teams.map(teamScope);
  const counts = scopes.map(() => ({ openChats: 0, overCriticalChats: 0, oldestAgeSeconds: null as number | null }));
  // Which teams a chat counts for, looked up by its operator (or, unassigned, its channel) instead of
  // asking every team about every chat.
  const byOperator = new Map<string, number[]>();
  const byChannel = new Map<string, number[]>();
  scopes.forEach((scope, index) => {
    for (const id of scope.operators) byOperator.set(id, [...(byOperator.get(id) ?? []), index]);
    for (const id of scope.channels) byChannel.set(id, [...(byChannel.get(id) ?? []), index]);
  });
  for (const chat of dataset.chats) {
    const teams = chat.operatorId !== null ? byOperator.get(chat.operatorId) : chat.channelId !== null ? byChannel.get(chat.channelId) : undefined;
    if (teams === undefined) continue;
    for (const i of teams) {
      const count = counts[i]!;
      count.openChats++;
      if (chat.ageSeconds !== null) {
        if (chat.ageSeconds >= critical) count.overCriticalChats++;
        // Chats come oldest first: the first dated one is the team's oldest.
        if (count.oldestAgeSeconds === null) count.oldestAgeSeconds = chat.ageSeconds;
      }
    }
  }
  return scopes.map((scope, i) => {
    let capacity: number | null = 0;
    let availableOperators = 0;
    let overCapacityOperators = 0;
    for (const id of scope.team.operatorIds) {
      const own = capacityOf(rules, id);
      if (isOverCapacity(totalByOperator.get(id) ?? 0, own)) overCapacityOperators++;
      if (!isAvailable(rules, operatorsById.get(id), dataset.asOfMs)) continue;
      availableOperators++;
      capacity = capacity === null || own === null ? null : capacity + own;
    }
    return {
      teamId: scope.team.id,
      name: scope.team.name,
      openChats: counts[i]!.openChats,
      capacity,
      operators: scope.team.operatorIds.length,
      availableOperators,
      overCapacityOperators,
      overCriticalChats: counts[i]!.overCriticalChats,
      oldestAgeSeconds: counts[i]!.oldestAgeSeconds,
    };
  });
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
