// A brute-force reference for the planner's tests: the balancing rules written out plainly, one question at a
// time, and every plan they allow found by exhaustive search. For small cases only (a handful of chats that
// may move): the search is exponential. Nothing in the app imports it.
//
// Deliberately written apart from planner.ts, without its indexes, caches or ordering, so that the two can
// disagree: the tests compare them. Both read the same rule functions of lib/load/rules.

import type { LoadChat } from '@/lib/load/aggregate';
import { capacityOf, chatInTeam, criticalSeconds, isAvailable, teamScope, type TeamScope } from '@/lib/load/rules';
import type { MoveReason, NotPlacedReason, PlannedMove, PlannerInput } from './types';

export type DemandReason = Exclude<MoveReason, 'over_capacity'>;

/** Why a chat may not move at all; out_of_scope and excluded ones no rule even considers. */
export type Block = NotPlacedReason | 'excluded' | 'out_of_scope';

/** The rules as questions about one chat or one operator. */
export class RuleBook {
  readonly scopes: readonly TeamScope[];

  constructor(readonly input: PlannerInput) {
    const teams = input.teamId === null ? input.rules.teams : input.rules.teams.filter((team) => team.id === input.teamId);
    this.scopes = teams.map(teamScope);
  }

  inScope(chat: LoadChat): boolean {
    return this.input.teamId === null || this.scopes.some((scope) => chatInTeam(chat, scope));
  }

  /** Every operator id of the teams the chat belongs to (within teamId's team when given). */
  teamMembers(chat: LoadChat): Set<string> {
    const members = new Set<string>();
    for (const scope of this.scopes) if (chatInTeam(chat, scope)) for (const id of scope.operators) members.add(id);
    return members;
  }

  isExcluded(operatorId: string): boolean {
    return this.input.balancing.excludedOperatorIds.includes(operatorId);
  }

  isPartial(operatorId: string): boolean {
    return this.input.partialOperatorIds === 'all' || this.input.partialOperatorIds.has(operatorId);
  }

  /** The rule among unassigned, awayOperators and waitingTooLong that wants this chat moved, first one first. */
  wantedBy(chat: LoadChat): DemandReason | null {
    const { rules: on } = this.input.balancing;
    if (chat.operatorId === null) return on.unassigned ? 'unassigned' : null;
    const operator = this.input.operators.find((candidate) => candidate.id === chat.operatorId);
    if (on.awayOperators) {
      if (operator === undefined) return 'operator_unknown';
      if (operator.deleted) return 'operator_deleted';
      if (operator.locked) return 'operator_locked';
      if (!isAvailable(this.input.rules, operator, this.input.asOfMs)) return 'operator_away';
    }
    const limit = criticalSeconds(this.input.rules) + on.waitingTooLongMinutes * 60;
    if (on.waitingTooLong && chat.ageSeconds !== null && chat.ageSeconds >= limit) return 'waiting_too_long';
    return null;
  }

  /** The first never-rule that keeps the chat where it is; `onceEachWait` for the waitingTooLong rule. */
  neverMoves(chat: LoadChat, onceEachWait: boolean): Block | null {
    if (!this.inScope(chat)) return 'out_of_scope';
    if (chat.operatorId !== null && this.isExcluded(chat.operatorId)) return 'excluded';
    if (chat.group) return 'group_chat';
    if (this.input.unassignable.has(chat.chatId)) return 'cannot_be_assigned';
    if (!this.scopes.some((scope) => chatInTeam(chat, scope))) return 'no_team';
    const movedAt = this.input.lastMovedAtMs.get(chat.chatId);
    if (movedAt !== undefined && this.input.asOfMs - movedAt < this.input.balancing.noRepeatHours * 3_600_000) return 'moved_recently';
    if (onceEachWait && movedAt !== undefined && chat.lastMessageMs !== null && movedAt >= chat.lastMessageMs) return 'moved_recently';
    if (chat.operatorId !== null && this.isPartial(chat.operatorId)) return 'partial_data';
    if (this.input.partialOperatorIds === 'all') return 'partial_data';
    return null;
  }

  /** May receive a chat at all: known, available (not locked, deleted or away), not excluded, numbers complete. */
  isTarget(operatorId: string): boolean {
    const operator = this.input.operators.find((candidate) => candidate.id === operatorId);
    return isAvailable(this.input.rules, operator, this.input.asOfMs) && !this.isExcluded(operatorId) && !this.isPartial(operatorId);
  }

  hasRoom(operatorId: string, loads: ReadonlyMap<string, number>): boolean {
    const capacity = capacityOf(this.input.rules, operatorId);
    return capacity === null || (loads.get(operatorId) ?? 0) < capacity;
  }

  /** May this operator take this chat now, given the open chats each operator holds at this point? */
  canTake(chat: LoadChat, operatorId: string, loads: ReadonlyMap<string, number>): boolean {
    return operatorId !== chat.operatorId && this.isTarget(operatorId) && this.teamMembers(chat).has(operatorId) && this.hasRoom(operatorId, loads);
  }

  /** Over capacity by how many chats (0 when not, or without a limit). */
  excess(operatorId: string, loads: ReadonlyMap<string, number>): number {
    const capacity = capacityOf(this.input.rules, operatorId);
    return capacity === null ? 0 : Math.max(0, (loads.get(operatorId) ?? 0) - capacity);
  }

