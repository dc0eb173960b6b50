// The rebalancing planner: which chats to move to whom now, and why the others a rule wanted to move stay where they are.
// A pure function of one data set and the settings; the service around it applies the moves.
//
// WHICH CHATS MOVE FIRST. When there is less room than chats to place, this order decides who gets it:
//
//   a. unassigned chats                                    (balancing.rules.unassigned)
//   b. chats of operators who are gone: deleted, locked,
//      away, or missing from wamm.chat's operator list     (balancing.rules.awayOperators)
//   c. chats waiting too long                              (balancing.rules.waitingTooLong)
//   d. the excess of operators over their capacity         (balancing.rules.overCapacity)
//
// A chat is wanted by the first of a–c that applies to it (a chat of a deleted operator that waits too long
// moves as operator_deleted); any chat of an over-capacity operator that a–c leave may be part of d.
//
// - Within a, b and c the longest-waiting chat goes first: the data set's own order (oldest last message
//   first, undated last). These customers have nobody, or nobody answering; the longer the wait, the more
//   it matters.
// - A chat that found no room is tried again, in the same order, after a move has freed room (a waiting chat
//   leaving an available operator), so a chat reported as no_room had no room left at the end of the plan.
// - Over capacity comes last: moves of a–c often take chats off an overloaded operator already, and only
//   what is left of the excess moves, so fewer chats move in all. Scarce room goes to the operator most
//   over capacity in proportion (open chats ÷ capacity, then the larger excess, then the id), one chat at a
//   time, so the relief is shared rather than all given to whoever comes first.
// - An over-capacity operator gives up their NEWEST chats first (most recent last message; undated ones
//   last). Those customers wrote last and are the likeliest to be waiting for an answer right now, which an
//   operator over capacity will be slow to give; a chat quiet for a long time is more often finished but not
//   closed, and moving it would only fill a colleague's room with a chat that needs nothing. Long waits are
//   the waitingTooLong rule's business, not this one's.
//
// WHO RECEIVES. An available, non-excluded operator with complete numbers, in a team of the chat (the teams
// serving its channel when unassigned, the teams of its operator otherwise; only teamId's team when given),
// not its current operator, with room (open chats < capacity). The most spare capacity in proportion wins,
// (capacity − open chats) ÷ capacity, counted as the plan goes (a target fills up, a source empties). An
// operator WITHOUT A LIMIT ranks as if their capacity were the largest finite capacity among the chat's
// candidates with room: they take a fair share instead of every chat, and stay deterministic; when no
// candidate has a limit, the fewest open chats wins. Ties go to whoever received a chat least recently
// (lastReceivedAtMs, never = longest ago; a chat given in this plan counts as received now), then to the
// lower id. Choices are made one chat at a time and not revisited: an earlier chat is not re-routed to make
// room for a later one.
//
// NEVER MOVED (reason, in this order of precedence): a group chat (group_chat); a chat wamm.chat refused
// before (cannot_be_assigned); a chat outside every team (no_team); a chat moved within noRepeatHours, or, for
// waitingTooLong, a chat moved at any time since its last message: that wait already had its one move
// (moved_recently); a chat of an operator whose numbers are partial, or any chat when all are
// (partial_data). A chat that finds no room while a candidate was passed over only for partial numbers is
// partial_data too, not no_room: that candidate's real load is unknown. The chats of an excluded operator
// are left out altogether, in neither list: the manager took that operator out of balancing.

import type { LoadChat } from '@/lib/load/aggregate';
import { capacityOf, chatInTeam, criticalSeconds, isAvailable, teamScope, type TeamScope } from '@/lib/load/rules';
import type { Operator } from '@/lib/model/team';
import type { MoveReason, NotPlaced, NotPlacedReason, Plan, PlannedMove, PlannerInput } from './types';

const HOUR_MS = 3_600_000;

type DemandReason = Exclude<MoveReason, 'over_capacity'>;

/** One operator as the plan goes: their open chats change with every move planned. */
interface Slot {
  id: string;
  capacity: number | null;
  load: number;
  receivedAtMs: number;
  /** target: may receive; partial: would, but their numbers cannot be trusted; never: may not receive. */
  status: 'target' | 'partial' | 'never';
}

/** The operators who may receive a chat of some team set, or null when the chat is in no team. */
type Candidates = readonly Slot[] | null;

interface Demand {
  chat: LoadChat;
  wanted: DemandReason;
  source: Slot | null;
  candidates: readonly Slot[];
  /** Why the last attempt found nobody. */
  failure: NotPlacedReason;
}

interface OverCapacity {
  slot: Slot;
  capacity: number;
  candidates: readonly Slot[];
  /** The operator's chats, newest first. */
  chats: readonly LoadChat[];
  cursor: number;
}

