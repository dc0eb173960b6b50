import type { MoveRecord } from '@/lib/storage/types';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { AutoRun, MoveResult, PlanBody } from './service';

// The rebalancing API's shapes. Types and mappers only.

export type { PlanBody };

export interface MoveResultBody {
  chatId: string;
  toUserId: string;
  status: MoveResult['status'];
  message: string;
  /** The same as a code, for pages that word it in their own language. */
  outcome: string;
  /** The moves log entry, for an undo; null when nothing was sent. */
  moveId: string | null;
}

export interface ApplyResponse {
  results: MoveResultBody[];
}

export interface MoveLogBody {
  id: string;
  at: string;
  trigger: MoveRecord['trigger'];
  /** Who: an account name; null for automatic rebalancing. */
  actor: string | null;
  chatId: string;
  /** "0": nobody. */
  fromUserId: string;
  toUserId: string;
  reason: string | null;
  status: MoveRecord['status'];
  outcome: string;
  undoneAt: string | null;
}

export interface MovesResponse {
  moves: MoveLogBody[];
}

export interface RebalanceStatusResponse {
  mode: 'off' | 'suggest' | 'auto';
  intervalMinutes: number;
  lastRun: {
    at: string;
    mode: 'suggest' | 'auto';
    heldBack: string | null;
    plan: PlanBody | null;
    results: MoveResultBody[];
  } | null;
}

export function moveResultBody(result: MoveResult): MoveResultBody {
  return { chatId: result.chatId, toUserId: result.toUserId, status: result.status, message: result.message, outcome: result.outcome, moveId: result.moveId };
}

export function moveLogBody(record: MoveRecord): MoveLogBody {
  return {
    id: record.id,
    at: new Date(record.atMs).toISOString(),
    trigger: record.trigger,
    actor: record.actor,
    chatId: record.chatId,
    fromUserId: record.fromOperatorId ?? UNASSIGNED_ROW_ID,
    toUserId: record.toOperatorId ?? UNASSIGNED_ROW_ID,
    reason: record.reason,
    status: record.status,
    outcome: record.outcome,
    undoneAt: record.undoneAtMs === null ? null : new Date(record.undoneAtMs).toISOString(),
  };
}

export function autoRunBody(run: AutoRun | null): RebalanceStatusResponse['lastRun'] {
  if (!run) return null;
  return { at: new Date(run.atMs).toISOString(), mode: run.mode, heldBack: run.heldBack, plan: run.plan, results: run.results.map(moveResultBody) };
}