  /** Every chat of the data set counts, whatever the team or channel. */
  initialLoads(): Map<string, number> {
    const loads = new Map<string, number>();
    for (const chat of this.input.chats) if (chat.operatorId !== null) loads.set(chat.operatorId, (loads.get(chat.operatorId) ?? 0) + 1);
    return loads;
  }

  /** The operators whose excess the overCapacity rule is about: in scope, not excluded. */
  overCapacityWatch(): string[] {
    if (!this.input.balancing.rules.overCapacity) return [];
    const ids = new Set<string>();
    for (const chat of this.input.chats) {
      if (chat.operatorId !== null && this.inScope(chat) && !this.isExcluded(chat.operatorId)) ids.add(chat.operatorId);
    }
    return [...ids];
  }
}

/** How good a plan is: fewer unplaced chats that a rule wanted moved, then less excess left, then fewer moves. */
export interface Outcome {
  unplaced: number;
  excess: number;
  moves: number;
}

export interface PlanSearch {
  /** How many distinct plans the rules allow. */
  plans: number;
  /** The best of them: fewest unplaced, then least excess, then fewest moves. */
  best: Outcome;
  /** The fewest moves of a plan that leaves at most this many unplaced and at most this much excess; Infinity when none does. */
  fewestMoves(atMost: { unplaced: number; excess: number }): number;
  /** Whether these moves, as a whole, are a plan the rules allow. */
  allows(moves: readonly PlannedMove[]): boolean;
}

export const REFERENCE_MAX_MOVABLE_CHATS = 6;

/**
 * Every plan reachable one move at a time: a chat a rule wants moved (unassigned, of a gone operator, waiting
 * too long) or a chat of an operator over capacity at that moment, to an operator who may take it then, each
 * chat at most once. Order matters only through room, so plans are told apart by where each chat ends.
 */
export function searchPlans(input: PlannerInput): PlanSearch {
  const book = new RuleBook(input);
  const overOn = input.balancing.rules.overCapacity;
  const demand: boolean[] = [];
  const movable: LoadChat[] = [];
  for (const chat of input.chats) {
    const wanted = book.wantedBy(chat);
    const asDemand = wanted !== null && book.neverMoves(chat, wanted === 'waiting_too_long') === null;
    const asExcess = overOn && chat.operatorId !== null && book.neverMoves(chat, false) === null;
    if (!asDemand && !asExcess) continue;
    movable.push(chat);
    demand.push(asDemand);
  }
  if (movable.length > REFERENCE_MAX_MOVABLE_CHATS) throw new Error(`the reference searches at most ${REFERENCE_MAX_MOVABLE_CHATS} movable chats, not ${movable.length}`);

  const watch = book.overCapacityWatch();
  const operatorIds = new Set<string>();
  for (const scope of book.scopes) for (const id of scope.operators) operatorIds.add(id);
  const targets = [...operatorIds];
  const outcomes = new Map<string, Outcome>();
  const destination: string[] = movable.map(() => '');
  const loads = book.initialLoads();

  const visit = () => {
    const key = destination.join('|');
    if (outcomes.has(key)) return;
    let unplaced = 0;
    let moves = 0;
    destination.forEach((to, i) => {
      if (to !== '') moves++;
      else if (demand[i]) unplaced++;
    });
    let excess = 0;
    for (const id of watch) excess += book.excess(id, loads);
    outcomes.set(key, { unplaced, excess, moves });

    movable.forEach((chat, i) => {
      if (destination[i] !== '') return;
      // A chat no other rule wants may move only while its operator is above capacity: exactly the excess.
      if (!demand[i] && book.excess(chat.operatorId ?? '', loads) === 0) return;
      for (const to of targets) {
        if (!book.canTake(chat, to, loads)) continue;
        destination[i] = to;
        loads.set(to, (loads.get(to) ?? 0) + 1);
        if (chat.operatorId !== null) loads.set(chat.operatorId, (loads.get(chat.operatorId) ?? 0) - 1);
        visit();
        if (chat.operatorId !== null) loads.set(chat.operatorId, (loads.get(chat.operatorId) ?? 0) + 1);
        loads.set(to, (loads.get(to) ?? 0) - 1);
        destination[i] = '';
      }
    });
  };
  visit();

  let best: Outcome | null = null;
  for (const outcome of outcomes.values()) {
    if (best === null || compareOutcomes(outcome, best) < 0) best = outcome;
  }
  return {
    plans: outcomes.size,
    best: best!,
    fewestMoves: ({ unplaced, excess }) => {
      let fewest = Number.POSITIVE_INFINITY;
      for (const outcome of outcomes.values()) if (outcome.unplaced <= unplaced && outcome.excess <= excess) fewest = Math.min(fewest, outcome.moves);
      return fewest;
    },
    allows: (moves) => {
      const ends = movable.map(() => '');
      for (const move of moves) {
        const i = movable.findIndex((chat) => chat.chatId === move.chatId);
        if (i < 0 || ends[i] !== '') return false;
        ends[i] = move.toOperatorId;
      }
      return outcomes.has(ends.join('|'));
    },
  };
}

export function compareOutcomes(a: Outcome, b: Outcome): number {
  return a.unplaced - b.unplaced || a.excess - b.excess || a.moves - b.moves;
}