export function plan(input: PlannerInput): Plan {
  return new Planning(input).run();
}

class Planning {
  private readonly slots = new Map<string, Slot>();
  private readonly operators = new Map<string, Operator>();
  private readonly excluded: ReadonlySet<string>;
  private readonly scopes: readonly TeamScope[];
  private readonly candidatesByKey = new Map<string, Candidates>();
  private readonly moved = new Set<string>();
  private readonly moves: PlannedMove[] = [];
  /** Insertion-ordered; a chat that a later rule does move is taken out again. */
  private readonly notPlaced = new Map<string, NotPlaced>();
  private readonly windowMs: number;
  private readonly waitingTooLongSeconds: number;
  private freedRoom = false;

  constructor(private readonly input: PlannerInput) {
    const { rules, balancing } = input;
    for (const operator of input.operators) this.operators.set(operator.id, operator);
    this.excluded = new Set(balancing.excludedOperatorIds);
    const teams = input.teamId === null ? rules.teams : rules.teams.filter((team) => team.id === input.teamId);
    this.scopes = teams.map(teamScope);
    this.windowMs = balancing.noRepeatHours * HOUR_MS;
    this.waitingTooLongSeconds = criticalSeconds(rules) + balancing.rules.waitingTooLongMinutes * 60;
    // Capacity is about an operator's whole load: every chat of the data set, whatever team or channel.
    for (const chat of input.chats) if (chat.operatorId !== null) this.slot(chat.operatorId).load++;
  }

  run(): Plan {
    this.placeDemand(this.collectDemand());
    if (this.input.balancing.rules.overCapacity) this.relieveOverCapacity();
    return { moves: this.moves, notPlaced: [...this.notPlaced.values()] };
  }

  // a–c of the header: unassigned chats, chats of gone operators, long waits.

  private collectDemand(): Demand[] {
    const byRule: [Demand[], Demand[], Demand[]] = [[], [], []];
    for (const chat of this.input.chats) {
      if (!this.inScope(chat) || this.isExcludedSource(chat)) continue;
      const wanted = this.wantedBy(chat);
      if (wanted === null) continue;
      const source = chat.operatorId === null ? null : this.slot(chat.operatorId);
      const candidates = this.candidates(chat);
      const blocked = this.blocked(chat, source, candidates, wanted === 'waiting_too_long');
      if (blocked !== null || candidates === null) {
        this.report(chat, blocked ?? 'no_team', wanted);
        continue;
      }
      const rank = wanted === 'unassigned' ? 0 : wanted === 'waiting_too_long' ? 2 : 1;
      byRule[rank].push({ chat, wanted, source, candidates, failure: 'no_room' });
    }
    return byRule.flat();
  }

  private wantedBy(chat: LoadChat): DemandReason | null {
    const { rules: switches } = this.input.balancing;
    if (chat.operatorId === null) return switches.unassigned ? 'unassigned' : null;
    if (switches.awayOperators) {
      const operator = this.operators.get(chat.operatorId);
      // Deleted before locked: when both are true, deleted is the lasting fact a supervisor needs to read.
      if (!operator) return 'operator_unknown';
      if (operator.deleted) return 'operator_deleted';
      if (operator.locked) return 'operator_locked';
      if (!isAvailable(this.input.rules, operator, this.input.asOfMs)) return 'operator_away';
    }
    if (switches.waitingTooLong && chat.ageSeconds !== null && chat.ageSeconds >= this.waitingTooLongSeconds) return 'waiting_too_long';
    return null;
  }

  private placeDemand(demand: Demand[]): void {
    let queue = demand;
    // Room only appears when a move takes a chat off an operator who may receive; then the chats that
    // found none are worth another pass, in the same order.
    do {
      this.freedRoom = false;
      const left: Demand[] = [];
      for (const item of queue) {
        const target = this.chooseTarget(item.candidates, item.source);
        if (typeof target === 'string') {
          item.failure = target;
          left.push(item);
        } else {
          this.move(item.chat, item.source, target, item.wanted);
        }
      }
      queue = left;
    } while (queue.length > 0 && this.freedRoom);
    for (const item of queue) this.report(item.chat, item.failure, item.wanted);
  }

  // d of the header: the excess of operators over capacity.

