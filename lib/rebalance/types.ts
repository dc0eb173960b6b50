import type { LoadChat } from '@/lib/load/aggregate';
import type { LoadRules } from '@/lib/load/rules';
import type { Operator } from '@/lib/model/team';
import type { Settings } from '@/lib/settings/schema';

// The rebalancing planner's contract: what it is given and what it answers. The planner
// (./planner.ts) is a pure function; the service around it reads fresh data, applies moves through
// wamm.chat and keeps the moves log.

export type BalancingSettings = Settings['balancing'];

/** Why a chat is moved. */
export type MoveReason =
  /** Nobody is responsible for it. */
  | 'unassigned'
  /** Its operator is locked in wamm.chat. */
  | 'operator_locked'
  /** Its operator was deleted in wamm.chat. */
  | 'operator_deleted'
  /** Its operator has not been active within the settings' awayAfterMinutes. */
  | 'operator_away'
  /** Its operator is not in wamm.chat's operator list at all. */
  | 'operator_unknown'
  /** Its operator holds more chats than their capacity. */
  | 'over_capacity'
  /** It has waited past the critical threshold for longer than the rule allows. */
  | 'waiting_too_long';

/** Why a chat that a rule would move stays where it is. */
export type NotPlacedReason =
  /** A group: wamm.chat cannot give it a responsible operator. */
  | 'group_chat'
  /** wamm.chat refused it before ("phone fail"): it cannot be assigned. */
  | 'cannot_be_assigned'
  /** Moved within the last noRepeatHours: not moved again so soon. */
  | 'moved_recently'
  /** No team serves its channel (unassigned) or its operator is in no team. */
  | 'no_team'
  /** Its team has no available, non-excluded colleague with room. */
  | 'no_room'
  /** The numbers of an operator involved are partial (the 900 cap, a failed call): nothing is moved on a guess. */
  | 'partial_data';

/** Every move reason, for the API's schemas; a reason added above and not here fails to compile. */
export const MOVE_REASONS = ['unassigned', 'operator_locked', 'operator_deleted', 'operator_away', 'operator_unknown', 'over_capacity', 'waiting_too_long'] as const satisfies readonly MoveReason[];
/** Every reason a chat stays where it is, for the API's schemas. */
export const NOT_PLACED_REASONS = ['group_chat', 'cannot_be_assigned', 'moved_recently', 'no_team', 'no_room', 'partial_data'] as const satisfies readonly NotPlacedReason[];
const allMoveReasons: Exclude<MoveReason, (typeof MOVE_REASONS)[number]> extends never ? true : never = true;
const allNotPlacedReasons: Exclude<NotPlacedReason, (typeof NOT_PLACED_REASONS)[number]> extends never ? true : never = true;
void allMoveReasons;
void allNotPlacedReasons;

export interface PlannedMove {
  chatId: string;
  /** null: the chat has no responsible operator now. */
  fromOperatorId: string | null;
  toOperatorId: string;
  reason: MoveReason;
}

export interface NotPlaced {
  chatId: string;
  reason: NotPlacedReason;
  /** The rule that wanted to move it. */
  wanted: MoveReason;
}

export interface PlannerInput {
  asOfMs: number;
  /** Oldest first (as the data set keeps them): the order decides which chats go first. */
  chats: readonly LoadChat[];
  operators: readonly Operator[];
  rules: LoadRules;
  balancing: BalancingSettings;
  /** Plan within one team only; null = every team. */
  teamId: string | null;
  /**
   * Operators whose open chats are not fully known (their per-operator call failed past the cap);
   * `'all'` when no operator's numbers can be trusted (the operator list itself failed).
   */
  partialOperatorIds: ReadonlySet<string> | 'all';
  /** When each chat was last moved by chatload (epoch ms), for noRepeatHours. */
  lastMovedAtMs: ReadonlyMap<string, number>;
  /** When each operator last received a chat from chatload (epoch ms): ties go to the longest ago. */
  lastReceivedAtMs: ReadonlyMap<string, number>;
  /** Chats wamm.chat refused to assign before ("phone fail"). */
  unassignable: ReadonlySet<string>;
}

export interface Plan {
  moves: PlannedMove[];
  notPlaced: NotPlaced[];
}
