import type { Operator, OpenChat } from '@/lib/model/team';
import type { Settings, TeamSettings } from '@/lib/settings/schema';

// The manager's rules the numbers are read against: who is in which team, what each operator can
// take, when a wait is too long and when an operator counts as away. Pure functions, one place for
// each rule, so a number on screen has exactly one definition:
//
//   team's chats     its operators' chats, plus the unassigned chats on the channels it serves
//   capacity         the operator's own figure if the settings name one (null = no limit), else the default
//   available        not locked, not deleted, and active in wamm.chat within awayAfterMinutes of the data
//   over capacity    more open chats (on every channel) than the capacity
//   past a threshold last message at least warningMinutes / criticalMinutes before the data

export type LoadRules = Pick<Settings, 'teams' | 'capacity' | 'thresholds' | 'availability'>;

export function capacityOf(rules: LoadRules, operatorId: string): number | null {
  const own = rules.capacity.operators[operatorId];
  return own === undefined ? rules.capacity.default : own;
}

/** Available to take chats at `asOfMs`: neither locked nor deleted, and active recently enough. */
export function isAvailable(rules: LoadRules, operator: Operator | undefined, asOfMs: number): boolean {
  if (!operator || operator.locked || operator.deleted || operator.lastActiveMs === null) return false;
  return asOfMs - operator.lastActiveMs <= rules.availability.awayAfterMinutes * 60_000;
}

export function isOverCapacity(openChats: number, capacity: number | null): boolean {
  return capacity !== null && openChats > capacity;
}

/** The teams each operator is in, in the settings' order. */
export function teamsByOperator(rules: LoadRules): Map<string, string[]> {
  const byOperator = new Map<string, string[]>();
  for (const team of rules.teams) {
    for (const id of team.operatorIds) {
      const list = byOperator.get(id);
      if (list) list.push(team.id);
      else byOperator.set(id, [team.id]);
    }
  }
  return byOperator;
}

/** A compiled team: membership checks in constant time. */
export interface TeamScope {
  team: TeamSettings;
  operators: ReadonlySet<string>;
  channels: ReadonlySet<string>;
}

export function teamScope(team: TeamSettings): TeamScope {
  return { team, operators: new Set(team.operatorIds), channels: new Set(team.channelIds) };
}

export function chatInTeam(chat: Pick<OpenChat, 'operatorId' | 'channelId'>, scope: TeamScope): boolean {
  if (chat.operatorId !== null) return scope.operators.has(chat.operatorId);
  return chat.channelId !== null && scope.channels.has(chat.channelId);
}

export function warningSeconds(rules: LoadRules): number {
  return rules.thresholds.warningMinutes * 60;
}

export function criticalSeconds(rules: LoadRules): number {
  return rules.thresholds.criticalMinutes * 60;
}