  private relieveOverCapacity(): void {
    const byOperator = new Map<string, LoadChat[]>();
    for (const chat of this.input.chats) {
      if (chat.operatorId === null || this.moved.has(chat.chatId)) continue;
      const list = byOperator.get(chat.operatorId);
      if (list) list.push(chat);
      else byOperator.set(chat.operatorId, [chat]);
    }
    const active: OverCapacity[] = [];
    for (const [id, chats] of byOperator) {
      const slot = this.slot(id);
      if (slot.capacity === null || slot.load <= slot.capacity) continue;
      if (this.excluded.has(id) || !this.inScope(chats[0]!)) continue;
      const state: OverCapacity = { slot, capacity: slot.capacity, candidates: [], chats: newestFirst(chats), cursor: 0 };
      const candidates = this.candidates(chats[0]!);
      if (candidates === null) this.reportExcess(state, 'no_team');
      else if (this.isPartial(id)) this.reportExcess(state, 'partial_data');
      else active.push({ ...state, candidates });
    }

    while (active.length > 0) {
      const index = mostOverCapacity(active);
      const state = active[index]!;
      const chat = this.nextMovable(state);
      // None of their chats may move any more: the report names the chats that hold the excess and why.
      const target = chat === null ? 'no_room' : this.chooseTarget(state.candidates, state.slot);
      if (chat === null || typeof target === 'string') {
        this.reportExcess(state, typeof target === 'string' ? target : 'no_room');
        active.splice(index, 1);
        continue;
      }
      this.move(chat, state.slot, target, 'over_capacity');
      state.cursor++;
      if (state.slot.load <= state.capacity) active.splice(index, 1);
    }
  }

  /** The operator's next chat that may move, from the cursor on; null when none is left. */
  private nextMovable(state: OverCapacity): LoadChat | null {
    for (; state.cursor < state.chats.length; state.cursor++) {
      const chat = state.chats[state.cursor]!;
      if (this.chatBlock(chat, false) === null) return chat;
    }
    return null;
  }

  /**
   * Says why the operator's remaining excess stays: the chats the rule would have moved next (newest first
   * among those that may move, with `reason`), then, if those run short, the chats that may not move with
   * their own reason. Chats already said under another rule are not said twice.
   */
  private reportExcess(state: OverCapacity, reason: NotPlacedReason): void {
    let count = state.slot.load - state.capacity;
    const held: LoadChat[] = [];
    for (const chat of state.chats) {
      if (count === 0) return;
      if (this.moved.has(chat.chatId) || this.notPlaced.has(chat.chatId)) continue;
      if (this.chatBlock(chat, false) === null) {
        this.report(chat, reason, 'over_capacity');
        count--;
      } else {
        held.push(chat);
      }
    }
    for (const chat of held) {
      if (count === 0) return;
      this.report(chat, this.chatBlock(chat, false) ?? reason, 'over_capacity');
      count--;
    }
  }

  // What every rule shares.

  /** The first never-rule that keeps the chat where it is, or null. */
  private blocked(chat: LoadChat, source: Slot | null, candidates: Candidates, onceEachWait: boolean): NotPlacedReason | null {
    const own = this.chatBlock(chat, onceEachWait);
    if (own === 'group_chat' || own === 'cannot_be_assigned') return own;
    if (candidates === null) return 'no_team';
    if (own !== null) return own;
    if (source !== null && this.isPartial(source.id)) return 'partial_data';
    if (this.input.partialOperatorIds === 'all') return 'partial_data';
    return null;
  }

  /** The never-rules about the chat itself: a group, refused before, moved too recently. */
  private chatBlock(chat: LoadChat, onceEachWait: boolean): NotPlacedReason | null {
    if (chat.group) return 'group_chat';
    if (this.input.unassignable.has(chat.chatId)) return 'cannot_be_assigned';
    const movedAt = this.input.lastMovedAtMs.get(chat.chatId);
    if (movedAt === undefined) return null;
    if (this.input.asOfMs - movedAt < this.windowMs) return 'moved_recently';
    // "Moved once" for a long wait: a move since the customer's last message already was this wait's move.
    if (onceEachWait && chat.lastMessageMs !== null && movedAt >= chat.lastMessageMs) return 'moved_recently';
    return null;
  }

