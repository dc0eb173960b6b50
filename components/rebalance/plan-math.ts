import { UNASSIGNED_ROW_ID, type UserLoad } from '@/lib/load/types';

// The numbers the Rebalance page computes itself, from the live load (/api/load's rows) and the moves
// a manager keeps: who may receive a chat, and each operator's load before → after the moves. Pure,
// so the page's arithmetic is proven without a browser.

export type OperatorRow = Pick<UserLoad, 'userId' | 'name' | 'openChats' | 'capacity' | 'teamIds' | 'available' | 'locked' | 'deleted'>;

export interface TeamScope {
  id: string;
  operatorIds: readonly string[];
  channelIds: readonly string[];
}

export interface KeptMove {
  chatId: string;
  fromUserId: string;
  toUserId: string;
}

export interface LoadChange {
  userId: string;
  before: number;
  after: number;
  /** null: no limit. */
  capacity: number | null;
}

/**
 * The teams a chat belongs to, as the planner sees them: its operator's teams, or for an unassigned
 * chat the teams serving its channel; only `teamId` when the plan is for one team.
 */
export function teamsOfChat(chat: { fromUserId: string; apiId: string | null }, teams: readonly TeamScope[], teamId: string | null): string[] {
  const inScope = teamId === null ? teams : teams.filter((team) => team.id === teamId);
  return inScope
    .filter((team) => (chat.fromUserId === UNASSIGNED_ROW_ID ? chat.apiId !== null && team.channelIds.includes(chat.apiId) : team.operatorIds.includes(chat.fromUserId)))
    .map((team) => team.id);
}

/**
 * Who may receive a chat of these teams: members of one of them, available (not locked, deleted or
 * away), not excluded from balancing, and not the chat's own operator. Ordered as `rows` are.
 */
export function eligibleTargets(rows: readonly OperatorRow[], chat: { fromUserId: string; teamIds: readonly string[] }, teams: readonly TeamScope[], excluded: ReadonlySet<string>): OperatorRow[] {
  const members = new Set<string>();
  for (const team of teams) if (chat.teamIds.includes(team.id)) for (const id of team.operatorIds) members.add(id);
  return rows.filter(
    (row) => row.userId !== UNASSIGNED_ROW_ID && row.userId !== chat.fromUserId && members.has(row.userId) && row.available && !row.locked && !row.deleted && !excluded.has(row.userId),
  );
}

/**
 * Open chats per operator before and after the kept moves, for every operator a move touches (the
 * unassigned row included), in the order of `rows`; an operator missing from `rows` starts at 0.
 */
export function loadChanges(rows: readonly OperatorRow[], moves: readonly KeptMove[]): LoadChange[] {
  const delta = new Map<string, number>();
  for (const move of moves) {
    if (move.fromUserId === move.toUserId) continue;
    delta.set(move.fromUserId, (delta.get(move.fromUserId) ?? 0) - 1);
    delta.set(move.toUserId, (delta.get(move.toUserId) ?? 0) + 1);
  }
  const known = new Map(rows.map((row) => [row.userId, row]));
  const ids = [...rows.map((row) => row.userId).filter((id) => delta.has(id)), ...[...delta.keys()].filter((id) => !known.has(id))];
  return ids.map((userId) => {
    const row = known.get(userId);
    const before = row?.openChats ?? 0;
    return { userId, before, after: Math.max(0, before + (delta.get(userId) ?? 0)), capacity: row?.capacity ?? null };
  });
}

/** Whether a plan based on data from `basedOn` is too old to apply without planning again. */
export const PLAN_MAX_AGE_MS = 2 * 60_000;
export function planTooOld(basedOn: string, nowMs: number): boolean {
  return nowMs - Date.parse(basedOn) > PLAN_MAX_AGE_MS;
}
