import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useProblemWords } from '@/components/load/problem-words';
import { ApiRequestError } from '@/components/queries/fetch-json';
import { UPSTREAM_ERROR_CODES } from '@/lib/load/types';
import type { MoveResultBody } from '@/lib/rebalance/responses';
import { MOVE_REASONS, NOT_PLACED_REASONS, type MoveReason, type NotPlacedReason } from '@/lib/rebalance/types';

// Why a chat moves, why it stays, and what happened to a move, in the page's language. The server's
// English sentence is the fallback for an outcome this page does not know yet.

const OUTCOMES = [
  'moved',
  'already_there',
  'closed',
  'moved_elsewhere',
  'group_chat',
  'phone_fail',
  'user_not_found',
  'user_not_active',
  'token_fail',
  'not_checked',
  'not_sent',
  'unknown',
  'nothing_to_undo',
  'undone_already',
] as const;
type Outcome = (typeof OUTCOMES)[number];
const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

export interface RebalanceWords {
  reason(reason: string | null): string;
  notPlaced(reason: string): string;
  status(status: MoveResultBody['status']): string;
  /** The whole result in a sentence: what happened and, when it did not move, why. */
  result(result: Pick<MoveResultBody, 'status' | 'outcome' | 'message' | 'toUserId'>): string;
}

export function useRebalanceWords(): RebalanceWords {
  const t = useTranslations('rebalance');
  return useMemo(
    () => ({
      reason: (reason) => {
        if (reason === null) return t('reasons.byHand');
        return (MOVE_REASONS as readonly string[]).includes(reason) ? t(`reasons.${reason as MoveReason}`) : reason;
      },
      notPlaced: (reason) => ((NOT_PLACED_REASONS as readonly string[]).includes(reason) ? t(`notPlacedReasons.${reason as NotPlacedReason}`) : reason),
      status: (status) => t(`statuses.${status}`),
      result: (result) => {
        if (result.outcome === 'moved' && result.status === 'moved') return result.toUserId === '0' ? t('outcomes.unassigned') : t('outcomes.moved');
        return isOutcome(result.outcome) ? t(`outcomes.${result.outcome}`) : result.message;
      },
    }),
    [t],
  );
}

const UPSTREAM_CODES = new Set<string>(UPSTREAM_ERROR_CODES);

/**
 * A refused write in words: wamm.chat's failures and a lost connection as the rest of the dashboard
 * says them; any other refusal (403, 404, 409, …) with the server's own sentence, which says what to do.
 */
export function useWriteFailure(): (error: unknown) => string {
  const problems = useProblemWords();
  return useMemo(
    () => (error: unknown) => (error instanceof ApiRequestError && !UPSTREAM_CODES.has(error.code) && error.code !== 'bad_response' ? error.message : problems.request(error)),
    [problems],
  );
}