  /**
   * The best operator to receive a chat now, or why there is none. See the header: most spare capacity in
   * proportion, an unlimited operator counted at the largest finite capacity among the candidates with room,
   * then least recently given a chat, then id.
   */
  private chooseTarget(candidates: readonly Slot[], source: Slot | null): Slot | NotPlacedReason {
    let largestFinite = 0;
    let sawPartial = false;
    for (const slot of candidates) {
      if (slot === source) continue;
      if (slot.status === 'partial') sawPartial = true;
      else if (slot.capacity !== null && slot.load < slot.capacity && slot.capacity > largestFinite) largestFinite = slot.capacity;
    }
    let best: Slot | null = null;
    let bestSpare = 0;
    for (const slot of candidates) {
      if (slot === source || slot.status !== 'target') continue;
      const { capacity, load } = slot;
      if (capacity !== null && load >= capacity) continue;
      // Integer numerators and denominators: equal proportions divide to the same double, so ties are exact.
      const spare = capacity !== null ? (capacity - load) / capacity : largestFinite > 0 ? (largestFinite - load) / largestFinite : -load;
      if (
        best === null ||
        spare > bestSpare ||
        (spare === bestSpare && (slot.receivedAtMs < best.receivedAtMs || (slot.receivedAtMs === best.receivedAtMs && slot.id < best.id)))
      ) {
        best = slot;
        bestSpare = spare;
      }
    }
    return best ?? (sawPartial ? 'partial_data' : 'no_room');
  }

  private move(chat: LoadChat, source: Slot | null, target: Slot, reason: MoveReason): void {
    this.moves.push({ chatId: chat.chatId, fromOperatorId: chat.operatorId, toOperatorId: target.id, reason });
    this.moved.add(chat.chatId);
    this.notPlaced.delete(chat.chatId);
    target.load++;
    target.receivedAtMs = this.input.asOfMs;
    if (source !== null) {
      source.load--;
      if (source.status === 'target') this.freedRoom = true;
    }
  }

  private report(chat: LoadChat, reason: NotPlacedReason, wanted: MoveReason): void {
    if (!this.notPlaced.has(chat.chatId)) this.notPlaced.set(chat.chatId, { chatId: chat.chatId, reason, wanted });
  }

  /**
   * Who may receive this chat, whatever their room: the members of the chat's teams (lib/load/rules
   * chatInTeam) that are available and not excluded. The same for every chat of one operator, or every
   * unassigned chat of one channel, so computed once per operator or channel.
   */
  private candidates(chat: LoadChat): Candidates {
    const key = chat.operatorId !== null ? `o${chat.operatorId}` : `c${chat.channelId ?? ''}`;
    const known = this.candidatesByKey.get(key);
    if (known !== undefined) return known;
    const teams = this.scopes.filter((scope) => chatInTeam(chat, scope));
    let found: Candidates = null;
    if (teams.length > 0) {
      const seen = new Set<string>();
      const slots: Slot[] = [];
      for (const scope of teams) {
        for (const id of scope.team.operatorIds) {
          if (seen.has(id)) continue;
          seen.add(id);
          const slot = this.slot(id);
          if (slot.status !== 'never') slots.push(slot);
        }
      }
      found = slots;
    }
    this.candidatesByKey.set(key, found);
    return found;
  }

  private slot(id: string): Slot {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      const { rules, asOfMs } = this.input;
      const receives = isAvailable(rules, this.operators.get(id), asOfMs) && !this.excluded.has(id);
      slot = {
        id,
        capacity: capacityOf(rules, id),
        load: 0,
        receivedAtMs: this.input.lastReceivedAtMs.get(id) ?? Number.NEGATIVE_INFINITY,
        status: !receives ? 'never' : this.isPartial(id) ? 'partial' : 'target',
      };
      this.slots.set(id, slot);
    }
    return slot;
  }

  private isPartial(operatorId: string): boolean {
    const partial = this.input.partialOperatorIds;
    return partial === 'all' || partial.has(operatorId);
  }

  private isExcludedSource(chat: LoadChat): boolean {
    return chat.operatorId !== null && this.excluded.has(chat.operatorId);
  }

  private inScope(chat: LoadChat): boolean {
    if (this.input.teamId === null) return true;
    const scope = this.scopes[0];
    return scope !== undefined && chatInTeam(chat, scope);
  }
}

/** An operator's chats newest first: the data set keeps them oldest first with the undated last. */
function newestFirst(chats: readonly LoadChat[]): LoadChat[] {
  const dated = chats.filter((chat) => chat.ageSeconds !== null).reverse();
  const undated = chats.filter((chat) => chat.ageSeconds === null);
  return dated.concat(undated);
}

/** The index of the operator most over capacity in proportion; then the larger excess; then the id. */
function mostOverCapacity(active: readonly OverCapacity[]): number {
  let best = 0;
  for (let i = 1; i < active.length; i++) {
    const a = active[i]!;
    const b = active[best]!;
    // load / capacity compared without dividing: capacity may be 0, and cross products of integers are exact.
    const ratio = a.slot.load * b.capacity - b.slot.load * a.capacity;
    const excess = a.slot.load - a.capacity - (b.slot.load - b.capacity);
    if (ratio > 0 || (ratio === 0 && (excess > 0 || (excess === 0 && a.slot.id < b.slot.id)))) best = i;
  }
  return best;
}
