import type { z } from 'zod';
import type {
  applyResponseSchema,
  moveLogEntrySchema,
  moveResultSchema,
  movesResponseSchema,
  planResponseSchema,
  rebalanceStatusResponseSchema,
} from '@/lib/api/response-schemas';
import type { MoveRecord } from '@/lib/storage/types';
import { UNASSIGNED_ROW_ID } from '@/lib/load/types';
import type { AutoRun, MoveResult } from './service';

// The rebalancing API's shapes, inferred from their schemas in lib/api/response-schemas.ts (the
// contract), and the mappers from the service's records to them.

export type PlanBody = z.infer<typeof planResponseSchema>;
export type MoveResultBody = z.infer<typeof moveResultSchema>;
export type ApplyResponse = z.infer<typeof applyResponseSchema>;
export type MoveLogBody = z.infer<typeof moveLogEntrySchema>;
export type MovesResponse = z.infer<typeof movesResponseSchema>;
export type RebalanceStatusResponse = z.infer<typeof rebalanceStatusResponseSchema>;

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
